package io.minicoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs a JVM without {@code --add-opens}: {@link Sha256Midstate#create} must fall back quietly. */
class Sha256MidstateFallbackTest {
  @Test
  void fallsBackToPortableWithoutAddOpens() throws Exception {
    String cp =
        codeSource(Sha256Midstate.class)
            + File.pathSeparator
            + codeSource(Sha256MidstateFallbackTest.class);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-cp", cp, Child.class.getName())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .startsWith("portable (MessageDigest midstate clone; direct unavailable:")
        .contains("\nok\n");
    assertThat(out.lines().count()).as("nothing noisy").isEqualTo(2);
  }

  private static String codeSource(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** The child JVM's main: prints the implementation, then "ok" if create() hashes correctly. */
  public static final class Child {
    public static void main(String[] args) {
      System.out.println(Sha256Midstate.implementation());
      Random random = new Random(1);
      byte[] header = new byte[80];
      random.nextBytes(header);
      Sha256Midstate m = Sha256Midstate.create(header);
      if (!m.name().equals("portable") || Sha256Midstate.directAvailable()) {
        System.out.println("expected portable, got " + m.name());
        System.exit(1);
      }
      for (int i = 0; i < 100; i++) {
        int nonce = random.nextInt();
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(76, nonce);
        if (!m.hash(nonce).equals(Sha256Hash.wrap(Hashes.sha256d(header)))) {
          System.out.println("mismatch");
          System.exit(1);
        }
      }
      System.out.println("ok");
    }
  }
}
