package io.minicoin.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KeyValueStore} on disk: one LMDB file (like the seed's bolt file, it can be copied
 * with {@code cp} while no node writes to it). LMDB is a copy-on-write B+tree: a write transaction
 * either commits whole or leaves the file as it was, and other processes (the command line beside a
 * running node) read consistent snapshots without waiting for the writer.
 */
public final class LmdbStore implements KeyValueStore {
  /**
   * The log, set up on first use: starting the logging library cost a command that only reads the
   * store a tenth of its time, and only growing the map logs.
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(LmdbStore.class);
  }

  /**
   * The map a new or small file starts with. The map is address space, not disk on Linux and macOS;
   * on Windows LMDB makes the file as large as the map, so it starts small and grows.
   */
  static final long INITIAL_MAP_SIZE = 16L << 20;

  /** errno values that mean the file or its directory may not be opened for writing. */
  private static final int EPERM = 1;

  private static final int EACCES = 13;
  private static final int EROFS = 30;

  /** Read and write permission for the owner, read for the others: as lmdbjava created files. */
  private static final int FILE_MODE = 0644;

  private final Path file;

  /** The LMDB environment (MDB_env *): the open file and its map. */
  private final long env;

  /** Each table's LMDB handle (MDB_dbi), a small number, valid while the file is open. */
  private final Map<Table, Integer> tables = new EnumMap<>(Table.class);

  /**
   * Changing the map size, or closing the file, needs every transaction of this process ended:
   * transactions hold the read side, a resize or the close takes the write side.
   */
  private final ReentrantReadWriteLock mapLock = new ReentrantReadWriteLock();

  /** Set once by {@link #close()}, under the write side of {@link #mapLock}. */
  private boolean closed;

  private LmdbStore(Path file, boolean create) {
    this.file = file;
    requireLmdb();
    Path lockFile = file.resolveSibling(file.getFileName() + "-lock");
    boolean hadLockFile = Files.exists(lockFile);
    if (!create) {
      checkPermissions(file, lockFile, hadLockFile);
      LmdbMetaPages.checkNotTruncated(file);
    }
    env = openEnvironment(file, initialMapSize(file, create), lockFile, hadLockFile);
    try {
      if (create) {
        try (LmdbTransaction txn = LmdbTransaction.begin(env, false, tables)) {
          for (Table t : Table.values()) {
            txn.openTable(t, true);
          }
          txn.commit();
        }
      } else {
        // A read transaction: opening an existing file must not wait for another process's writer
        // (the command line beside a running node), nor take the write lock at all.
        List<Table> missing = new ArrayList<>();
        try (LmdbTransaction txn = LmdbTransaction.begin(env, true, tables)) {
          for (Table t : Table.values()) {
            if (!txn.openTable(t, false)) {
              if (!Table.ADDED_LATER.contains(t)) {
                throw new StoreException(
                    file + " is not a minicoin chain file (its tables are missing)");
              }
              missing.add(t);
            }
          }
          txn.commit(); // keeps the table handles for the environment
        }
        if (!missing.isEmpty()) {
          addMissingIndexTables(missing);
        }
      }
    } catch (LmdbError | StoreException e) {
      LmdbNative.envClose(env);
      removeOwnLockFile(lockFile, hadLockFile);
      throw e instanceof StoreException s
          ? s
          : new StoreException(file + " is not a minicoin chain file: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the LMDB environment and opens the file in it. MDB_NOSUBDIR: the file is the path
   * given, its lock file beside it (not a directory of two files). MDB_NOTLS: a read transaction is
   * not tied to its thread (the node's threads share the store). MDB_NOMETASYNC: a commit syncs the
   * data pages but leaves the small meta page to the next commit (or the OS): one sync to disk per
   * commit instead of two, which is what bounds a download on a slow disk. LMDB keeps the file
   * consistent; a machine crash (not a process crash) may undo the last commit, downloaded again.
   */
  private static long openEnvironment(Path file, long mapSize, Path lockFile, boolean hadLockFile) {
    long handle = 0;
    long slot = LmdbNative.MEMORY.allocateMemory(8, true);
    try {
      handle = LmdbNative.envCreate(slot);
      LmdbNative.envSetMapSize(handle, mapSize);
      LmdbNative.envSetMaxDbs(handle, Table.values().length);
      LmdbNative.envSetMaxReaders(handle, 256);
      LmdbNative.envOpen(
          handle,
          file.toAbsolutePath().toString(),
          LmdbNative.MDB_NOSUBDIR | LmdbNative.MDB_NOTLS | LmdbNative.MDB_NOMETASYNC,
          FILE_MODE);
      return handle;
    } catch (LmdbError e) {
      if (handle != 0) {
        LmdbNative.envClose(handle); // also after a failed open, as LMDB asks
      }
      removeOwnLockFile(lockFile, hadLockFile);
      int rc = e.code();
      if (rc == EACCES || rc == EPERM || rc == EROFS) {
        throw new StoreException(
            "permission denied: cannot open " + file + " (or its lock file) for writing", e);
      }
      throw new StoreException(
          file + " is not a chain file (corrupt, or not made by minicoin): " + e.getMessage(), e);
    } finally {
      LmdbNative.MEMORY.freeMemory(slot);
    }
  }

  /** Loads LMDB on first use: a library the system refuses is said so, not a crash. */
  private static void requireLmdb() {
    try {
      LmdbNative.ensureLoaded();
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause();
      throw cause instanceof StoreException s
          ? s
          : new StoreException("cannot load LMDB's native library: " + cause, cause);
    } catch (LinkageError e) { // not loadable (UnsatisfiedLinkError), or failed before
      throw new StoreException("cannot load LMDB's native library: " + e.getMessage(), e);
    }
  }

  /**
   * A chain file made before the transaction index, spends, script histories or running totals
   * existed: their tables are created empty, with a mark in {@code meta} in the same transaction,
   * so the chain fills them when it opens the file (and again after a crash until it has).
   */
  private void addMissingIndexTables(List<Table> missing) {
    try (LmdbTransaction txn = LmdbTransaction.begin(env, false, tables)) {
      for (Table t : missing) {
        txn.openTable(t, true);
      }
      // Only the running totals missing: they are added up from the histories, much quicker than
      // rebuilding every index from the blocks.
      byte[] mark =
          missing.equals(List.of(Table.BALANCES))
              ? Keys.META_TOTALS_MISSING
              : Keys.META_INDEXES_MISSING;
      txn.put(Table.META, mark, new byte[] {1});
      txn.commit();
    }
  }

  /**
   * Every command opens the file for writing (LMDB does, to keep its readers' table in the lock
   * file): a read-only file or directory is said to be one, not mistaken for a damaged file.
   */
  private static void checkPermissions(Path file, Path lockFile, boolean hadLockFile) {
    if (!Files.isReadable(file) || !Files.isWritable(file)) {
      throw new StoreException(
          "permission denied: "
              + file
              + " is not "
              + (Files.isReadable(file) ? "writable" : "readable")
              + " by this user");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (hadLockFile ? !Files.isWritable(lockFile) : !Files.isWritable(dir)) {
      throw new StoreException(
          "permission denied: "
              + (hadLockFile ? lockFile + " is not writable" : "cannot create " + lockFile)
              + " (LMDB keeps its readers' table there)");
    }
  }

  /**
   * Twice what the file holds now, at least the initial size: room to grow before the first resize,
   * and never less than the data (LMDB would refuse).
   */
  private static long initialMapSize(Path file, boolean create) {
    if (create) {
      return INITIAL_MAP_SIZE;
    }
    try {
      long size = Files.size(file);
      long mib = 1L << 20;
      return Math.max(INITIAL_MAP_SIZE, ((2 * size + mib - 1) / mib) * mib);
    } catch (IOException e) {
      return INITIAL_MAP_SIZE;
    }
  }

  /**
   * A file we refused should not gain a lock file beside it; one that was already there is not ours
   * to remove.
   */
  private static void removeOwnLockFile(Path lockFile, boolean hadLockFile) {
    if (!hadLockFile) {
      try {
        Files.deleteIfExists(lockFile);
      } catch (IOException ignored) {
        // only tidiness: the refusal itself is what the caller needs to hear about
      }
    }
  }

  /** Opens an existing chain file; never creates or changes one. */
  public static LmdbStore open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StoreException("no chain file " + file);
    }
    try {
      if (Files.size(file) == 0) { // LMDB would turn an empty file into a fresh database
        throw new StoreException(file + " is empty, not a chain file");
      }
    } catch (IOException e) {
      throw new StoreException("cannot read chain file " + file + ": " + e.getMessage(), e);
    }
    return new LmdbStore(file, false);
  }

  /** Creates a new, empty chain file; refuses if one exists. */
  public static LmdbStore create(Path file) {
    if (Files.exists(file)) {
      throw new StoreException("chain file " + file + " already exists");
    }
    return new LmdbStore(file, true);
  }

  @Override
  public <T> T read(Function<Reader, T> work) {
    while (true) {
      mapLock.readLock().lock();
      try (LmdbTransaction txn = begin(true)) {
        return work.apply(txn);
      } catch (LmdbError e) {
        // Another process (the node) grew the file past our map: adopt its size and read again.
        if (e.code() != LmdbNative.MDB_MAP_RESIZED) {
          throw failure("reading", e);
        }
        if (mapLock.getReadHoldCount() > 1) { // nested: the resize would wait for ourselves
          throw new StoreException("the chain file " + file + " grew during a read; try again", e);
        }
      } finally {
        mapLock.readLock().unlock();
      }
      resize(0);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the map is full the transaction is discarded, the map doubled and {@code work} run
   * again from the start: the file has no fixed size limit, only the disk has.
   */
  @Override
  public <T> T write(Function<Writer, T> work) {
    while (true) {
      long full;
      mapLock.readLock().lock();
      try (LmdbTransaction txn = begin(false)) {
        T result = work.apply(txn);
        txn.commit();
        return result;
      } catch (LmdbError e) {
        if (e.code() == LmdbNative.MDB_MAP_FULL) {
          full = mapSize();
        } else if (e.code() == LmdbNative.MDB_MAP_RESIZED) {
          full = 0; // adopt the size another process chose
        } else {
          throw failure("writing", e);
        }
        if (mapLock.getReadHoldCount() > 1) { // a write nested in a read cannot wait for itself
          throw new StoreException(
              full == 0
                  ? "the chain file " + file + " grew during a read; try again"
                  : "the chain file's map is full (" + full + " bytes)",
              e);
        }
      } finally {
        mapLock.readLock().unlock();
      }
      resize(full == 0 ? 0 : 2 * full);
    }
  }

  /** The current map size: how large the file may grow before the map is grown again. */
  long mapSize() {
    long info = LmdbNative.MEMORY.allocateMemory(64, true);
    try {
      return LmdbNative.envMapSize(env, info);
    } finally {
      LmdbNative.MEMORY.freeMemory(info);
    }
  }

  /** Sets the map size ({@code 0}: the size the file's newest meta page records). */
  private void resize(long newSize) {
    mapLock.writeLock().lock();
    try {
      if (closed) {
        throw new StoreException("the chain file " + file + " is closed");
      }
      if (newSize == 0 || mapSize() < newSize) {
        LmdbNative.envSetMapSize(env, newSize);
        if (newSize != 0) {
          Log.LOG.info("chain file {}: map grown to {} MiB", file.getFileName(), newSize >> 20);
        }
      }
    } catch (LmdbError e) {
      throw failure("growing", e);
    } finally {
      mapLock.writeLock().unlock();
    }
  }

  private StoreException failure(String doing, LmdbError e) {
    if (e.code() == LmdbNative.MDB_CORRUPTED || e.code() == LmdbNative.MDB_PAGE_NOTFOUND) {
      return new ChainDamagedException(
          file + " is damaged (" + e.getMessage() + "): restore it from a copy", e);
    }
    return new StoreException(doing + " the chain file " + file + " failed: " + e.getMessage(), e);
  }

  /** A transaction, with the read side of {@link #mapLock} held; never on a closed file. */
  private LmdbTransaction begin(boolean readOnly) {
    if (closed) { // LMDB would use freed memory: the process would crash
      throw new StoreException("the chain file " + file + " is closed");
    }
    return LmdbTransaction.begin(env, readOnly, tables);
  }

  /**
   * Closes the file once its transactions in other threads have ended; a second close does nothing.
   * If one is still running after {@link #CLOSE_WAIT_SECONDS} (a stuck thread of a stopping node),
   * the file is left open for the process's exit to close: LMDB's file is consistent after every
   * commit, and freeing it under a running transaction would crash.
   */
  @Override
  public void close() {
    if (mapLock.getReadHoldCount() > 0) {
      throw new IllegalStateException("the chain file is closed inside one of its transactions");
    }
    boolean locked;
    try {
      locked = mapLock.writeLock().tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      Log.LOG.warn(
          "chain file {}: a transaction still runs after {} s; left for the exit to close",
          file.getFileName(),
          CLOSE_WAIT_SECONDS);
      return;
    }
    try {
      if (!closed) {
        closed = true;
        LmdbNative.envClose(env);
      }
    } finally {
      mapLock.writeLock().unlock();
    }
  }

  private static final long CLOSE_WAIT_SECONDS = 10;
}
