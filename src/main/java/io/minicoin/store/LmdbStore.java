package io.minicoin.store;

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
 *
 * <p>LMDB is called directly ({@link LmdbNative}): the file is opened as an {@link
 * LmdbEnvironment}, and each read or write is one {@link LmdbTransaction}.
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
   * How long {@link #close()} waits for the transactions of other threads; a stuck thread of a
   * stopping node must not keep it from stopping.
   */
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final Path file;

  /** The open file and its map. */
  private final LmdbEnvironment environment;

  /** Each table's LMDB handle (MDB_dbi), a small number, valid while the file is open. */
  private final Map<Table, Integer> tables = new EnumMap<>(Table.class);

  /**
   * Changing the map size, or closing the file, needs every transaction of this process ended:
   * transactions hold the read side, a resize or the close takes the write side.
   */
  private final ReentrantReadWriteLock mapLock = new ReentrantReadWriteLock();

  /** Set once by {@link #close()}, under the write side of {@link #mapLock}. */
  private boolean closed;

  /** The thread inside a write transaction, if one is: LMDB lets one write at a time. */
  private volatile Thread writer;

  /** Opens an existing chain file; never creates or changes one. */
  public static LmdbStore open(Path file) {
    return new LmdbStore(file, false);
  }

  /** Creates a new, empty chain file; refuses if one exists. */
  public static LmdbStore create(Path file) {
    return new LmdbStore(file, true);
  }

  private LmdbStore(Path file, boolean create) {
    this.file = file;
    environment = LmdbEnvironment.open(file, create);
    try {
      try {
        openTables(create);
      } catch (LmdbError e) {
        if (e.code() != LmdbError.MDB_MAP_RESIZED) {
          throw e;
        }
        // A node grew the file between our opening it and this first read: adopt its size.
        environment.setMapSize(0);
        openTables(create);
      }
    } catch (LmdbError e) {
      environment.closeRefused();
      throw e.isDamage() ? e.whileUsing(file, "opening") : e.refusingToOpen(file);
    } catch (RuntimeException | Error e) {
      environment.closeRefused();
      throw e;
    }
  }

  /** Opens (or creates) every table, and adds those an older minicoin's file lacks. */
  private void openTables(boolean create) {
    if (create) {
      try (LmdbTransaction txn = LmdbTransaction.begin(environment.handle, false, tables)) {
        for (Table t : Table.values()) {
          txn.openTable(t, true);
        }
        txn.commit();
      }
    } else {
      // A read transaction: opening an existing file must not wait for another process's writer
      // (the command line beside a running node), nor take the write lock at all.
      List<Table> missing = new ArrayList<>();
      try (LmdbTransaction txn = LmdbTransaction.begin(environment.handle, true, tables)) {
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
  }

  /**
   * A chain file made before the transaction index, spends, script histories or running totals
   * existed: their tables are created empty, with a mark in {@code meta} in the same transaction,
   * so the chain fills them when it opens the file (and again after a crash until it has).
   */
  private void addMissingIndexTables(List<Table> missing) {
    try (LmdbTransaction txn = LmdbTransaction.begin(environment.handle, false, tables)) {
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

  @Override
  public <T> T read(Function<Reader, T> work) {
    while (true) {
      mapLock.readLock().lock();
      try (LmdbTransaction txn = begin(true)) {
        return work.apply(txn);
      } catch (LmdbError e) {
        // Another process (the node) grew the file past our map: adopt its size and read again.
        if (e.code() != LmdbError.MDB_MAP_RESIZED) {
          throw e.whileUsing(file, "reading");
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
    if (writer == Thread.currentThread()) { // LMDB's one writer would wait for itself forever
      throw new IllegalStateException("a write to the chain file inside another write");
    }
    while (true) {
      long full;
      mapLock.readLock().lock();
      try (LmdbTransaction txn = begin(false)) {
        writer = Thread.currentThread();
        try {
          T result = work.apply(txn);
          txn.commit();
          return result;
        } finally {
          writer = null;
        }
      } catch (LmdbError e) {
        if (e.code() == LmdbError.MDB_MAP_FULL) {
          full = mapSize();
        } else if (e.code() == LmdbError.MDB_MAP_RESIZED) {
          full = 0; // adopt the size another process chose
        } else {
          throw e.whileUsing(file, "writing");
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
    mapLock.readLock().lock();
    try {
      checkUsable();
      return environment.mapSize();
    } finally {
      mapLock.readLock().unlock();
    }
  }

  /** Sets the map size ({@code 0}: the size the file's newest meta page records). */
  private void resize(long newSize) {
    mapLock.writeLock().lock();
    try {
      checkUsable();
      if (newSize == 0 || environment.mapSize() < newSize) {
        environment.setMapSize(newSize);
        if (newSize != 0) {
          Log.LOG.info("chain file {}: map grown to {} MiB", file.getFileName(), newSize >> 20);
        }
      }
    } catch (LmdbError e) {
      throw new StoreException(
          "the chain file "
              + file
              + "'s map could not be grown ("
              + e.getMessage()
              + "); free memory or disk space and start minicoin again",
          e);
    } finally {
      mapLock.writeLock().unlock();
    }
  }

  /** A transaction, with the read side of {@link #mapLock} held; never on a closed file. */
  private LmdbTransaction begin(boolean readOnly) {
    checkUsable();
    return LmdbTransaction.begin(environment.handle, readOnly, tables);
  }

  /** Refuses a closed file, or one whose map failed to grow: LMDB would crash the process. */
  private void checkUsable() {
    if (closed) {
      throw new StoreException("the chain file " + file + " is closed");
    }
    if (environment.unusable() != null) {
      throw new StoreException(
          "the chain file "
              + file
              + " cannot be used after its map failed to grow ("
              + environment.unusable()
              + "); start minicoin again");
    }
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
        environment.close();
      }
    } finally {
      mapLock.writeLock().unlock();
    }
  }
}
