package io.minicoin.net.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.Sha256Hash;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type survives encode, frame and decode unchanged, and no cut-off copy decodes. */
class MessageRoundTripTest {
  /** Bitcoin's genesis block, a real block and a real coinbase transaction. */
  static final Block GENESIS =
      Block.fromBytes(
          HexFormat.of()
              .parseHex(
                  "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c01010000000100000000000000000000000000000000000000000000000000000000000000"
                      + "00ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000"));

  static final Transaction COINBASE = GENESIS.transactions().get(0);
  static final Sha256Hash H = GENESIS.hash();

  static final NetworkAddress LOCAL_3000 =
      new NetworkAddress(0, InetAddress.getLoopbackAddress(), 3000);
  static final NetworkAddress LOCAL_3001 =
      new NetworkAddress(0, InetAddress.getLoopbackAddress(), 3001);

  static final NetworkAddress IPV6_MAX_PORT = ipv6();

  private static NetworkAddress ipv6() {
    try {
      return new NetworkAddress(1, InetAddress.getByName("2001:db8::7"), 65535); // a literal
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Message> messages() {
    InvVector block = new InvVector(InvType.BLOCK, H);
    InvVector tx = new InvVector(InvType.TX, COINBASE.txid());
    return Stream.of(
        new VersionMessage(
            70002, 0, 1_700_000_000L, LOCAL_3000, LOCAL_3001, 7, "/minicoin:0.1.0/", 42, true),
        new VersionMessage(70002, 0, 1L, LOCAL_3000, NetworkAddress.NONE, -1, "", 0, false),
        new VerackMessage(),
        new PingMessage(-1L),
        new PongMessage(123456789L),
        new AddrMessage(
            List.of(
                new AddrMessage.Entry(1_700_000_000L, LOCAL_3001),
                new AddrMessage.Entry(0xffffffffL, IPV6_MAX_PORT))),
        new GetBlocksMessage(70001, List.of(H, Sha256Hash.ZERO), Sha256Hash.ZERO),
        new InvMessage(List.of(block, tx)),
        new GetDataMessage(List.of(block)),
        new NotFoundMessage(List.of(tx)),
        new BlockMessage(GENESIS),
        BlockMessage.ofSerialized(GENESIS.serialize()), // as a serving node sends a stored block
        new TxMessage(COINBASE),
        new RejectMessage("tx", 0x10, "bad-txns-inputs-missingorspent", COINBASE.txid()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void encodesAndDecodesToAnEqualMessage(Message m) throws Exception {
    byte[] frame = FrameCodec.encode(m);
    Message back = FrameCodec.read(new ByteArrayInputStream(frame));
    assertThat(back.command()).isEqualTo(m.command());
    if (m instanceof BlockMessage b) {
      assertThat(((BlockMessage) back).block().serialize()).isEqualTo(b.block().serialize());
    } else if (m instanceof TxMessage t) {
      assertThat(((TxMessage) back).tx()).isEqualTo(t.tx());
    } else {
      assertThat(back).isEqualTo(m);
    }
    assertThat(FrameCodec.encode(back)).isEqualTo(frame);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void aFrameCutAtAnyByteIsRefused(Message m) {
    byte[] frame = FrameCodec.encode(m);
    for (int cut = 1; cut < frame.length; cut++) {
      byte[] part = Arrays.copyOf(frame, cut);
      assertThatThrownBy(() -> FrameCodec.read(new ByteArrayInputStream(part)))
          .as("cut at %d", cut)
          .isInstanceOf(ProtocolViolation.class)
          .hasMessageContaining("truncated");
    }
  }

  /**
   * Flipped bits in a payload, with the checksum fixed up so the decoder has to look inside: the
   * result is a message or a ProtocolViolation, never another exception.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void corruptedPayloadsDecodeOrAreRefusedButNeverCrashTheDecoder(Message m) {
    byte[] frame = FrameCodec.encode(m);
    byte[] payload = Arrays.copyOfRange(frame, FrameCodec.HEADER_SIZE, frame.length);
    if (payload.length == 0) {
      return;
    }
    java.util.Random random = new java.util.Random(payload.length);
    for (int round = 0; round < 300; round++) {
      byte[] bad = payload.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
      }
      byte[] f = FrameCodecTest.frame(m.command(), bad);
      try {
        FrameCodec.read(new ByteArrayInputStream(f));
      } catch (ProtocolViolation expected) {
        // refused with a reason
      } catch (Exception e) {
        throw new AssertionError("round " + round + ": " + e, e);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void aPayloadWithExtraBytesIsRefused(Message m) {
    byte[] frame = FrameCodec.encode(m);
    byte[] payload = Arrays.copyOfRange(frame, FrameCodec.HEADER_SIZE, frame.length);
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
    byte[] bad = FrameCodecTest.frame(m.command(), longer);
    assertThatThrownBy(() -> FrameCodec.read(new ByteArrayInputStream(bad)))
        .isInstanceOf(ProtocolViolation.class);
  }

  /**
   * Message is sealed: every permitted type has an example above, so each one is shown to pass
   * through the frame codec (which must know its command) and back.
   */
  @Test
  void theExamplesCoverEveryMessageType() {
    assertThat(messages().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
  }
}
