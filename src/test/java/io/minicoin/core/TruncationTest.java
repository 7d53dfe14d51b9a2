package io.minicoin.core;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.crypto.FormatException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Cut data must fail cleanly: a FormatException, never another exception, never a success. */
class TruncationTest {

  private static void eachPrefixIsRejected(byte[] raw, Consumer<byte[]> parser) {
    for (int len = 0; len < raw.length; len++) {
      byte[] prefix = Arrays.copyOf(raw, len);
      assertThatThrownBy(() -> parser.accept(prefix))
          .as("prefix of %d of %d bytes", len, raw.length)
          .isExactlyInstanceOf(FormatException.class);
    }
  }

  @Test
  void genesisBlockCutAtEveryByte() {
    byte[] raw = hex(GenesisBlockTest.GENESIS_HEX);
    eachPrefixIsRejected(raw, Block::fromBytes);
  }

  @Test
  void transactionCutAtEveryByte() {
    byte[] block169482 = Vectors.bytes("block169482.dat");
    for (Transaction tx : Block.fromBytes(block169482).transactions().subList(0, 3)) {
      eachPrefixIsRejected(tx.serialize(), Transaction::fromBytes);
    }
  }

  @Test
  void headerCutAtEveryByte() {
    byte[] header = Arrays.copyOf(hex(GenesisBlockTest.GENESIS_HEX), BlockHeader.SIZE);
    eachPrefixIsRejected(header, b -> BlockHeader.read(new ByteReader(b)));
  }

  @Test
  void leftoverBytesAreRejected() {
    byte[] raw = Arrays.copyOf(hex(GenesisBlockTest.GENESIS_HEX), 286);
    assertThatThrownBy(() -> Block.fromBytes(raw))
        .isExactlyInstanceOf(FormatException.class)
        .hasMessageContaining("unexpected bytes");
  }

  /** The genesis block with its transaction count (the byte after the header) re-encoded. */
  private static byte[] genesisWithCount(String countHex) {
    byte[] raw = hex(GenesisBlockTest.GENESIS_HEX);
    byte[] count = hex(countHex);
    byte[] out = new byte[raw.length - 1 + count.length];
    System.arraycopy(raw, 0, out, 0, BlockHeader.SIZE);
    System.arraycopy(count, 0, out, BlockHeader.SIZE, count.length);
    System.arraycopy(
        raw,
        BlockHeader.SIZE + 1,
        out,
        BlockHeader.SIZE + count.length,
        raw.length - BlockHeader.SIZE - 1);
    return out;
  }

  @Test
  void nonCanonicalVarIntLengthIsRejected() {
    assertThat(Block.fromBytes(genesisWithCount("01")).hash())
        .hasToString(GenesisBlockTest.GENESIS_HASH);
    for (String padded : new String[] {"fd0100", "fe01000000", "ff0100000000000000"}) {
      assertThatThrownBy(() -> Block.fromBytes(genesisWithCount(padded)))
          .as(padded)
          .isExactlyInstanceOf(FormatException.class)
          .hasMessageContaining("non-canonical");
    }
  }

  @Test
  void varIntBoundaries() {
    assertThat(new ByteReader(hex("fc")).readVarInt()).isEqualTo(0xfc);
    assertThat(new ByteReader(hex("fdfd00")).readVarInt()).isEqualTo(0xfd);
    assertThat(new ByteReader(hex("fe00000100")).readVarInt()).isEqualTo(0x10000);
    assertThat(new ByteReader(hex("ff0000000001000000")).readVarInt()).isEqualTo(0x100000000L);
    assertThatThrownBy(() -> new ByteReader(hex("fdfc00")).readVarInt())
        .isInstanceOf(FormatException.class);
    assertThatThrownBy(() -> new ByteReader(hex("feffff0000")).readVarInt())
        .isInstanceOf(FormatException.class);
    assertThatThrownBy(() -> new ByteReader(hex("ffffffffff00000000")).readVarInt())
        .isInstanceOf(FormatException.class);
    for (long v : new long[] {0, 0xfc, 0xfd, 0xffff, 0x10000, 0xffffffffL, 0x100000000L}) {
      byte[] written = new ByteWriter().writeVarInt(v).toByteArray();
      assertThat(new ByteReader(written).readVarInt()).isEqualTo(v);
    }
  }

  @Test
  void hugeCountsAreRefusedBeforeAllocating() {
    // A transaction claiming 2^32-1 inputs in a few bytes.
    byte[] tx = hex("01000000feffffffff");
    assertThatThrownBy(() -> Transaction.fromBytes(tx))
        .isExactlyInstanceOf(FormatException.class)
        .hasMessageContaining("above the limit");
  }
}
