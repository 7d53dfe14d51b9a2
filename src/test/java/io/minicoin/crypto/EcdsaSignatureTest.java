package io.minicoin.crypto;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Signing (RFC 6979, low S) and strict DER parsing, partly against bitcoinj's vectors. */
class EcdsaSignatureTest {
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  /**
   * The widely published secp256k1 RFC 6979 vectors (python-ecdsa, trezor-crypto, bitcoinjs):
   * private key 1, message SHA-256. Re-derived independently with a from-scratch RFC 6979 while
   * writing this test.
   */
  @Test
  void rfc6979MatchesPublishedVectors() {
    PrivateKey one = PrivateKey.fromBytes(key(1));
    assertSignature(
        one,
        "Satoshi Nakamoto",
        "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8",
        "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    assertSignature(
        one,
        "All those moments will be lost in time, like tears in rain. Time to die...",
        "8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b",
        "547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21");
  }

  private static void assertSignature(PrivateKey key, String message, String r, String s) {
    byte[] digest = Hashes.sha256(message.getBytes(StandardCharsets.UTF_8));
    EcdsaSignature sig = key.sign(digest);
    assertThat(sig.r().toString(16)).isEqualTo(r);
    assertThat(sig.s().toString(16)).isEqualTo(s);
    assertThat(hex(sig.toDer())).isEqualTo("3045022100" + r + "0220" + s);
  }

  @Test
  void sameKeyAndDigestGiveTheSameSignature() {
    PrivateKey key = PrivateKey.fromBytes(key(0x1234567));
    byte[] digest = Hashes.sha256d("minicoin".getBytes(StandardCharsets.UTF_8));
    assertThat(key.sign(digest)).isEqualTo(key.sign(digest));
    byte[] other = digest.clone();
    other[0] ^= 1;
    assertThat(key.sign(other)).isNotEqualTo(key.sign(digest));
  }

  @Test
  void signaturesAreAlwaysLowSAndRoundTripThroughDerAndVerify() {
    Random random = new Random(6979);
    for (int i = 0; i < 200; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      secret[0] &= 0x7f; // stay below the curve order
      PrivateKey key = PrivateKey.fromBytes(secret);
      byte[] digest = new byte[32];
      random.nextBytes(digest);

      EcdsaSignature sig = key.sign(digest);
      assertThat(sig.isLowS()).isTrue();
      byte[] der = sig.toDer();
      assertThat(EcdsaSignature.fromDer(der)).isEqualTo(sig);
      assertThat(der.length).isBetween(8, 72);
      assertThat(key.publicKey().verify(digest, sig)).isTrue();

      byte[] otherDigest = digest.clone();
      otherDigest[31] ^= 1;
      assertThat(key.publicKey().verify(otherDigest, sig)).isFalse();
    }
  }

  @Test
  void highSFormVerifiesAndLowSFormIsItsMirror() {
    PrivateKey key = PrivateKey.fromBytes(key(42));
    byte[] digest = Hashes.sha256("high s".getBytes(StandardCharsets.UTF_8));
    EcdsaSignature low = key.sign(digest);
    EcdsaSignature high = new EcdsaSignature(low.r(), N.subtract(low.s()));
    assertThat(high.isLowS()).isFalse();
    assertThat(high.toLowS()).isEqualTo(low);
    assertThat(key.publicKey().verify(digest, high)).isTrue();
    assertThat(EcdsaSignature.fromDer(high.toDer())).isEqualTo(high);
  }

  @Test
  void wrongKeyDoesNotVerify() {
    byte[] digest = Hashes.sha256("x".getBytes(StandardCharsets.UTF_8));
    EcdsaSignature sig = PrivateKey.fromBytes(key(7)).sign(digest);
    assertThat(PrivateKey.fromBytes(key(8)).publicKey().verify(digest, sig)).isFalse();
  }

  /**
   * Canonical DER that is still not a signature: r = s = 0. fromDer refuses it by value (a
   * signature's numbers lie in 1..n-1, so it could never verify), not by encoding.
   */
  private static final String ZERO_VALUES = "300602010002010001";

  @Test
  void bitcoinjCanonicalSignaturesParse() {
    int parsed = 0;
    for (Object entry : Vectors.jsonArray("sig_canonical.json")) {
      byte[] withHashType = hex((String) entry);
      byte[] der = Arrays.copyOf(withHashType, withHashType.length - 1);
      if (entry.equals(ZERO_VALUES)) {
        assertThatThrownBy(() -> EcdsaSignature.fromDer(der))
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("between 1 and the curve order");
        continue;
      }
      EcdsaSignature sig = EcdsaSignature.fromDer(der);
      assertThat(sig.toDer()).as("re-encoding of %s", entry).isEqualTo(der);
      parsed++;
    }
    assertThat(parsed).isEqualTo(4);
  }

  /**
   * bitcoinj's non-canonical list checks the whole script element, hash type byte included. Here
   * the hash type byte is removed first, so the entries that are wrong only in that byte are not a
   * DER matter; each skipped entry says why.
   */
  private static final Map<String, String> NOT_A_DER_MATTER =
      Map.of(
          "hashtype:",
          "the DER is canonical; only the trailing hash type byte 0x11 is undefined, and that"
              + " byte is not part of what EcdsaSignature.fromDer parses");

  @Test
  void bitcoinjNonCanonicalSignaturesAreRejected() {
    List<Object> entries = Vectors.jsonArray("sig_noncanonical.json");
    int rejected = 0;
    int skipped = 0;
    String label = null;
    for (Object entry : entries) {
      String text = (String) entry;
      if (!text.matches("([0-9a-fA-F]{2})+")) {
        label = text; // the entries are labelled by the string before them
        continue;
      }
      if (NOT_A_DER_MATTER.containsKey(label)) {
        byte[] bytes = hex(text);
        assertThat(EcdsaSignature.fromDer(Arrays.copyOf(bytes, bytes.length - 1))).isNotNull();
        skipped++;
        continue;
      }
      byte[] bytes = hex(text);
      byte[] der = Arrays.copyOf(bytes, bytes.length - 1);
      assertThatThrownBy(() -> EcdsaSignature.fromDer(der))
          .as("%s %s", label, text)
          .isInstanceOf(FormatException.class);
      rejected++;
    }
    assertThat(rejected).isEqualTo(14);
    assertThat(skipped).isEqualTo(1);
  }

  @Test
  void derRejectsNamedDefectsWithAMessage() {
    EcdsaSignature sig = PrivateKey.fromBytes(key(3)).sign(new byte[32]);
    byte[] der = sig.toDer();
    byte[] extra = Arrays.copyOf(der, der.length + 1);
    assertThatThrownBy(() -> EcdsaSignature.fromDer(extra))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("length");
    byte[] notSequence = der.clone();
    notSequence[0] = 0x31;
    assertThatThrownBy(() -> EcdsaSignature.fromDer(notSequence))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("sequence");
    assertThatThrownBy(() -> EcdsaSignature.fromDer(new byte[0]))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void valuesOutsideTheOrderAreRejected() {
    assertThatThrownBy(() -> new EcdsaSignature(BigInteger.ZERO, BigInteger.ONE))
        .isInstanceOf(FormatException.class);
    assertThatThrownBy(() -> new EcdsaSignature(BigInteger.ONE, N))
        .isInstanceOf(FormatException.class);
  }

  static byte[] key(long n) {
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      out[31 - i] = (byte) (n >>> (8 * i));
    }
    return out;
  }
}
