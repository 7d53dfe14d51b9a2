package io.minicoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * libsecp256k1 and Bouncy Castle side by side: the same keys, the same signatures byte for byte,
 * the same verdicts. (The vector tests of crypto and core run once on each as well: by default on
 * the one chosen here, and in {@code mvn verify} again with {@code
 * -Dminicoin.secp256k1=bouncycastle}.)
 */
class Secp256k1ImplementationsTest {
  private final Secp256k1Implementation pure = new BouncyCastleSecp256k1();
  private final Secp256k1Implementation lib = LibSecp256k1.loadOrNull();

  @Test
  void theNativeLibraryLoadsOnLinuxX86AndIsChosenUnlessBouncyCastleIsAskedFor() {
    boolean forced = "bouncycastle".equals(System.getProperty("minicoin.secp256k1"));
    if (System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
      assertThat(lib).as("libsecp256k1 loads from its jar").isNotNull();
    }
    assertThat(Secp256k1.implementationName())
        .isEqualTo(forced || lib == null ? "Bouncy Castle" : "libsecp256k1");
  }

  @Test
  void bothGiveTheSamePublicKeysAndSignaturesAndAcceptEachOthers() {
    org.junit.jupiter.api.Assumptions.assumeTrue(lib != null, "no native library here");
    Random random = new Random(256);
    for (int i = 0; i < 300; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      if (i == 0) {
        secret = fixed(1);
      } else if (i == 1) {
        secret = Secp256k1.N.subtract(BigInteger.ONE).toByteArray(); // 32 bytes: top bit set
        secret = Arrays.copyOfRange(secret, secret.length - 32, secret.length);
      } else {
        secret[0] &= 0x7f;
      }
      byte[] digest = new byte[32];
      random.nextBytes(digest);

      byte[] pub = pure.publicKey(secret);
      assertThat(lib.publicKey(secret)).isEqualTo(pub);
      EcdsaSignature sig = pure.sign(digest, secret);
      assertThat(lib.sign(digest, secret)).isEqualTo(sig);

      for (Secp256k1Implementation impl : new Secp256k1Implementation[] {pure, lib}) {
        Object key = impl.parsePublicKey(pub);
        assertThat(impl.verify(digest, sig, key)).as(impl.name()).isTrue();
        // High S is valid consensus (old blocks hold such signatures): both accept it.
        EcdsaSignature high = new EcdsaSignature(sig.r(), Secp256k1.N.subtract(sig.s()));
        assertThat(impl.verify(digest, high, key)).as(impl.name() + " high S").isTrue();
        byte[] other = digest.clone();
        other[i % 32] ^= 1;
        assertThat(impl.verify(other, sig, key)).as(impl.name() + " other digest").isFalse();
        // With the key as encoded (a block's checks: parsed once, inside the library), too.
        assertThat(impl.verifyEncoded(digest, sig, pub)).as(impl.name() + " encoded").isTrue();
        assertThat(impl.verifyEncoded(digest, high, pub))
            .as(impl.name() + " encoded high S")
            .isTrue();
        assertThat(impl.verifyEncoded(other, sig, pub))
            .as(impl.name() + " encoded other digest")
            .isFalse();
      }
    }
  }

  @Test
  void bothRefuseAPointOffTheCurve() {
    // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square modulo p).
    byte[] offCurve = HexFormat.of().parseHex("02" + "00".repeat(31) + "05");
    assertThatThrownBy(() -> pure.parsePublicKey(offCurve)).isInstanceOf(FormatException.class);
    if (lib != null) {
      assertThatThrownBy(() -> lib.parsePublicKey(offCurve)).isInstanceOf(FormatException.class);
    }
    // Verifying with it is a refusal, never an exception, whichever library parses it.
    EcdsaSignature sig = pure.sign(new byte[32], fixed(1));
    assertThat(pure.verifyEncoded(new byte[32], sig, offCurve)).isFalse();
    if (lib != null) {
      assertThat(lib.verifyEncoded(new byte[32], sig, offCurve)).isFalse();
    }
  }

  private static byte[] fixed(int value) {
    byte[] b = new byte[32];
    b[31] = (byte) value;
    return b;
  }
}
