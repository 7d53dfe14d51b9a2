package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;

/**
 * The first message on a connection, from both sides: who the sender is and how long its chain is,
 * so that the shorter side knows to ask for blocks.
 *
 * @param senderAddress where the sender listens ({@code localhost:3001}); empty for a command-line
 *     client, which does not
 */
public record VersionMessage(
    int protocolVersion, long timestamp, String senderAddress, int bestHeight, String userAgent)
    implements Message {
  public static final String COMMAND = "version";

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeInt32(protocolVersion).writeInt64(timestamp);
    Strings.write(w, senderAddress);
    w.writeInt32(bestHeight);
    Strings.write(w, userAgent);
  }

  static VersionMessage read(ByteReader r) throws ProtocolViolation {
    return new VersionMessage(
        r.readInt32(),
        r.readInt64(),
        Strings.read(r, "sender address"),
        r.readInt32(),
        Strings.read(r, "user agent"));
  }
}
