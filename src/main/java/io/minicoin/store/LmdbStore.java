package io.minicoin.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;
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

  /** LMDB's own "this page is not what it should be" results. */
  private static final int MDB_PAGE_NOTFOUND = -30797;

  private static final int MDB_CORRUPTED = -30796;

  private final Path file;
  private final Env<byte[]> env;
  private final Map<Table, Dbi<byte[]>> dbis = new EnumMap<>(Table.class);

  /**
   * Changing the map size needs every transaction of this process closed: transactions hold the
   * read side, a resize takes the write side.
   */
  private final ReentrantReadWriteLock mapLock = new ReentrantReadWriteLock();

  private LmdbStore(Path file, boolean create) {
    this.file = file;
    LmdbNativeLibraries.useCachedCopies();
    Path lockFile = file.resolveSibling(file.getFileName() + "-lock");
    boolean hadLockFile = Files.exists(lockFile);
    if (!create) {
      checkPermissions(file, lockFile, hadLockFile);
      LmdbMetaPages.checkNotTruncated(file);
    }
    try {
      env =
          Env.create(ByteArrayProxy.PROXY_BA)
              .setMapSize(initialMapSize(file, create))
              .setMaxDbs(Table.values().length)
              .setMaxReaders(256)
              // MDB_NOMETASYNC: a commit syncs the data pages but leaves the small meta page to
              // the next commit (or the OS): one sync to disk per block instead of two, which is
              // what bounds a download on a slow disk. LMDB keeps the file consistent; a machine
              // crash (not a process crash) may undo the last committed block, downloaded again.
              .open(
                  file.toFile(),
                  EnvFlags.MDB_NOSUBDIR,
                  EnvFlags.MDB_NOTLS,
                  EnvFlags.MDB_NOMETASYNC);
    } catch (LmdbNativeException e) {
      removeOwnLockFile(lockFile, hadLockFile);
      int rc = e.getResultCode();
      if (rc == EACCES || rc == EPERM || rc == EROFS) {
        throw new StoreException(
            "permission denied: cannot open " + file + " (or its lock file) for writing", e);
      }
      throw new StoreException(
          file + " is not a chain file (corrupt, or not made by minicoin): " + e.getMessage(), e);
    } catch (LmdbException e) {
      removeOwnLockFile(lockFile, hadLockFile);
      throw new StoreException(
          file + " is not a chain file (corrupt, or not made by minicoin): " + e.getMessage(), e);
    }
    try {
      if (create) {
        for (Table t : Table.values()) {
          dbis.put(t, env.openDbi(t.dbName(), DbiFlags.MDB_CREATE));
        }
      } else {
        // A read transaction: opening an existing file must not wait for another process's writer
        // (the command line beside a running node), nor take the write lock at all.
        List<Table> missing = new ArrayList<>();
        try (Txn<byte[]> txn = env.txnRead()) {
          for (Table t : Table.values()) {
            try {
              dbis.put(
                  t, env.openDbi(txn, t.dbName().getBytes(StandardCharsets.UTF_8), null, false));
            } catch (org.lmdbjava.Dbi.KeyNotFoundException absent) {
              if (!Table.ADDED_LATER.contains(t)) {
                throw absent;
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
    } catch (LmdbException e) {
      env.close();
      removeOwnLockFile(lockFile, hadLockFile);
      throw new StoreException(file + " is not a minicoin chain file (its tables are missing)", e);
    }
  }

  /**
   * A chain file made before the transaction index, spends, script histories or running totals
   * existed: their tables are created empty, with a mark in {@code meta} in the same transaction,
   * so the chain fills them when it opens the file (and again after a crash until it has).
   */
  private void addMissingIndexTables(List<Table> missing) {
    try (Txn<byte[]> txn = env.txnWrite()) {
      for (Table t : missing) {
        dbis.put(
            t,
            env.openDbi(
                txn,
                t.dbName().getBytes(StandardCharsets.UTF_8),
                null,
                false,
                DbiFlags.MDB_CREATE));
      }
      // Only the running totals missing: they are added up from the histories, much quicker than
      // rebuilding every index from the blocks.
      byte[] mark =
          missing.equals(List.of(Table.BALANCES))
              ? Keys.META_TOTALS_MISSING
              : Keys.META_INDEXES_MISSING;
      dbis.get(Table.META).put(txn, mark, new byte[] {1});
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

  private final class TxnAccess implements Writer {
    final Txn<byte[]> txn;

    TxnAccess(Txn<byte[]> txn) {
      this.txn = txn;
    }

    @Override
    public byte[] get(Table table, byte[] key) {
      return dbis.get(table).get(txn, key);
    }

    @Override
    public void scan(Table table, byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
      try (CursorIterable<byte[]> it =
          dbis.get(table)
              .iterate(txn, from.length == 0 ? KeyRange.all() : KeyRange.atLeast(from))) {
        Iterator<CursorIterable.KeyVal<byte[]>> i = it.iterator();
        while (i.hasNext()) {
          CursorIterable.KeyVal<byte[]> kv = i.next();
          byte[] k = kv.key();
          if (k.length < prefix.length
              || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
            return;
          }
          if (!visitor.test(k, kv.val())) {
            return;
          }
        }
      }
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
      dbis.get(table).put(txn, key, value);
    }

    @Override
    public void delete(Table table, byte[] key) {
      dbis.get(table).delete(txn, key);
    }
  }

  @Override
  public <T> T read(Function<Reader, T> work) {
    while (true) {
      mapLock.readLock().lock();
      try (Txn<byte[]> txn = env.txnRead()) {
        return work.apply(new TxnAccess(txn));
      } catch (Dbi.MapResizedException e) {
        // Another process (the node) grew the file past our map: adopt its size and read again.
        if (mapLock.getReadHoldCount() > 1) { // nested: the resize would wait for ourselves
          throw new StoreException("the chain file " + file + " grew during a read; try again", e);
        }
      } catch (LmdbException e) {
        throw failure("reading", e);
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
      try (Txn<byte[]> txn = env.txnWrite()) {
        T result = work.apply(new TxnAccess(txn));
        txn.commit();
        return result;
      } catch (Env.MapFullException e) {
        full = env.info().mapSize;
        if (mapLock.getReadHoldCount() > 1) { // a write nested in a read cannot wait for itself
          throw new StoreException("the chain file's map is full (" + full + " bytes)", e);
        }
      } catch (Dbi.MapResizedException e) {
        full = 0; // adopt the size another process chose
        if (mapLock.getReadHoldCount() > 1) {
          throw new StoreException("the chain file " + file + " grew during a read; try again", e);
        }
      } catch (LmdbException e) {
        throw failure("writing", e);
      } finally {
        mapLock.readLock().unlock();
      }
      resize(full == 0 ? 0 : 2 * full);
    }
  }

  /** The current map size: how large the file may grow before the map is grown again. */
  long mapSize() {
    return env.info().mapSize;
  }

  /** Sets the map size ({@code 0}: the size the file's newest meta page records). */
  private void resize(long newSize) {
    mapLock.writeLock().lock();
    try {
      if (newSize == 0 || env.info().mapSize < newSize) {
        env.setMapSize(newSize);
        if (newSize != 0) {
          Log.LOG.info("chain file {}: map grown to {} MiB", file.getFileName(), newSize >> 20);
        }
      }
    } catch (LmdbException e) {
      throw failure("growing", e);
    } finally {
      mapLock.writeLock().unlock();
    }
  }

  private StoreException failure(String doing, LmdbException e) {
    if (e instanceof LmdbNativeException n
        && (n.getResultCode() == MDB_CORRUPTED || n.getResultCode() == MDB_PAGE_NOTFOUND)) {
      return new ChainDamagedException(
          file + " is damaged (" + e.getMessage() + "): restore it from a copy", e);
    }
    return new StoreException(doing + " the chain file " + file + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    env.close();
  }
}
