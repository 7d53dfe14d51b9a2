package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * Our LMDB binding ({@link LmdbNative}, {@link LmdbTransaction}) against lmdbjava, an independent
 * binding of the same library: what one writes the other reads back byte for byte (keys of LMDB's
 * smallest and largest sizes; empty values, values of a page and values spilling over many pages),
 * in the same order; and the binding's edges: a key LMDB cannot take, LMDB's own words for what is
 * wrong, and a map another process grew.
 */
class LmdbBindingTest {
  @TempDir Path dir;

  private static final HexFormat HEX = HexFormat.of();

  /** Keys (hex) to values of every size class, seeded so a failure repeats. */
  private static Map<String, byte[]> entries(int seed) {
    Random random = new Random(seed);
    Map<String, byte[]> entries = new TreeMap<>();
    int[] keySizes = {1, 2, 32, 36, 511};
    int[] valueSizes = {0, 1, 80, 4096, 300_000};
    for (int i = 0; i < 40; i++) {
      byte[] key = new byte[keySizes[i % keySizes.length]];
      random.nextBytes(key);
      byte[] value = new byte[valueSizes[(i / keySizes.length) % valueSizes.length]];
      random.nextBytes(value);
      entries.put(HEX.formatHex(key), value);
    }
    return entries;
  }

  private static byte[] get(LmdbStore store, Table table, byte[] key) {
    return store.read(r -> r.get(table, key));
  }

  private static Env<byte[]> lmdbjava(Path file) {
    return Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(256L << 20)
        .setMaxDbs(Table.values().length)
        .open(file.toFile(), EnvFlags.MDB_NOSUBDIR);
  }

  @Test
  void whatOurBindingWritesLmdbjavaReadsBackInTheSameOrder() {
    Path file = dir.resolve("ours.db");
    Map<String, byte[]> expected = entries(1);
    try (LmdbStore store = LmdbStore.create(file)) {
      store.writeAll(
          w -> {
            w.put(Table.UTXO, HEX.parseHex("ff"), new byte[] {9});
            expected.forEach((k, v) -> w.put(Table.UTXO, HEX.parseHex(k), v));
            w.delete(Table.UTXO, HEX.parseHex("ff"));
            w.delete(Table.UTXO, HEX.parseHex("fe")); // not there: nothing changes
          });
    }

    Map<String, byte[]> read = new TreeMap<>();
    List<String> order = new ArrayList<>();
    try (Env<byte[]> env = lmdbjava(file);
        Txn<byte[]> txn = env.txnRead()) {
      Dbi<byte[]> utxo =
          env.openDbi(txn, Table.UTXO.dbName().getBytes(StandardCharsets.UTF_8), null, false);
      try (CursorIterable<byte[]> it = utxo.iterate(txn)) {
        for (CursorIterable.KeyVal<byte[]> kv : it) {
          read.put(HEX.formatHex(kv.key()), kv.val());
          order.add(HEX.formatHex(kv.key()));
        }
      }
    }
    assertThat(read.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((k, v) -> assertThat(read.get(k)).as(k).isEqualTo(v));
    assertThat(order).as("LMDB's key order: bytes compared unsigned").isSorted();
  }

  @Test
  void whatLmdbjavaWritesOurBindingReadsAndScans() {
    Path file = dir.resolve("theirs.db");
    LmdbStore.create(file).close(); // our tables, empty
    Map<String, byte[]> expected = entries(2);
    try (Env<byte[]> env = lmdbjava(file);
        Txn<byte[]> txn = env.txnWrite()) {
      Dbi<byte[]> spends =
          env.openDbi(txn, Table.SPENDS.dbName().getBytes(StandardCharsets.UTF_8), null, false);
      expected.forEach((k, v) -> spends.put(txn, HEX.parseHex(k), v));
      txn.commit();
    }

    try (LmdbStore store = LmdbStore.open(file)) {
      expected.forEach(
          (k, v) -> assertThat(get(store, Table.SPENDS, HEX.parseHex(k))).as(k).isEqualTo(v));
      assertThat(get(store, Table.SPENDS, HEX.parseHex("00"))).isNull();

      List<String> all = new ArrayList<>();
      store.read(
          r -> {
            r.scan(Table.SPENDS, new byte[0], (k, v) -> all.add(HEX.formatHex(k)));
            return null;
          });
      assertThat(all).containsExactlyElementsOf(expected.keySet());

      // From the middle, within one first byte: the page of a longer list.
      String middle = all.get(all.size() / 2);
      byte[] prefix = HEX.parseHex(middle.substring(0, 2));
      List<String> page = new ArrayList<>();
      store.read(
          r -> {
            r.scan(
                Table.SPENDS,
                prefix,
                HEX.parseHex(middle),
                (k, v) -> {
                  assertThat(v).isEqualTo(expected.get(HEX.formatHex(k)));
                  return page.add(HEX.formatHex(k));
                });
            return null;
          });
      assertThat(page)
          .containsExactlyElementsOf(
              all.stream()
                  .filter(k -> k.startsWith(middle.substring(0, 2)) && k.compareTo(middle) >= 0)
                  .toList());
      assertThat(page).isNotEmpty().startsWith(middle);
    }
  }

  @Test
  void aKeyLongerThanLmdbTakesIsRefusedAndTheTransactionDiscarded() {
    try (LmdbStore store = LmdbStore.create(dir.resolve("long.db"))) {
      assertThatThrownBy(
              () ->
                  store.writeAll(
                      w -> {
                        w.put(Table.META, new byte[] {1}, new byte[] {2});
                        w.put(Table.META, new byte[512], new byte[] {3});
                      }))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("512 bytes")
          .hasMessageContaining("511");
      assertThat(get(store, Table.META, new byte[] {1})).isNull();
    }
  }

  /** Before, a second close freed LMDB's memory twice and the JVM died (a node stopping). */
  @Test
  void aClosedFileIsClosedOnceAndRefusesTransactionsInsteadOfCrashing() {
    LmdbStore store = LmdbStore.create(dir.resolve("closed.db"));
    store.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
    store.close();
    store.close();
    assertThatThrownBy(() -> get(store, Table.META, new byte[] {1}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> store.writeAll(w -> w.delete(Table.META, new byte[] {1})))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
    try (LmdbStore again = LmdbStore.open(dir.resolve("closed.db"))) {
      assertThat(get(again, Table.META, new byte[] {1})).containsExactly(2);
    }
  }

  @Test
  void lmdbsOwnWordsSayWhatIsWrongWithAFile() throws Exception {
    Path file = dir.resolve("random.db");
    byte[] junk = new byte[64 * 1024];
    new Random(3).nextBytes(junk);
    Files.write(file, junk);
    assertThatThrownBy(() -> LmdbStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("MDB_INVALID: File is not an LMDB file");
  }

  /**
   * A node grows the file past the map a command opened it with: the command's next read begins
   * with MDB_MAP_RESIZED, adopts the new size and reads what the node wrote.
   */
  @Test
  void aReaderAdoptsTheMapAnotherProcessGrew() throws Exception {
    Path file = dir.resolve("grown.db");
    LmdbStore.create(file).close();
    try (LmdbStore reader = LmdbStore.open(file)) {
      assertThat(get(reader, Table.META, new byte[] {7})).isNull();
      long before = reader.mapSize();

      Process writer =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  GrowFile.class.getName(),
                  file.toString())
              .redirectErrorStream(true)
              .start();
      assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(writer.exitValue()).as(out).isZero();
      assertThat(Files.size(file)).isGreaterThan(before);

      assertThat(get(reader, Table.META, new byte[] {7})).containsExactly(8);
      assertThat(reader.mapSize()).isGreaterThan(before);
    }
  }

  /** The other process: writes 48 MiB (three times a new file's map) and a marker. */
  public static final class GrowFile {
    public static void main(String[] args) {
      try (LmdbStore store = LmdbStore.open(Path.of(args[0]))) {
        byte[] value = new byte[1 << 20];
        for (int i = 0; i < 48; i++) {
          byte[] key = {2, (byte) i};
          store.writeAll(w -> w.put(Table.BLOCKS, key, value));
        }
        store.writeAll(w -> w.put(Table.META, new byte[] {7}, new byte[] {8}));
      }
    }
  }
}
