package io.minicoin.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
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
import org.lmdbjava.Txn;

/**
 * The {@link KeyValueStore} on disk: one LMDB file (like the seed's bolt file, it can be copied
 * with {@code cp} while no node writes to it). LMDB is a copy-on-write B+tree: a write transaction
 * either commits whole or leaves the file as it was, and other processes (the command line beside a
 * running node) read consistent snapshots without waiting for the writer.
 */
public final class LmdbStore implements KeyValueStore {
  /**
   * The largest the file may grow: address space reserved, not disk (on Linux and macOS the file
   * grows only as data is written; on Windows LMDB sizes the file to this up front, hence 1 GiB,
   * room for about a million of our blocks).
   */
  private static final long MAP_SIZE = 1L << 30;

  private final Env<byte[]> env;
  private final Map<Table, Dbi<byte[]>> dbis = new EnumMap<>(Table.class);

  private LmdbStore(Path file, boolean create) {
    Path lockFile = file.resolveSibling(file.getFileName() + "-lock");
    boolean hadLockFile = Files.exists(lockFile);
    try {
      env =
          Env.create(ByteArrayProxy.PROXY_BA)
              .setMapSize(MAP_SIZE)
              .setMaxDbs(Table.values().length)
              .setMaxReaders(256)
              .open(file.toFile(), EnvFlags.MDB_NOSUBDIR, EnvFlags.MDB_NOTLS);
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
        try (Txn<byte[]> txn = env.txnRead()) {
          for (Table t : Table.values()) {
            dbis.put(t, env.openDbi(txn, t.dbName().getBytes(StandardCharsets.UTF_8), null, false));
          }
          txn.commit(); // keeps the table handles for the environment
        }
      }
    } catch (LmdbException e) {
      env.close();
      removeOwnLockFile(lockFile, hadLockFile);
      throw new StoreException(file + " is not a minicoin chain file (its tables are missing)", e);
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
    try (Txn<byte[]> txn = env.txnRead()) {
      return work.apply(new TxnAccess(txn));
    } catch (LmdbException e) {
      throw new StoreException("reading the chain file failed: " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T write(Function<Writer, T> work) {
    try (Txn<byte[]> txn = env.txnWrite()) {
      T result = work.apply(new TxnAccess(txn));
      txn.commit();
      return result;
    } catch (LmdbException e) {
      throw new StoreException("writing the chain file failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
