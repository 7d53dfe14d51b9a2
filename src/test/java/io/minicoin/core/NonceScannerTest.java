package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Midstate;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NonceScannerTest {
  private static final List<Function<byte[], Sha256Midstate>> IMPLEMENTATIONS =
      List.of(Sha256Midstate::direct, Sha256Midstate::portable);

  /** The header of mainnet block 100,000 (nonce 0x10572b0f, bits 0x1b04864c). */
  private static final String BLOCK_100000 =
      "0100000050120119172a610421a6c3011dd330d9df07b63616c2cc1f1cd00200000000006657a9252"
          + "aacd5c0b2940996ecff952228c3067cc38d4885efb5a4ac4247e9f337221b4d4c86041b0f2b5710";

  @Test
  void targetComparisonMatchesBigInteger() {
    Random random = new Random(7);
    for (Function<byte[], Sha256Midstate> impl : IMPLEMENTATIONS) {
      byte[] header = new byte[80];
      random.nextBytes(header);
      Sha256Midstate m = impl.apply(header);
      Sha256Midstate check = impl.apply(header);
      for (int i = 0; i < 2000; i++) {
        int nonce = random.nextInt();
        BigInteger value = new BigInteger(1, m.hash(nonce).reversedBytes());
        BigInteger target =
            switch (i % 4) {
              case 0 -> value; // equal: meets
              case 1 -> value.subtract(BigInteger.ONE); // just below: fails
              case 2 -> value.add(BigInteger.ONE); // just above: meets
              default -> new BigInteger(256, random); // random
            };
        if (target.signum() < 0) {
          continue;
        }
        NonceScanner scanner = new NonceScanner(check, target);
        boolean expected = value.compareTo(target) <= 0;
        assertThat(scanner.meets(nonce)).isEqualTo(expected);
        assertThat(scanner.scan(nonce, 1)).isEqualTo(expected ? 0 : -1);
      }
    }
  }

  @Test
  void scanFindsTheFirstNonceInAscendingOrder() {
    byte[] header = HexFormat.of().parseHex(BLOCK_100000);
    // bits 0x1b04864c: target 0x04864c * 256^(0x1b - 3)
    BigInteger target = BigInteger.valueOf(0x04864c).shiftLeft(8 * (0x1b - 3));
    assertThat(target).isEqualTo(CompactTarget.decode(0x1b04864c));
    for (Function<byte[], Sha256Midstate> impl : IMPLEMENTATIONS) {
      NonceScanner scanner = new NonceScanner(impl.apply(header), target);
      assertThat(scanner.scan(0x10572b0f - 1000, 2000)).isEqualTo(1000);
      assertThat(scanner.scan(0x10572b0f + 1, 1000)).isEqualTo(-1);
    }
  }

  @Test
  void ofUsesTheTemplatesOwnTarget() {
    BlockHeader h = BlockHeader.read(new ByteReader(HexFormat.of().parseHex(BLOCK_100000)));
    assertThat(NonceScanner.of(h).meets(h.nonce())).isTrue();
    assertThat(NonceScanner.of(h).meets(h.nonce() + 1)).isFalse();
  }
}
