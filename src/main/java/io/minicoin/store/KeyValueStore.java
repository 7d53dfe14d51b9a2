package io.minicoin.store;

import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A transactional store of byte keys and values in named tables. A write transaction is all or
 * nothing: every change in it lands together or none does. Readers see a consistent snapshot and
 * never wait for the writer.
 *
 * <p>Keys are 1 to 511 bytes long, LMDB's limit (every key {@link Keys} makes has a fixed size
 * within it). A key outside it is a programming error, not a storage failure: {@link LmdbStore}
 * refuses it with an IllegalArgumentException and discards the transaction.
 */
public interface KeyValueStore extends AutoCloseable {

  /** Read-only access inside one consistent snapshot. */
  interface Reader {
    /** The value, or null. */
    byte[] get(Table table, byte[] key);

    /**
     * Visits the entries whose key starts with {@code prefix}, in key order, while the visitor
     * returns true.
     */
    default void scan(Table table, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
      scan(table, prefix, prefix, visitor);
    }

    /**
     * Visits the entries whose key starts with {@code prefix}, from the first key at or after
     * {@code from}, in key order, while the visitor returns true: one page of a longer list.
     */
    void scan(Table table, byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor);
  }

  /** A write transaction; it sees its own writes. */
  interface Writer extends Reader {
    void put(Table table, byte[] key, byte[] value);

    void delete(Table table, byte[] key);
  }

  <T> T read(Function<Reader, T> work);

  /**
   * Runs {@code work} in one write transaction, committed if it returns, discarded if it throws.
   * {@code work} may run more than once (a store that must grow discards the transaction and runs
   * it again), so it must change nothing but the store.
   */
  <T> T write(Function<Writer, T> work);

  default void writeAll(Consumer<Writer> work) {
    write(
        w -> {
          work.accept(w);
          return null;
        });
  }

  @Override
  void close();
}
