package io.minicoin.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Address;
import io.minicoin.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers of one wallet file at once (other processes, as two {@code createwallet} in two
 * terminals, and threads, as a node's RPC beside its own work) lose no key: each writer's
 * read-modify-write happens whole, under the wallet lock.
 */
class ConcurrentWalletWritersTest {
  private static final int PROCESSES = 4;
  private static final int THREADS = 4;
  private static final int KEYS_EACH = 15;

  @TempDir Path dir;

  /** A child process: makes KEYS_EACH addresses, each from a freshly loaded wallet, prints them. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < KEYS_EACH; i++) {
      System.out.println(Wallet.load(file).createAddress(random));
    }
  }

  @Test
  void concurrentProcessesAndThreadsKeepEveryKey() throws Exception {
    Path file = dir.resolve("wallet_3000.dat");
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConcurrentWalletWritersTest.class.getName(),
                  file.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start());
    }
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    List<Future<List<Address>>> made = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      made.add(
          threads.submit(
              () -> {
                List<Address> mine = new ArrayList<>();
                for (int i = 0; i < KEYS_EACH; i++) {
                  mine.add(Wallet.load(file).createAddress(new SecureRandom()));
                }
                return mine;
              }));
    }
    Set<Address> expected = new HashSet<>();
    for (Future<List<Address>> f : made) {
      expected.addAll(f.get(120, TimeUnit.SECONDS));
    }
    threads.shutdown();
    for (Process p : processes) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      for (String line :
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .strip()
              .split("\n", -1)) {
        expected.add(Address.parse(line.strip()));
      }
    }

    assertThat(expected).hasSize((PROCESSES + THREADS) * KEYS_EACH);
    assertThat(Wallet.load(file).addresses()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(dir.resolve("wallet_3000.dat.tmp")).doesNotExist();
  }

  @Test
  void importingAKeyTwiceWritesItOnce() throws Exception {
    Path file = dir.resolve("wallet_3000.dat");
    PrivateKey key = PrivateKey.generate(new SecureRandom());
    Wallet wallet = Wallet.load(file);
    assertThat(wallet.importKey(key)).isTrue();
    byte[] before = Files.readAllBytes(file);
    assertThat(Wallet.load(file).importKey(key)).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(wallet.addresses()).containsExactly(Address.fromPublicKey(key.publicKey()));
  }

  @Test
  void aMissingDirectoryIsNamed() {
    Path file = dir.resolve("no-such-dir").resolve("wallet_3000.dat");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Wallet.load(file).createAddress(new SecureRandom()))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("no-such-dir")
        .hasMessageContaining("does not exist");
  }
}
