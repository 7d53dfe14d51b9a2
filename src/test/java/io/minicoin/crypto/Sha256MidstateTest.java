package io.minicoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class Sha256MidstateTest {
  private static final List<Function<byte[], Sha256Midstate>> IMPLEMENTATIONS =
      List.of(Sha256Midstate::direct, Sha256Midstate::portable, Sha256Midstate::create);

  private static final String BLOCK_100000 =
      "0100000050120119172a610421a6c3011dd330d9df07b63616c2cc1f1cd00200000000006657a9252"
          + "aacd5c0b2940996ecff952228c3067cc38d4885efb5a4ac4247e9f337221b4d4c86041b0f2b5710";

  @Test
  void directPathIsAvailableWithTheAddOpensOfThePom() {
    assertThat(Sha256Midstate.directAvailable()).as(Sha256Midstate.implementation()).isTrue();
    assertThat(Sha256Midstate.implementation()).startsWith("direct");
    assertThat(Sha256Midstate.create(new byte[80]).name()).isEqualTo("direct");
    assertThat(Sha256Midstate.portable(new byte[80]).name()).isEqualTo("portable");
  }

  @Test
  void equalsDoubleSha256ForRandomHeadersAndNonces() {
    Random random = new Random(42);
    for (Function<byte[], Sha256Midstate> impl : IMPLEMENTATIONS) {
      for (int h = 0; h < 50; h++) {
        byte[] header = new byte[80];
        random.nextBytes(header);
        Sha256Midstate m = impl.apply(header);
        for (int n = 0; n < 20; n++) {
          int nonce = n < 2 ? (n == 0 ? 0 : -1) : random.nextInt();
          ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(76, nonce);
          assertThat(m.hash(nonce)).as(m.name()).isEqualTo(Sha256Hash.wrap(Hashes.sha256d(header)));
        }
      }
    }
  }

  @Test
  void hashesMainnetBlock100000() {
    byte[] header = HexFormat.of().parseHex(BLOCK_100000);
    for (Function<byte[], Sha256Midstate> impl : IMPLEMENTATIONS) {
      Sha256Midstate m = impl.apply(header);
      assertThat(m.hash(0x10572b0f).toString())
          .isEqualTo("000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506");
    }
  }

  @Test
  void hashesMessagesOfEveryLengthItAccepts() {
    Random random = new Random(3);
    for (int length = Sha256Midstate.MIN_LENGTH; length <= Sha256Midstate.MAX_LENGTH; length++) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      for (Function<byte[], Sha256Midstate> impl : IMPLEMENTATIONS) {
        Sha256Midstate m = impl.apply(message);
        int counter = random.nextInt();
        ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).putInt(length - 4, counter);
        assertThat(m.hash(counter))
            .as("%s, %d bytes", m.name(), length)
            .isEqualTo(Sha256Hash.wrap(Hashes.sha256d(message)));
      }
    }
  }

  @Test
  void refusesMessagesWhoseRestDoesNotFitOneChunk() {
    for (int length :
        new int[] {0, 64, Sha256Midstate.MIN_LENGTH - 1, Sha256Midstate.MAX_LENGTH + 1}) {
      for (Function<byte[], Sha256Midstate> impl : IMPLEMENTATIONS) {
        assertThatThrownBy(() -> impl.apply(new byte[length]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not " + length);
      }
    }
  }
}
