package io.minicoin.store;

import static io.minicoin.store.NativeMemory.MEMORY;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * One LMDB transaction, read-only or read-write, and the tables' operations inside it. Used by the
 * thread that began it, from {@link #begin} to {@link #close}; {@link LmdbStore} opens and ends
 * them. Used after its end or from another thread it refuses (an IllegalStateException), where LMDB
 * would work on freed memory or on another thread's write.
 *
 * <p>LMDB takes keys and values as {@code MDB_val}s, a length and an address in native memory. Each
 * transaction has one small native buffer for them (allocated once, freed at the end): a key is
 * copied into it, a value read is copied out of the map into a new array, and a value written is
 * copied once, straight into the room LMDB reserves for it in its page ({@code MDB_RESERVE}).
 */
final class LmdbTransaction implements KeyValueStore.Writer, AutoCloseable {
  // The native buffer: two MDB_vals, a slot for a returned handle, then the key's bytes.
  private static final int KEY = 0;
  private static final int DATA = KEY + LmdbNative.VAL_SIZE;
  private static final int HANDLE = DATA + LmdbNative.VAL_SIZE;
  private static final int KEY_BYTES = HANDLE + 8;
  private static final int BUFFER_SIZE = KEY_BYTES + LmdbNative.MAX_KEY_SIZE;

  private final long buffer;
  private final long txn;
  private final Map<Table, Integer> tables;
  private final Thread owner = Thread.currentThread();
  private boolean ended;
  private boolean closed;

  private LmdbTransaction(long buffer, long txn, Map<Table, Integer> tables) {
    this.buffer = buffer;
    this.txn = txn;
    this.tables = tables;
  }

  /**
   * Begins a transaction on {@code env}; {@code tables} holds each {@link Table}'s handle (filled
   * in by {@link #openTable}).
   */
  static LmdbTransaction begin(long env, boolean readOnly, Map<Table, Integer> tables) {
    long buffer = NativeMemory.allocate(BUFFER_SIZE, false);
    try {
      return new LmdbTransaction(
          buffer,
          LmdbNative.txnBegin(env, readOnly ? LmdbNative.MDB_RDONLY : 0, buffer + HANDLE),
          tables);
    } catch (RuntimeException | Error e) {
      NativeMemory.free(buffer);
      throw e;
    }
  }

  /**
   * Opens (or with {@code create}, creates) the table {@code name}; false when it does not exist.
   */
  boolean openTable(Table table, boolean create) {
    checkUsable();
    int dbi =
        LmdbNative.dbiOpen(
            txn, table.dbName(), create ? LmdbNative.MDB_CREATE : 0, buffer + HANDLE);
    if (dbi < 0) {
      return false;
    }
    tables.put(table, dbi);
    return true;
  }

  @Override
  public byte[] get(Table table, byte[] key) {
    checkUsable();
    setKey(key);
    int rc = LmdbNative.get(txn, tables.get(table), buffer + KEY, buffer + DATA);
    if (rc == LmdbError.MDB_NOTFOUND) {
      return null;
    }
    LmdbNative.check(rc);
    return copyOut(buffer + DATA);
  }

  @Override
  public void scan(Table table, byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
    checkUsable();
    long cursor = LmdbNative.cursorOpen(txn, tables.get(table), buffer + HANDLE);
    try {
      // The cursor writes where it stands into these two MDB_vals; they are read before the
      // visitor runs, since a get() of the visitor's own reuses them.
      long key = buffer + KEY;
      long data = buffer + DATA;
      int op = LmdbNative.MDB_FIRST;
      if (from.length > 0) {
        setKey(from);
        op = LmdbNative.MDB_SET_RANGE;
      }
      for (int rc = LmdbNative.cursorGet(cursor, key, data, op);
          rc != LmdbError.MDB_NOTFOUND;
          rc = LmdbNative.cursorGet(cursor, key, data, LmdbNative.MDB_NEXT)) {
        LmdbNative.check(rc);
        byte[] k = copyOut(key);
        if (k.length < prefix.length
            || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
          return;
        }
        if (!visitor.test(k, copyOut(data))) {
          return;
        }
      }
    } finally {
      LmdbNative.cursorClose(cursor);
    }
  }

  @Override
  public void put(Table table, byte[] key, byte[] value) {
    checkUsable();
    setKey(key);
    MEMORY.putLong(buffer + DATA, value.length);
    LmdbNative.check(
        LmdbNative.put(
            txn, tables.get(table), buffer + KEY, buffer + DATA, LmdbNative.MDB_RESERVE));
    if (value.length > 0) {
      MEMORY.putByteArray(MEMORY.getAddress(buffer + DATA + 8), value, 0, value.length);
    }
  }

  @Override
  public void delete(Table table, byte[] key) {
    checkUsable();
    setKey(key);
    int rc = LmdbNative.del(txn, tables.get(table), buffer + KEY);
    if (rc != LmdbError.MDB_NOTFOUND) { // deleting what is not there changes nothing
      LmdbNative.check(rc);
    }
  }

  /** Commits (LMDB frees the transaction whether this succeeds or throws). */
  void commit() {
    checkUsable();
    ended = true;
    LmdbNative.txnCommit(txn);
  }

  /** Discards the transaction unless committed, and frees the buffer. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!ended) {
        ended = true;
        LmdbNative.txnAbort(txn);
      }
    } finally {
      NativeMemory.free(buffer);
    }
  }

  private void checkUsable() {
    if (ended) {
      throw new IllegalStateException("an LMDB transaction used after it ended");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "an LMDB transaction of "
              + owner.getName()
              + " used by "
              + Thread.currentThread().getName());
    }
  }

  private void setKey(byte[] key) {
    if (key.length == 0 || key.length > LmdbNative.MAX_KEY_SIZE) {
      throw new IllegalArgumentException("a key of " + key.length + " bytes (LMDB takes 1 to 511)");
    }
    MEMORY.putLong(buffer + KEY, key.length);
    MEMORY.putAddress(buffer + KEY + 8, buffer + KEY_BYTES);
    MEMORY.putByteArray(buffer + KEY_BYTES, key, 0, key.length);
  }

  /** The bytes an MDB_val points at, copied out of the map (valid only inside the transaction). */
  private static byte[] copyOut(long val) {
    long size = MEMORY.getLong(val);
    byte[] bytes = new byte[Math.toIntExact(size)];
    if (size > 0) {
      MEMORY.getByteArray(MEMORY.getAddress(val + 8), bytes, 0, bytes.length);
    }
    return bytes;
  }
}
