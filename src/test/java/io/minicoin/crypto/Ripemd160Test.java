package io.minicoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.junit.jupiter.api.Test;

/**
 * RIPEMD-160 against the test vectors published with the algorithm (Dobbertin, Bosselaers and
 * Preneel, "RIPEMD-160: A Strengthened Version of RIPEMD", and the authors' page
 * homes.esat.kuleuven.be/~bosselae/ripemd160.html), and against Bouncy Castle's implementation on
 * inputs of every length around the padding boundaries.
 */
class Ripemd160Test {
  private static String hash(String ascii) {
    return HexFormat.of().formatHex(Ripemd160.digest(ascii.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void theAuthorsVectors() {
    assertThat(hash("")).isEqualTo("9c1185a5c5e9fc54612808977ee8f548b2258d31");
    assertThat(hash("a")).isEqualTo("0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
    assertThat(hash("abc")).isEqualTo("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    assertThat(hash("message digest")).isEqualTo("5d0689ef49d2fae572b881b123a85ffa21595f36");
    assertThat(hash("abcdefghijklmnopqrstuvwxyz"))
        .isEqualTo("f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
    assertThat(hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
        .isEqualTo("12a053384a9c0c88e405a06c27dcf49ada62eb2b");
    assertThat(hash("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))
        .isEqualTo("b0e20b6e3116640286ed3a87a5713079b21f5189");
    assertThat(hash("1234567890".repeat(8))).isEqualTo("9b752e45573d4b39f4dbd3323cab82bf63326bfb");
    assertThat(hash("a".repeat(1_000_000))).isEqualTo("52783243c1697bdbe16d37f97f68f08325dc1528");
  }

  @Test
  void agreesWithBouncyCastleOnEveryLengthUpTo200Bytes() {
    Random random = new Random(160);
    for (int length = 0; length <= 200; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      RIPEMD160Digest theirs = new RIPEMD160Digest();
      theirs.update(data, 0, data.length);
      byte[] expected = new byte[20];
      theirs.doFinal(expected, 0);
      assertThat(Ripemd160.digest(data)).as("length %d", length).isEqualTo(expected);
    }
  }

  @Test
  void hash160OfAPublicKeyIsTheHashInItsAddress() {
    // The compressed public key of the secret 1 (the curve's generator) and its well-known
    // address 1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH.
    byte[] generator =
        HexFormat.of()
            .parseHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(HexFormat.of().formatHex(Hashes.hash160(generator)))
        .isEqualTo("751e76e8199196d454941c45d1b3a323f1433bd6");
  }
}
