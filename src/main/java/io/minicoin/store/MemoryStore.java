package io.minicoin.store;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A {@link KeyValueStore} in memory, for tests that need many throwaway chains. A write works on a
 * copy of the tables and swaps it in when it succeeds, so a failed write changes nothing.
 */
public final class MemoryStore implements KeyValueStore {
  /**
   * Replaced whole by each write and never changed after, so a reader holds a snapshot without a
   * lock.
   */
  private volatile Map<Table, NavigableMap<byte[], byte[]>> tables = emptyTables();

  private static Map<Table, NavigableMap<byte[], byte[]>> emptyTables() {
    Map<Table, NavigableMap<byte[], byte[]>> m = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      m.put(t, new TreeMap<>(Arrays::compareUnsigned));
    }
    return m;
  }

  private static final class Snapshot implements Writer {
    final Map<Table, NavigableMap<byte[], byte[]>> tables;

    Snapshot(Map<Table, NavigableMap<byte[], byte[]>> tables) {
      this.tables = tables;
    }

    @Override
    public byte[] get(Table table, byte[] key) {
      byte[] v = tables.get(table).get(key);
      return v == null ? null : v.clone();
    }

    @Override
    public void scan(Table table, byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
      for (Map.Entry<byte[], byte[]> e : tables.get(table).tailMap(from, true).entrySet()) {
        byte[] k = e.getKey();
        if (k.length < prefix.length
            || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
          return;
        }
        if (!visitor.test(k.clone(), e.getValue().clone())) {
          return;
        }
      }
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
      tables.get(table).put(key.clone(), value.clone());
    }

    @Override
    public void delete(Table table, byte[] key) {
      tables.get(table).remove(key);
    }
  }

  @Override
  public <T> T read(
      Function<Reader, T> work) { // not synchronized: readers never wait for the writer
    return work.apply(new Snapshot(tables));
  }

  @Override
  public synchronized <T> T write(Function<Writer, T> work) {
    Map<Table, NavigableMap<byte[], byte[]>> copy = new EnumMap<>(Table.class);
    tables.forEach(
        (t, m) -> {
          NavigableMap<byte[], byte[]> c = new TreeMap<>(Arrays::compareUnsigned);
          c.putAll(m);
          copy.put(t, c);
        });
    T result = work.apply(new Snapshot(copy));
    tables = copy;
    return result;
  }

  @Override
  public void close() {}
}
