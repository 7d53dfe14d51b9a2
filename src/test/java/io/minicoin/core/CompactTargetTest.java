package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.crypto.Sha256Hash;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CompactTargetTest {

  @Test
  void genesisBitsDecodeToTheDifficultyOneTarget() {
    BigInteger target = CompactTarget.decode(0x1d00ffff);
    assertThat(String.format("%064x", target))
        .isEqualTo("00000000ffff0000000000000000000000000000000000000000000000000000");
    assertThat(CompactTarget.encode(target)).isEqualTo(0x1d00ffff);
  }

  @Test
  void workOfDifficultyOneIsKnown() {
    assertThat(CompactTarget.work(0x1d00ffff)).isEqualTo(BigInteger.valueOf(4295032833L));
  }

  @Test
  void knownMainnetBitsRoundTrip() {
    // Genesis, block 100000, block 169482 (read from its file), and a 2020s value.
    int bits169482 = Block.fromBytes(Vectors.bytes("block169482.dat")).header().bits();
    for (int bits : new int[] {0x1d00ffff, 0x1b04864c, bits169482, 0x17034219, 0x207fffff}) {
      assertThat(CompactTarget.encode(CompactTarget.decode(bits)))
          .as(CompactTarget.toHex(bits))
          .isEqualTo(bits);
    }
    assertThat(CompactTarget.decode(0x1b04864c))
        .isEqualTo(BigInteger.valueOf(0x04864c).shiftLeft(8 * (0x1b - 3)));
  }

  @Test
  void encodingKeepsTheMantissaPositive() {
    // A 27-byte target starting 0x80 would give mantissa 0x800000, read as negative; Bitcoin
    // moves it one byte down and raises the exponent.
    assertThat(CompactTarget.encode(BigInteger.valueOf(0x80).shiftLeft(8 * 0x1a)))
        .isEqualTo(0x1c008000);
    assertThat(CompactTarget.encode(BigInteger.valueOf(0x12))).isEqualTo(0x01120000);
  }

  @Test
  void invalidBitsAreRefused() {
    assertThatThrownBy(() -> CompactTarget.decode(0x04923456)).hasMessageContaining("negative");
    assertThatThrownBy(() -> CompactTarget.decode(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompactTarget.decode(0xff123456))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CompactTarget.isMetBy(Sha256Hash.ZERO, 0)).isFalse();
  }

  @Test
  void aHashEqualToTheTargetMeetsItAndOneMoreDoesNot() {
    int bits = 0x1d00ffff;
    BigInteger target = CompactTarget.decode(bits);
    // fromHex takes the display order, which reads as the number itself.
    Sha256Hash exactly = Sha256Hash.fromHex(String.format("%064x", target));
    Sha256Hash above = Sha256Hash.fromHex(String.format("%064x", target.add(BigInteger.ONE)));
    assertThat(CompactTarget.isMetBy(exactly, bits)).isTrue();
    assertThat(CompactTarget.isMetBy(above, bits)).isFalse();
  }
}
