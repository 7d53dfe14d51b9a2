package io.minicoin.net.wire;

import io.minicoin.core.Block;
import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.ChainParams;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.Hashes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Bitcoin's message frame: magic (4) | command (12, NUL-padded ASCII) | payload length (4, LE) |
 * checksum (4: the first bytes of the payload's double SHA-256) | payload.
 *
 * <p>A frame is checked in the order that costs a hostile peer the most and us the least: magic,
 * length cap, known command, that command's own cap (all before a payload byte is read or
 * allocated), then the checksum, then the decoding, which must use every byte.
 */
public final class FrameCodec {
  public static final int HEADER_SIZE = 24;

  /** No message is larger: a full block plus room to spare. */
  public static final int MAX_PAYLOAD = 2 * Block.MAX_SIZE;

  @FunctionalInterface
  private interface Decoder {
    Message read(ByteReader r) throws ProtocolViolation;
  }

  private record Kind(int maxPayload, Decoder decoder) {}

  private static final int INV_MAX = 9 + Inventory.MAX_ENTRIES * 36;
  private static final Map<String, Kind> KINDS =
      Map.ofEntries(
          Map.entry(
              VersionMessage.COMMAND, new Kind(VersionMessage.MAX_SIZE, VersionMessage::read)),
          Map.entry(VerackMessage.COMMAND, new Kind(0, VerackMessage::read)),
          Map.entry(PingMessage.COMMAND, new Kind(8, PingMessage::read)),
          Map.entry(PongMessage.COMMAND, new Kind(8, PongMessage::read)),
          Map.entry(AddrMessage.COMMAND, new Kind(AddrMessage.MAX_SIZE, AddrMessage::read)),
          Map.entry(
              GetBlocksMessage.COMMAND,
              new Kind(4 + 9 + (GetBlocksMessage.MAX_LOCATOR + 1) * 32, GetBlocksMessage::read)),
          Map.entry(InvMessage.COMMAND, new Kind(INV_MAX, InvMessage::read)),
          Map.entry(GetDataMessage.COMMAND, new Kind(INV_MAX, GetDataMessage::read)),
          Map.entry(NotFoundMessage.COMMAND, new Kind(INV_MAX, NotFoundMessage::read)),
          Map.entry(BlockMessage.COMMAND, new Kind(Block.MAX_SIZE, BlockMessage::read)),
          Map.entry(TxMessage.COMMAND, new Kind(Transaction.MAX_SIZE, TxMessage::read)),
          Map.entry(
              RejectMessage.COMMAND, new Kind(3 * (3 + Strings.MAX) + 33, RejectMessage::read)));

  private FrameCodec() {}

  public static byte[] encode(Message m) {
    ByteWriter payload = new ByteWriter();
    m.write(payload);
    byte[] body = payload.toByteArray();
    ByteWriter w = new ByteWriter(HEADER_SIZE + body.length);
    w.writeInt32(ChainParams.MAGIC);
    w.writeBytes(Arrays.copyOf(m.command().getBytes(StandardCharsets.US_ASCII), 12));
    w.writeInt32(body.length);
    w.writeBytes(Arrays.copyOf(Hashes.sha256d(body), 4));
    w.writeBytes(body);
    return w.toByteArray();
  }

  /**
   * A message as it arrived, with the frame's bytes: the node's event listener (the explorer) shows
   * the frame, and keeping what was read costs a copy, where encoding the message again cost a
   * double SHA-256 of its payload for the checksum (a second pass over every downloaded block).
   */
  public static final class Frame {
    private final Message message;
    private final byte[] header;
    private final byte[] payload;

    private Frame(Message message, byte[] header, byte[] payload) {
      this.message = message;
      this.header = header;
      this.payload = payload;
    }

    public Message message() {
      return message;
    }

    /**
     * The message as the node's event listener keeps it: a block as its bytes, decoded again only
     * if someone looks at it (as a block sent from the store is). The explorer keeps thousands of
     * recent messages; holding each downloaded block's decoded objects there too kept them all
     * alive through a sync, and the collector copied and promoted them (a 2,000-block sync ended
     * with 11-12 MB of live heap, 9-11 MB with the blocks kept as bytes).
     */
    public Message forListener() {
      return message instanceof BlockMessage ? BlockMessage.ofSerialized(payload) : message;
    }

    /** The payload's length in bytes. */
    public int payloadSize() {
      return payload.length;
    }

    /** The whole frame, byte for byte as it arrived (a new array each time). */
    public byte[] bytes() {
      byte[] frame = Arrays.copyOf(header, HEADER_SIZE + payload.length);
      System.arraycopy(payload, 0, frame, HEADER_SIZE, payload.length);
      return frame;
    }
  }

  /**
   * Reads one message.
   *
   * @throws EOFException if the stream ended cleanly between two frames
   * @throws SocketTimeoutException if no frame started within the socket's timeout (not an error)
   * @throws ProtocolViolation for anything that is not a valid frame, including one that stops
   *     arriving halfway
   */
  public static Message read(InputStream in) throws IOException, ProtocolViolation {
    return readFrame(in).message();
  }

  /**
   * Reads one message and keeps its frame's bytes.
   *
   * @throws EOFException if the stream ended cleanly between two frames
   * @throws SocketTimeoutException if no frame started within the socket's timeout (not an error)
   * @throws ProtocolViolation for anything that is not a valid frame, including one that stops
   *     arriving halfway
   */
  public static Frame readFrame(InputStream in) throws IOException, ProtocolViolation {
    int first = in.read(); // a timeout here only means the peer is quiet
    if (first < 0) {
      throw new EOFException("end of stream");
    }
    byte[] header = new byte[HEADER_SIZE];
    header[0] = (byte) first;
    readFully(in, header, 1, "frame header");
    ByteReader h = new ByteReader(header);
    int magic = h.readInt32();
    if (magic != ChainParams.MAGIC) {
      throw new ProtocolViolation(
          String.format("bad magic 0x%08x (not a minicoin frame)", Integer.reverseBytes(magic)));
    }
    String command = command(h.readBytes(12));
    long length = h.readUInt32();
    if (length > MAX_PAYLOAD) {
      throw new ProtocolViolation("payload length " + length + " above the cap of " + MAX_PAYLOAD);
    }
    Kind kind = KINDS.get(command);
    if (kind == null) {
      throw new ProtocolViolation("unknown command '" + command + "'");
    }
    if (length > kind.maxPayload()) {
      throw new ProtocolViolation(
          command + " payload of " + length + " bytes above its cap of " + kind.maxPayload());
    }
    byte[] checksum = h.readBytes(4);
    byte[] payload = new byte[(int) length];
    readFully(in, payload, 0, command + " payload");
    if (!Arrays.equals(checksum, 0, 4, Hashes.sha256d(payload), 0, 4)) {
      throw new ProtocolViolation("bad checksum on " + command);
    }
    try {
      ByteReader r = new ByteReader(payload);
      Message m = kind.decoder().read(r);
      r.expectEnd(command + " payload");
      return new Frame(m, header, payload);
    } catch (FormatException e) {
      throw new ProtocolViolation("malformed " + command + ": " + e.getMessage());
    }
  }

  /** The command name: printable ASCII, then only NUL padding. */
  private static String command(byte[] raw) throws ProtocolViolation {
    int end = 0;
    while (end < raw.length && raw[end] != 0) {
      if (raw[end] < 0x20 || raw[end] > 0x7e) {
        throw new ProtocolViolation("command has a non-printable byte");
      }
      end++;
    }
    for (int i = end; i < raw.length; i++) {
      if (raw[i] != 0) {
        throw new ProtocolViolation("command has bytes after its NUL padding");
      }
    }
    return new String(raw, 0, end, StandardCharsets.US_ASCII);
  }

  private static void readFully(InputStream in, byte[] buf, int from, String what)
      throws IOException, ProtocolViolation {
    int at = from;
    try {
      while (at < buf.length) {
        int n = in.read(buf, at, buf.length - at);
        if (n < 0) {
          throw new ProtocolViolation(
              "truncated " + what + ": " + at + " of " + buf.length + " bytes");
        }
        at += n;
      }
    } catch (SocketTimeoutException e) {
      throw new ProtocolViolation(
          "truncated " + what + ": " + at + " of " + buf.length + " bytes, then silence");
    }
  }
}
