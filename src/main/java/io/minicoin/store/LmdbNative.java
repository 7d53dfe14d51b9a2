package io.minicoin.store;

import static io.minicoin.store.NativeMemory.MEMORY;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LMDB's C functions, the eighteen we use, called through jffi: each is looked up once by name in
 * the library, described once (its return and parameter types, so that libffi passes the values as
 * the C compiler would), then called with plain {@code long}s. Pointers (an environment, a
 * transaction, a cursor, an {@code MDB_val}) are native addresses held in {@code long}s.
 *
 * <p>WHY our own: lmdbjava's binding (jnr-ffi) builds its function table by reflection, parsing
 * each method's annotations through dynamic proxies that class-data sharing cannot keep: about 60
 * ms of every command's start, as much as the rest of {@code getbalance}. These direct calls cost a
 * few milliseconds, and no allocation per call.
 *
 * <p>Only 64-bit platforms: LMDB's builds ({@code org.lmdbjava:native}) are all 64-bit, so {@code
 * size_t} and pointers are 64 bits. Every function but the two that free and the one that names an
 * error returns 0 or an error code ({@link LmdbError}); C {@code errno} values are positive, LMDB's
 * own negative.
 */
final class LmdbNative {
  private LmdbNative() {}

  // Environment flags (mdb_env_open).
  static final int MDB_NOSUBDIR = 0x4000;
  static final int MDB_NOMETASYNC = 0x40000;
  static final int MDB_NOTLS = 0x200000;

  // Transaction and table flags.
  static final int MDB_RDONLY = 0x20000;
  static final int MDB_CREATE = 0x40000;

  /** mdb_put: reserve room for the value and return where, so it is copied once, into the page. */
  static final int MDB_RESERVE = 0x10000;

  // Cursor operations (MDB_cursor_op).
  static final int MDB_FIRST = 0;
  static final int MDB_NEXT = 8;
  static final int MDB_SET_RANGE = 17;

  static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  /** How file names are turned into bytes for LMDB: see {@link #envOpen}. */
  private static final Charset FILE_NAMES = fileNames();

  /** struct MDB_val { size_t mv_size; void *mv_data; }: 16 bytes. */
  static final int VAL_SIZE = 16;

  /** LMDB's largest key (its default build): keys are copied into a buffer of this size. */
  static final int MAX_KEY_SIZE = 511;

  private static final Invoker INVOKER;

  private static final Fn ENV_CREATE;
  private static final Fn ENV_SET_MAPSIZE;
  private static final Fn ENV_SET_MAXDBS;
  private static final Fn ENV_SET_MAXREADERS;
  private static final Fn ENV_OPEN;
  private static final Fn ENV_INFO;
  private static final Fn ENV_CLOSE;
  private static final Fn TXN_BEGIN;
  private static final Fn TXN_COMMIT;
  private static final Fn TXN_ABORT;
  private static final Fn DBI_OPEN;
  private static final Fn GET;
  private static final Fn PUT;
  private static final Fn DEL;
  private static final Fn CURSOR_OPEN;
  private static final Fn CURSOR_GET;
  private static final Fn CURSOR_CLOSE;
  private static final Fn STRERROR;

  /** A C function: its address and how it is called. */
  private record Fn(long address, CallContext call) {}

  static {
    Library lmdb = LmdbNativeLibraries.load();
    INVOKER = Invoker.getInstance();
    Type p = Type.POINTER;
    Type size = Type.UINT64; // size_t, on the 64-bit platforms LMDB is built for
    Type u = Type.UINT; // unsigned int: flags, MDB_dbi, mdb_mode_t (at most 16 bits used)
    Type i = Type.SINT;
    ENV_CREATE = fn(lmdb, "mdb_env_create", i, p);
    ENV_SET_MAPSIZE = fn(lmdb, "mdb_env_set_mapsize", i, p, size);
    ENV_SET_MAXDBS = fn(lmdb, "mdb_env_set_maxdbs", i, p, u);
    ENV_SET_MAXREADERS = fn(lmdb, "mdb_env_set_maxreaders", i, p, u);
    ENV_OPEN = fn(lmdb, "mdb_env_open", i, p, p, u, u);
    ENV_INFO = fn(lmdb, "mdb_env_info", i, p, p);
    ENV_CLOSE = fn(lmdb, "mdb_env_close", Type.VOID, p);
    TXN_BEGIN = fn(lmdb, "mdb_txn_begin", i, p, p, u, p);
    TXN_COMMIT = fn(lmdb, "mdb_txn_commit", i, p);
    TXN_ABORT = fn(lmdb, "mdb_txn_abort", Type.VOID, p);
    DBI_OPEN = fn(lmdb, "mdb_dbi_open", i, p, p, u, p);
    GET = fn(lmdb, "mdb_get", i, p, u, p, p);
    PUT = fn(lmdb, "mdb_put", i, p, u, p, p, u);
    DEL = fn(lmdb, "mdb_del", i, p, u, p, p);
    CURSOR_OPEN = fn(lmdb, "mdb_cursor_open", i, p, u, p);
    CURSOR_GET = fn(lmdb, "mdb_cursor_get", i, p, p, p, i);
    CURSOR_CLOSE = fn(lmdb, "mdb_cursor_close", Type.VOID, p);
    STRERROR = fn(lmdb, "mdb_strerror", p, i);
  }

  private static Charset fileNames() {
    if (WINDOWS) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** Nothing: calling it loads the libraries (this class's initialisation), or throws. */
  static void ensureLoaded() {}

  private static Fn fn(Library library, String name, Type result, Type... parameters) {
    long address = library.getSymbolAddress(name);
    if (address == 0) {
      throw new StoreException("the LMDB library has no function " + name);
    }
    return new Fn(
        address, CallContext.getCallContext(result, parameters, CallingConvention.DEFAULT, false));
  }

  private static int call(Fn f, long a) {
    return (int) INVOKER.invokeN1(f.call, f.address, a);
  }

  private static int call(Fn f, long a, long b) {
    return (int) INVOKER.invokeN2(f.call, f.address, a, b);
  }

  private static int call(Fn f, long a, long b, long c) {
    return (int) INVOKER.invokeN3(f.call, f.address, a, b, c);
  }

  private static int call(Fn f, long a, long b, long c, long d) {
    return (int) INVOKER.invokeN4(f.call, f.address, a, b, c, d);
  }

  private static int call(Fn f, long a, long b, long c, long d, long e) {
    return (int) INVOKER.invokeN5(f.call, f.address, a, b, c, d, e);
  }

  /** A function returning void. */
  private static void run(Fn f, long a) {
    INVOKER.invokeN1(f.call, f.address, a);
  }

  /** Throws the error a non-zero result code names. */
  static void check(int rc) {
    if (rc != 0) {
      throw new LmdbError(rc, message(rc));
    }
  }

  /**
   * Words for a result code: LMDB's own for its codes, the C library's for errno values. Not asked
   * of LMDB on Windows for the system's codes: there mdb_strerror formats them into its own stack
   * frame, gone by the time we could read it.
   */
  static String message(int rc) {
    if (!LmdbError.isLmdbsOwn(rc) && WINDOWS) {
      return LmdbError.windowsMessage(rc);
    }
    long text = INVOKER.invokeN1(STRERROR.call, STRERROR.address, rc);
    return text == 0
        ? "error " + rc
        : new String(MEMORY.getZeroTerminatedByteArray(text), StandardCharsets.UTF_8);
  }

  /** A new environment handle (not yet open); {@code scratch} holds at least 8 bytes. */
  static long envCreate(long scratch) {
    check(call(ENV_CREATE, scratch));
    return MEMORY.getAddress(scratch);
  }

  static void envSetMapSize(long env, long bytes) {
    check(call(ENV_SET_MAPSIZE, env, bytes));
  }

  static void envSetMaxDbs(long env, int tables) {
    check(call(ENV_SET_MAXDBS, env, tables));
  }

  static void envSetMaxReaders(long env, int readers) {
    check(call(ENV_SET_MAXREADERS, env, readers));
  }

  /**
   * Opens the file at {@code path}: in UTF-8 on Windows (LMDB turns it into the system's wide
   * characters), elsewhere in the encoding the JVM gives file names (what Java's own file calls
   * used to find the file a moment before).
   */
  static void envOpen(long env, String path, int flags, int mode) {
    long text = NativeMemory.cString(path, FILE_NAMES);
    try {
      check(call(ENV_OPEN, env, text, flags, mode));
    } finally {
      NativeMemory.free(text);
    }
  }

  /**
   * The map's size (struct MDB_envinfo: a pointer, then {@code size_t me_mapsize}); {@code scratch}
   * holds at least 48 bytes.
   */
  static long envMapSize(long env, long scratch) {
    check(call(ENV_INFO, env, scratch));
    return MEMORY.getLong(scratch + 8);
  }

  static void envClose(long env) {
    run(ENV_CLOSE, env);
  }

  /** A new transaction ({@code flags} 0 or {@link #MDB_RDONLY}); {@code scratch}: 8 bytes. */
  static long txnBegin(long env, int flags, long scratch) {
    check(call(TXN_BEGIN, env, 0, flags, scratch));
    return MEMORY.getAddress(scratch);
  }

  /** Commits; the handle is freed whether it succeeds or not. */
  static void txnCommit(long txn) {
    check(call(TXN_COMMIT, txn));
  }

  static void txnAbort(long txn) {
    run(TXN_ABORT, txn);
  }

  /**
   * The handle of the table {@code name}, or -1 when it does not exist and {@code flags} lacks
   * {@link #MDB_CREATE}; {@code scratch}: 8 bytes.
   */
  static int dbiOpen(long txn, String name, int flags, long scratch) {
    long cName = NativeMemory.cString(name, StandardCharsets.UTF_8);
    try {
      int rc = call(DBI_OPEN, txn, cName, flags, scratch);
      if (rc == LmdbError.MDB_NOTFOUND) {
        return -1;
      }
      check(rc);
      return MEMORY.getInt(scratch);
    } finally {
      NativeMemory.free(cName);
    }
  }

  /**
   * 0 (found: {@code data} points into the map), {@link LmdbError#MDB_NOTFOUND}, or an error code.
   */
  static int get(long txn, int dbi, long key, long data) {
    return call(GET, txn, dbi, key, data);
  }

  static int put(long txn, int dbi, long key, long data, int flags) {
    return call(PUT, txn, dbi, key, data, flags);
  }

  /** Deletes {@code key}; 0, {@link LmdbError#MDB_NOTFOUND}, or an error code. */
  static int del(long txn, int dbi, long key) {
    return call(DEL, txn, dbi, key, 0);
  }

  /** A cursor on a table; {@code scratch}: 8 bytes. */
  static long cursorOpen(long txn, int dbi, long scratch) {
    check(call(CURSOR_OPEN, txn, dbi, scratch));
    return MEMORY.getAddress(scratch);
  }

  /** 0, {@link LmdbError#MDB_NOTFOUND} past the last entry, or an error code. */
  static int cursorGet(long cursor, long key, long data, int op) {
    return call(CURSOR_GET, cursor, key, data, op);
  }

  static void cursorClose(long cursor) {
    run(CURSOR_CLOSE, cursor);
  }
}
