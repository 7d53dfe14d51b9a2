package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.testing.ChainBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;

class LmdbStoreTest extends KeyValueStoreContractTest {
  @TempDir Path dir;

  @Override
  protected KeyValueStore newStore() {
    return LmdbStore.create(dir.resolve("contract.db"));
  }

  @Test
  void whatWasWrittenIsThereAfterReopeningAndScansInTheSameOrder() {
    put(Table.META, "01", "aa");
    for (String k : List.of("0180", "017f", "01ff", "02")) {
      put(Table.UTXO, k, "00");
    }
    store.close();
    store = LmdbStore.open(dir.resolve("contract.db"));
    assertThat(get(Table.META, "01")).isEqualTo(hex("aa"));
    assertThat(scan(Table.UTXO, "01")).containsExactly("017f", "0180", "01ff");
  }

  @Test
  void createRefusesAnExistingFile() {
    assertThatThrownBy(() -> LmdbStore.create(dir.resolve("contract.db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void openRefusesAMissingFileWithoutCreatingIt() {
    Path missing = dir.resolve("missing.db");
    assertThatThrownBy(() -> ChainStore.open(missing))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no chain file");
    assertThat(missing).doesNotExist();
  }

  @Test
  void anotherProcessReadsTheChainWhileThisOneIsInTheMiddleOfAWrite() throws Exception {
    Path file = dir.resolve("blockchain_3000.db");
    try (ChainBuilder b = ChainBuilder.onDisk(file)) {
      b.mineOnTip();
      Sha256Hash tip = b.tip().hash();
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      Thread writer =
          new Thread(
              () ->
                  b.store()
                      .writeAll(
                          w -> {
                            w.setTip(Sha256Hash.ZERO);
                            writing.countDown();
                            try {
                              finish.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }));
      writer.start();
      try {
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        Process p =
            new ProcessBuilder(
                    javaBinary(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    PrintTip.class.getName(),
                    file.toString())
                .redirectError(dir.resolve("print-tip.err").toFile())
                .start(); // newer JDKs warn on stderr
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        if (!done) {
          p.destroyForcibly();
        }
        assertThat(done).as("the reader process finished while the write was open").isTrue();
        String output =
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo(tip.toString());
      } finally {
        finish.countDown();
        writer.join(); // closing the store under an open write transaction would crash LMDB
      }
    }
  }

  @Test
  void openRefusesRandomBytesAndLeavesThemUnchanged() throws Exception {
    byte[] junk = new byte[20_000];
    new Random(7).nextBytes(junk);
    Path file = dir.resolve("junk.db");
    Files.write(file, junk);
    assertThatThrownBy(() -> ChainStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
    assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    assertThat(dir.resolve("junk.db-lock"))
        .as("no lock file left beside a file that is not ours")
        .doesNotExist();
  }

  @Test
  void openRefusesAnEmptyFileAndLeavesItEmpty() throws Exception {
    Path file = dir.resolve("empty.db");
    Files.createFile(file);
    assertThatThrownBy(() -> ChainStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void openRefusesAnLmdbFileWithoutOurTablesAndLeavesItUnchanged() throws Exception {
    Path file = dir.resolve("other.db");
    try (Env<byte[]> env =
        Env.create(ByteArrayProxy.PROXY_BA)
            .setMaxDbs(2)
            .open(file.toFile(), EnvFlags.MDB_NOSUBDIR)) {
      env.openDbi("other", DbiFlags.MDB_CREATE)
          .put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> ChainStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a minicoin chain file");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir.resolve("other.db-lock")).as("the lock file that was there stays").exists();
  }

  @Test
  void openRefusesAnLmdbFileWithOurTablesButNoFormatMarkerAndLeavesItUnchanged() throws Exception {
    Path file = dir.resolve("unmarked.db");
    try (LmdbStore s = LmdbStore.create(file)) {
      s.writeAll(
          w -> w.put(Table.META, "genesis".getBytes(StandardCharsets.US_ASCII), new byte[32]));
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> ChainStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a minicoin chain file");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
