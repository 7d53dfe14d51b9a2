package io.minicoin.net.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.Vectors;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code version} in Bitcoin's layout, checked against btcd's bytes and cut at every byte. */
class VersionMessageTest {
  static Message decode(String command, byte[] payload) throws Exception {
    return FrameCodec.read(new ByteArrayInputStream(FrameCodecTest.frame(command, payload)));
  }

  static NetworkAddress addr(String literal, int port, long services) throws Exception {
    return new NetworkAddress(services, InetAddress.getByName(literal), port);
  }

  static List<Map<String, Object>> vectors(String command) {
    return Vectors.jsonArray("btcd_wire_messages.json").stream()
        .map(Vectors::map)
        .filter(v -> v.get("command").equals(command))
        .toList();
  }

  @Test
  void btcdsVersionPayloadsDecodeToTheirFields() throws Exception {
    List<Map<String, Object>> vs = vectors("version");
    assertThat(vs).hasSize(2);
    for (Map<String, Object> v : vs) {
      byte[] payload = Vectors.hex((String) v.get("hex"));
      VersionMessage m = (VersionMessage) decode("version", payload);
      assertThat(m.protocolVersion()).isEqualTo(((Long) v.get("protocolVersion")).intValue());
      assertThat(m.services()).isEqualTo(v.get("services"));
      assertThat(m.timestamp()).isEqualTo(v.get("timestamp"));
      assertThat(m.receiver().toString()).isEqualTo(v.get("receiver"));
      assertThat(m.receiver().services()).isEqualTo(1);
      assertThat(m.sender().toString()).isEqualTo(v.get("sender"));
      assertThat(m.nonce()).isEqualTo(v.get("nonce"));
      assertThat(m.userAgent()).isEqualTo(v.get("userAgent"));
      assertThat(m.startHeight()).isEqualTo(((Long) v.get("startHeight")).intValue());
      assertThat(m.relay()).isEqualTo(v.get("relay"));
    }
  }

  @Test
  void encodingBtcdsVersionGivesItsBytesExactly() throws Exception {
    Map<String, Object> v = vectors("version").get(0);
    VersionMessage m =
        new VersionMessage(
            70001,
            1,
            0x495fab29L,
            addr("192.168.0.1", 8333, 1),
            addr("127.0.0.1", 8333, 1),
            123123,
            "/dcrdtest:0.0.1/",
            234234,
            true);
    byte[] frame = FrameCodec.encode(m);
    assertThat(HexFormat.of().formatHex(frame, FrameCodec.HEADER_SIZE, frame.length))
        .isEqualTo(v.get("hex"));
  }

  /** The worked example in the README and the package docs, byte for byte. */
  static final String WORKED_FRAME =
      "6d696e69" // magic "mini"
          + "76657273696f6e0000000000" // "version", NUL-padded to 12
          + "66000000" // payload length 102
          + "5467dc4d" // checksum: sha256d(payload)[0..4]
          + "72110100" // protocol version 70002
          + "0000000000000000" // services: none
          + "0081246900000000" // timestamp 1764000000 (2025-11-24 16:00 UTC)
          + "0000000000000000" // receiver: services
          + "00000000000000000000ffff7f000001" // receiver: 127.0.0.1, IPv4-mapped
          + "0bb8" // receiver: port 3000, big-endian
          + "0000000000000000" // sender: services
          + "00000000000000000000ffff7f000001" // sender: 127.0.0.1
          + "0bb9" // sender: port 3001, where it listens
          + "0807060504030201" // nonce
          + "10" // user agent: 16 bytes
          + "2f6d696e69636f696e3a302e312e302f" // "/minicoin:0.1.0/"
          + "05000000" // start height 5
          + "01"; // relay: yes

  @Test
  void theWorkedExampleIsWhatNode3001SaysToTheCentralNode() throws Exception {
    VersionMessage m =
        new VersionMessage(
            70002,
            0,
            1_764_000_000L,
            addr("127.0.0.1", 3000, 0),
            addr("127.0.0.1", 3001, 0),
            0x0102030405060708L,
            "/minicoin:0.1.0/",
            5,
            true);
    assertThat(HexFormat.of().formatHex(FrameCodec.encode(m))).isEqualTo(WORKED_FRAME);
    assertThat(FrameCodec.read(new ByteArrayInputStream(HexFormat.of().parseHex(WORKED_FRAME))))
        .isEqualTo(m);
  }

  @Test
  void aPayloadCutBeforeTheRelayFlagIsRefusedAtEveryByte() throws Exception {
    byte[] payload = Vectors.hex((String) vectors("version").get(0).get("hex"));
    for (int cut = 0; cut < payload.length - 1; cut++) {
      byte[] part = Arrays.copyOf(payload, cut);
      assertThatThrownBy(() -> decode("version", part))
          .as("cut at %d", cut)
          .isInstanceOf(ProtocolViolation.class)
          .hasMessageContaining("version");
    }
    // Without the last byte it is a version from before BIP 37: relay is then true, as in Core.
    VersionMessage old =
        (VersionMessage) decode("version", Arrays.copyOf(payload, payload.length - 1));
    assertThat(old.relay()).isTrue();
    assertThat(old.startHeight()).isEqualTo(234234);
  }

  @Test
  void aRelayFlagOtherThanZeroOrOneIsRefused() throws Exception {
    byte[] payload = Vectors.hex((String) vectors("version").get(0).get("hex"));
    payload[payload.length - 1] = 2;
    assertThatThrownBy(() -> decode("version", payload))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("relay flag");
  }

  @Test
  void aUserAgentThatWouldForgeALogLineIsRefused() throws Exception {
    VersionMessage forged =
        new VersionMessage(
            70002,
            0,
            0,
            NetworkAddress.NONE,
            NetworkAddress.NONE,
            1,
            "/x:1/\n10:00 new tip 00",
            0,
            true);
    byte[] f = FrameCodec.encode(forged);
    assertThatThrownBy(() -> FrameCodec.read(new ByteArrayInputStream(f)))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("control character");
  }

  @Test
  void aUserAgentLongerThanBitcoinCoresLimitIsRefused() {
    assertThatThrownBy(
            () ->
                new VersionMessage(
                    70002,
                    0,
                    0,
                    NetworkAddress.NONE,
                    NetworkAddress.NONE,
                    1,
                    "x".repeat(257),
                    0,
                    true))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] payload = Vectors.hex((String) vectors("version").get(0).get("hex"));
    byte[] longer = new byte[payload.length - 17 + 3 + 257];
    System.arraycopy(payload, 0, longer, 0, 80);
    longer[80] = (byte) 0xfd;
    longer[81] = 1; // 257, little-endian
    longer[82] = 1;
    Arrays.fill(longer, 83, 83 + 257, (byte) 'x');
    System.arraycopy(payload, 97, longer, 83 + 257, 5);
    assertThatThrownBy(() -> decode("version", longer)).isInstanceOf(ProtocolViolation.class);
  }

  @Test
  void ipv6AddressesTravelAsTheirSixteenBytes() throws Exception {
    NetworkAddress six = addr("2001:db8::7", 3001, 0);
    assertThat(HexFormat.of().formatHex(six.addressBytes()))
        .isEqualTo("20010db8000000000000000000000007");
    assertThat(six.toString()).isEqualTo("[2001:db8:0:0:0:0:0:7]:3001");
    VersionMessage m = new VersionMessage(70002, 0, 0, six, NetworkAddress.NONE, 9, "", 0, false);
    assertThat(FrameCodec.read(new ByteArrayInputStream(FrameCodec.encode(m)))).isEqualTo(m);
    assertThat(NetworkAddress.NONE.addressBytes()).isEqualTo(new byte[16]);
    assertThat(
            NetworkAddress.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1))
                .addressBytes())
        .isEqualTo(HexFormat.of().parseHex("00000000000000000000ffff7f000001"));
  }
}
