package io.minicoin.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The direct SHA-256 (the JDK's compression function, our padding) gives the JDK's MessageDigest
 * answer for every message length around the padding's edges (55/56/63/64 bytes and their
 * multiples) and for long ones, and the FIPS 180-2 vectors.
 */
class DirectSha256Test {
  private static byte[] jdk(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  @Test
  void theDirectPathIsAvailableWhereTheBuildRunsTests() {
    // jvm.options and the surefire argLine open sun.security.provider: a node hashes directly.
    assertThat(DirectSha256.available()).isTrue();
  }

  @Test
  void fips180Vectors() {
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(DirectSha256.sha256(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex.formatHex(DirectSha256.sha256("abc".getBytes(US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(
            hex.formatHex(
                DirectSha256.sha256(
                    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(US_ASCII))))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void everyLengthUpTo300AndSomeLongOnesHashAsTheJdkDoes() throws Exception {
    Random random = new Random(13);
    for (int n = 0; n <= 300; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      assertThat(DirectSha256.sha256(data)).as("length %d", n).isEqualTo(jdk(data));
      assertThat(DirectSha256.sha256d(data)).as("double, length %d", n).isEqualTo(jdk(jdk(data)));
    }
    for (int n : new int[] {1_000, 4_095, 4_096, 65_537, 1_000_000}) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      assertThat(DirectSha256.sha256(data)).as("length %d", n).isEqualTo(jdk(data));
    }
  }

  @Test
  void hashesGivesTheSameAnswersOnceANodeSwitchesToTheDirectPath() throws Exception {
    byte[] header = new byte[80];
    new Random(80).nextBytes(header);
    byte[] before = Hashes.sha256d(header);
    byte[] key = Hashes.hash160(new byte[33]);
    Hashes.useDirectCompression();
    assertThat(Hashes.sha256d(header)).isEqualTo(before).isEqualTo(jdk(jdk(header)));
    assertThat(Hashes.hash160(new byte[33])).isEqualTo(key);
  }

  @Test
  void threadsHashAtOnceWithoutDisturbingEachOther() throws Exception {
    byte[][] inputs = new byte[4][];
    byte[][] expected = new byte[4][];
    Random random = new Random(4);
    for (int i = 0; i < 4; i++) {
      inputs[i] = new byte[100 + 97 * i];
      random.nextBytes(inputs[i]);
      expected[i] = jdk(jdk(inputs[i]));
    }
    List<Thread> threads = new ArrayList<>();
    AtomicInteger wrong = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      int i = t;
      Thread th =
          new Thread(
              () -> {
                for (int k = 0; k < 20_000; k++) {
                  if (!Arrays.equals(DirectSha256.sha256d(inputs[i]), expected[i])) {
                    wrong.incrementAndGet();
                  }
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(wrong.get()).isZero();
  }
}
