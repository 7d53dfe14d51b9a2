package io.minicoin.net.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.ByteWriter;
import io.minicoin.core.ChainParams;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder refuses each kind of bad frame with a reason, before allocating what it claims.
 */
class FrameCodecTest {
  static byte[] frame(int magic, byte[] command12, int length, byte[] checksum, byte[] payload) {
    return new ByteWriter()
        .writeInt32(magic)
        .writeBytes(command12)
        .writeInt32(length)
        .writeBytes(checksum)
        .writeBytes(payload)
        .toByteArray();
  }

  static byte[] frame(String command, byte[] payload) {
    return frame(
        ChainParams.MAGIC,
        Arrays.copyOf(command.getBytes(StandardCharsets.US_ASCII), 12),
        payload.length,
        Arrays.copyOf(Hashes.sha256d(payload), 4),
        payload);
  }

  private static Message read(byte[] bytes) throws Exception {
    return FrameCodec.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void aPingFrameIsLaidOutAsBitcoinLaysItOut() {
    byte[] f = FrameCodec.encode(new PingMessage(1));
    assertThat(HexFormat.of().formatHex(f))
        .isEqualTo(
            "6d696e69"
                + "70696e670000000000000000"
                + "08000000"
                + HexFormat.of()
                    .formatHex(
                        Arrays.copyOf(
                            Hashes.sha256d(HexFormat.of().parseHex("0100000000000000")), 4))
                + "0100000000000000");
  }

  @Test
  void thePackageDocumentationsWorkedExampleIsWhatTheCodecWrites() {
    assertThat(HexFormat.of().formatHex(FrameCodec.encode(new PingMessage(0x0102030405060708L))))
        .isEqualTo(
            "6d696e69" + "70696e670000000000000000" + "08000000" + "3b5a7513" + "0807060504030201");
  }

  @Test
  void theChecksumOfAnEmptyPayloadIsBitcoinsWellKnownValue() {
    byte[] f = FrameCodec.encode(new VerackMessage());
    assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(f, 20, 24))).isEqualTo("5df6e0e2");
  }

  @Test
  void aBitcoinMainnetFrameHasTheWrongMagic() {
    byte[] f =
        frame(
            0xd9b4bef9,
            Arrays.copyOf("verack".getBytes(StandardCharsets.US_ASCII), 12),
            0,
            HexFormat.of().parseHex("5df6e0e2"),
            new byte[0]);
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("bad magic 0xf9beb4d9");
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(
            () -> read("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("bad magic");
  }

  @Test
  void aBadChecksumIsRefused() {
    byte[] f =
        frame(
            ChainParams.MAGIC,
            Arrays.copyOf("ping".getBytes(StandardCharsets.US_ASCII), 12),
            8,
            new byte[4],
            new byte[8]);
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("bad checksum");
  }

  @Test
  void aLengthAboveTheCapIsRefusedBeforeReadingThePayload() {
    byte[] header =
        frame(
            ChainParams.MAGIC,
            Arrays.copyOf("block".getBytes(StandardCharsets.US_ASCII), 12),
            1 << 30,
            new byte[4],
            new byte[0]);
    InputStream onlyHeader =
        new ByteArrayInputStream(header) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            if (available() == 0) {
              throw new AssertionError("the decoder read past the header");
            }
            return super.read(b, off, len);
          }
        };
    assertThatThrownBy(() -> FrameCodec.read(onlyHeader))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("above the cap");
  }

  @Test
  void aPayloadAboveItsCommandsCapIsRefused() {
    byte[] header =
        frame(
            ChainParams.MAGIC,
            Arrays.copyOf("ping".getBytes(StandardCharsets.US_ASCII), 12),
            9,
            new byte[4],
            new byte[0]);
    assertThatThrownBy(() -> read(header))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("ping payload of 9 bytes");
  }

  @Test
  void anUnknownCommandIsRefused() {
    assertThatThrownBy(() -> read(frame("mempool", new byte[0])))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("unknown command 'mempool'");
  }

  @Test
  void aCommandWithBytesAfterItsPaddingIsRefused() {
    byte[] cmd = Arrays.copyOf("ping".getBytes(StandardCharsets.US_ASCII), 12);
    cmd[8] = 'x';
    byte[] f =
        frame(
            ChainParams.MAGIC, cmd, 8, Arrays.copyOf(Hashes.sha256d(new byte[8]), 4), new byte[8]);
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("after its NUL padding");
  }

  @Test
  void anInvWithTooManyEntriesIsRefusedBeforeAllocatingThem() {
    byte[] payload = new ByteWriter().writeVarInt(50_001).toByteArray();
    assertThatThrownBy(() -> read(frame("inv", payload)))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("50001 entries");
  }

  @Test
  void anUnknownInventoryTypeIsRefused() {
    byte[] payload =
        new ByteWriter().writeVarInt(1).writeInt32(7).writeBytes(new byte[32]).toByteArray();
    assertThatThrownBy(() -> read(frame("getdata", payload)))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("unknown inventory type 7");
  }

  @Test
  void aLocatorLongerThanBitcoinsLimitIsRefused() {
    ByteWriter w = new ByteWriter().writeInt32(70001).writeVarInt(102);
    for (int i = 0; i < 103; i++) {
      w.writeHash(Sha256Hash.ZERO);
    }
    assertThatThrownBy(() -> read(frame("getblocks", w.toByteArray())))
        .isInstanceOf(ProtocolViolation.class);
  }

  @Test
  void aMalformedBlockPayloadIsAViolationNotACrash() {
    assertThatThrownBy(() -> read(frame("block", new byte[100])))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("malformed block");
  }

  @Test
  void twoFramesInOneBufferAreReadOneAfterTheOther() throws Exception {
    byte[] a = FrameCodec.encode(new PingMessage(1));
    AddrMessage addr =
        new AddrMessage(
            List.of(
                new AddrMessage.Entry(
                    1, new NetworkAddress(0, java.net.InetAddress.getLoopbackAddress(), 3000))));
    byte[] b = FrameCodec.encode(addr);
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    InputStream in = new ByteArrayInputStream(both);
    assertThat(FrameCodec.read(in)).isEqualTo(new PingMessage(1));
    assertThat(FrameCodec.read(in)).isEqualTo(addr);
    assertThatThrownBy(() -> FrameCodec.read(in)).isInstanceOf(EOFException.class);
  }

  @Test
  void aFrameReadKeepsItsBytesExactlyAsTheyArrived() throws Exception {
    // Mainnet block 169482 (a block we did not write), framed as a peer frames it.
    byte[] block = io.minicoin.core.Vectors.bytes("block169482.dat");
    byte[] sent = frame("block", block);
    FrameCodec.Frame got = FrameCodec.readFrame(new ByteArrayInputStream(sent));
    assertThat(got.bytes()).isEqualTo(sent);
    assertThat(((BlockMessage) got.message()).block().hash())
        .isEqualTo(io.minicoin.core.Block.fromBytes(block).hash());
    assertThat(got.message().command()).isEqualTo("block");
    // What the event listener keeps: the same block (its bytes), not the decoded objects.
    Message kept = got.forListener();
    assertThat(kept).isNotSameAs(got.message()).isEqualTo(got.message());
    assertThat(((BlockMessage) kept).block().hash())
        .isEqualTo(((BlockMessage) got.message()).block().hash());
    FrameCodec.Frame ping =
        FrameCodec.readFrame(new ByteArrayInputStream(FrameCodec.encode(new PingMessage(7))));
    assertThat(ping.forListener()).isSameAs(ping.message());
  }
}
