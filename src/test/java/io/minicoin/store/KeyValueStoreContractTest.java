package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyValueStore} promises; run against each implementation by a subclass. */
abstract class KeyValueStoreContractTest {
  protected KeyValueStore store;

  protected abstract KeyValueStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  byte[] get(Table t, String key) {
    return store.read(r -> r.get(t, hex(key)));
  }

  void put(Table t, String key, String value) {
    store.writeAll(w -> w.put(t, hex(key), hex(value)));
  }

  List<String> scan(Table t, String prefix) {
    return store.read(
        r -> {
          List<String> keys = new ArrayList<>();
          r.scan(t, hex(prefix), (k, v) -> keys.add(HexFormat.of().formatHex(k)));
          return keys;
        });
  }

  @Test
  void getReturnsWhatWasPutAndNullForAMissingKey() {
    put(Table.UTXO, "0102", "aabb");
    assertThat(get(Table.UTXO, "0102")).isEqualTo(hex("aabb"));
    assertThat(get(Table.UTXO, "0103")).isNull();
  }

  @Test
  void putReplacesAValueAndDeleteRemovesIt() {
    put(Table.META, "01", "aa");
    put(Table.META, "01", "bbcc");
    assertThat(get(Table.META, "01")).isEqualTo(hex("bbcc"));
    store.writeAll(w -> w.delete(Table.META, hex("01")));
    assertThat(get(Table.META, "01")).isNull();
  }

  @Test
  void deletingAMissingKeyIsHarmless() {
    store.writeAll(w -> w.delete(Table.META, hex("77")));
    assertThat(get(Table.META, "77")).isNull();
  }

  @Test
  void tablesAreSeparate() {
    put(Table.BLOCKS, "01", "aa");
    assertThat(get(Table.INDEX, "01")).isNull();
    assertThat(scan(Table.INDEX, "")).isEmpty();
  }

  @Test
  void anEmptyValueIsStoredAsEmptyNotMissing() {
    put(Table.ADDR, "05", "");
    assertThat(get(Table.ADDR, "05")).isEmpty();
  }

  @Test
  void changingAReturnedArrayDoesNotChangeTheStore() {
    put(Table.META, "01", "aa");
    get(Table.META, "01")[0] = 0;
    assertThat(get(Table.META, "01")).isEqualTo(hex("aa"));
  }

  @Test
  void scanVisitsExactlyTheKeysWithThePrefixInUnsignedByteOrder() {
    for (String k : List.of("01ff", "0180", "02", "00ff", "017f", "01", "0100", "ff", "ff00")) {
      put(Table.UTXO, k, "00");
    }
    assertThat(scan(Table.UTXO, "01")).containsExactly("01", "0100", "017f", "0180", "01ff");
    assertThat(scan(Table.UTXO, "ff")).containsExactly("ff", "ff00");
    assertThat(scan(Table.UTXO, ""))
        .containsExactly("00ff", "01", "0100", "017f", "0180", "01ff", "02", "ff", "ff00");
  }

  @Test
  void scanOfAPrefixNoKeyHasVisitsNothing() {
    put(Table.UTXO, "01", "00");
    put(Table.UTXO, "03", "00");
    assertThat(scan(Table.UTXO, "02")).isEmpty();
    assertThat(scan(Table.UTXO, "04")).isEmpty();
    assertThat(scan(Table.UTXO, "0101")).isEmpty();
  }

  @Test
  void scanStopsWhenTheVisitorReturnsFalse() {
    for (String k : List.of("0101", "0102", "0103")) {
      put(Table.UTXO, k, "00");
    }
    List<String> seen =
        store.read(
            r -> {
              List<String> keys = new ArrayList<>();
              r.scan(
                  Table.UTXO,
                  hex("01"),
                  (k, v) -> {
                    keys.add(HexFormat.of().formatHex(k));
                    return keys.size() < 2;
                  });
              return keys;
            });
    assertThat(seen).containsExactly("0101", "0102");
  }

  @Test
  void scanPassesTheValues() {
    put(Table.UTXO, "0101", "aa");
    put(Table.UTXO, "0102", "bbbb");
    List<String> values =
        store.read(
            r -> {
              List<String> vs = new ArrayList<>();
              r.scan(Table.UTXO, hex("01"), (k, v) -> vs.add(HexFormat.of().formatHex(v)));
              return vs;
            });
    assertThat(values).containsExactly("aa", "bbbb");
  }

  @Test
  void aWriteSeesItsOwnChangesBeforeItCommits() {
    put(Table.META, "01", "aa");
    List<String> inside =
        store.write(
            w -> {
              w.put(Table.META, hex("02"), hex("bb"));
              w.delete(Table.META, hex("01"));
              List<String> keys = new ArrayList<>();
              w.scan(Table.META, new byte[0], (k, v) -> keys.add(HexFormat.of().formatHex(k)));
              return keys;
            });
    assertThat(inside).containsExactly("02");
  }

  @Test
  void aWriteThatThrowsChangesNothing() {
    put(Table.META, "01", "aa");
    assertThatThrownBy(
            () ->
                store.writeAll(
                    w -> {
                      w.put(Table.META, hex("01"), hex("ff"));
                      w.put(Table.META, hex("02"), hex("bb"));
                      w.put(Table.UTXO, hex("03"), hex("cc"));
                      w.delete(Table.META, hex("01"));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(get(Table.META, "01")).isEqualTo(hex("aa"));
    assertThat(get(Table.META, "02")).isNull();
    assertThat(scan(Table.UTXO, "")).isEmpty();
  }

  @Test
  void aReaderKeepsSeeingItsSnapshotWhileAWriteCommits() {
    put(Table.META, "01", "aa");
    String seen =
        store.read(
            r -> {
              store.writeAll(
                  w -> {
                    w.put(Table.META, hex("01"), hex("bb"));
                    w.put(Table.META, hex("02"), hex("cc"));
                  });
              return HexFormat.of().formatHex(r.get(Table.META, hex("01")))
                  + " "
                  + (r.get(Table.META, hex("02")) == null);
            });
    assertThat(seen).isEqualTo("aa true");
    assertThat(get(Table.META, "01")).isEqualTo(hex("bb"));
  }

  @Test
  void aReaderDoesNotWaitForAWriteInProgress() throws Exception {
    put(Table.META, "01", "aa");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    // Threads of their own: a shared pool with one worker (two cores) would queue the reader
    // behind the blocked writer and prove nothing.
    ExecutorService threads = Executors.newCachedThreadPool();
    Future<?> writer =
        threads.submit(
            () ->
                store.writeAll(
                    w -> {
                      w.put(Table.META, hex("01"), hex("bb"));
                      writing.countDown();
                      await(finish);
                    }));
    try {
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      Future<byte[]> read = threads.submit(() -> get(Table.META, "01"));
      assertThat(read.get(10, TimeUnit.SECONDS))
          .as("read during an open write")
          .isEqualTo(hex("aa"));
    } finally {
      finish.countDown();
      writer.get(); // the store must outlive its write transaction
      threads.shutdown();
    }
    assertThat(get(Table.META, "01")).isEqualTo(hex("bb"));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
