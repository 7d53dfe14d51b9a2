package io.minicoin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes recorded TCP streams as a classic libpcap file that Wireshark and tshark read: raw IPv4
 * packets (link type 101), 127.0.0.1 on both ends, each connection opened with a three-way
 * handshake and its bytes in segments with consistent sequence numbers, so Wireshark reassembles
 * the streams exactly as it would from a live capture. Checksums are left zero (Wireshark does not
 * check them unless asked).
 */
public final class PcapWriter {
  private static final int LINKTYPE_RAW = 101;
  private static final int MAX_SEGMENT = 60_000;
  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int PSH = 0x08;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long micros = 1_764_000_000_000_000L;

  /** Per connection: the next sequence number of the client and of the server. */
  private final Map<Integer, long[]> seq = new HashMap<>();

  public PcapWriter() {
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    h.putInt(262_144).putInt(LINKTYPE_RAW);
    out.writeBytes(h.array());
  }

  /**
   * Adds the recorded segments; connection {@code n} runs from port {@code firstClientPort + n} to
   * {@code serverPort}.
   */
  public PcapWriter add(
      List<RecordingProxy.Segment> segments, int serverPort, int firstClientPort) {
    for (RecordingProxy.Segment s : segments) {
      int clientPort = firstClientPort + s.connection();
      long[] next = seq.computeIfAbsent(s.connection(), c -> handshake(clientPort, serverPort));
      byte[] d = s.data();
      for (int at = 0; at < d.length; at += MAX_SEGMENT) {
        byte[] part = java.util.Arrays.copyOfRange(d, at, Math.min(d.length, at + MAX_SEGMENT));
        int me = s.fromClient() ? 0 : 1;
        packet(
            s.fromClient() ? clientPort : serverPort,
            s.fromClient() ? serverPort : clientPort,
            next[me],
            next[1 - me],
            ACK | PSH,
            part);
        next[me] += part.length;
      }
    }
    return this;
  }

  private long[] handshake(int client, int server) {
    long c = 1_000;
    long s = 5_000;
    packet(client, server, c, 0, SYN, new byte[0]);
    packet(server, client, s, c + 1, SYN | ACK, new byte[0]);
    packet(client, server, c + 1, s + 1, ACK, new byte[0]);
    return new long[] {c + 1, s + 1};
  }

  private void packet(int from, int to, long seqNo, long ackNo, int flags, byte[] data) {
    int length = 20 + 20 + data.length;
    ByteBuffer p = ByteBuffer.allocate(length); // network byte order
    p.put((byte) 0x45).put((byte) 0).putShort((short) length);
    p.putShort((short) 0).putShort((short) 0x4000); // id, don't fragment
    p.put((byte) 64).put((byte) 6).putShort((short) 0); // TTL, TCP, checksum
    p.put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
    p.putShort((short) from).putShort((short) to).putInt((int) seqNo).putInt((int) ackNo);
    p.put((byte) (5 << 4)).put((byte) flags).putShort((short) 65535);
    p.putShort((short) 0).putShort((short) 0); // checksum, urgent pointer
    p.put(data);
    micros += 100;
    ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    r.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
    r.putInt(length).putInt(length);
    out.writeBytes(r.array());
    out.writeBytes(p.array());
  }

  public void write(Path file) throws IOException {
    Files.write(file, out.toByteArray());
  }
}
