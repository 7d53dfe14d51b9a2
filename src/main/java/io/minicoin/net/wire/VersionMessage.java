package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.nio.charset.StandardCharsets;

/**
 * The first message on a connection, from both sides, in Bitcoin's layout:
 *
 * <pre>
 * version (4)  services (8)  timestamp (8)  receiver (26)  sender (26)  nonce (8)
 * user agent (var_str)  start height (4)  relay (1)
 * </pre>
 *
 * <p>Two of its facts matter to minicoin. {@code startHeight} is the length of the sender's chain,
 * so the shorter side knows to ask for blocks. {@code sender} is where the sender listens, so the
 * central node can tell the others; a command-line client, which does not listen, sends {@link
 * NetworkAddress#NONE}. {@code receiver} is the address the sender connected to, as it saw it.
 *
 * <p>The {@code nonce} is random per connection: a node that receives its own nonce back has
 * connected to itself (Bitcoin Core's check) and drops the connection.
 *
 * <p>{@code relay} is BIP 37's flag: false asks the receiver not to announce transactions. Bitcoin
 * Core treats a version that ends before it as relay = true, and so do we; every other field is
 * required.
 *
 * @param startHeight the height of the sender's best chain
 */
public record VersionMessage(
    int protocolVersion,
    long services,
    long timestamp,
    NetworkAddress receiver,
    NetworkAddress sender,
    long nonce,
    String userAgent,
    int startHeight,
    boolean relay)
    implements Message {
  public static final String COMMAND = "version";

  /** Bitcoin Core's MAX_SUBVERSION_LENGTH: the longest user agent accepted. */
  public static final int MAX_USER_AGENT = Strings.MAX;

  /** The largest payload: every field, with the longest user agent. */
  static final int MAX_SIZE = 4 + 8 + 8 + 2 * NetworkAddress.SIZE + 8 + 3 + MAX_USER_AGENT + 4 + 1;

  public VersionMessage {
    if (receiver == null || sender == null || userAgent == null) {
      throw new IllegalArgumentException("missing field in version");
    }
    if (userAgent.getBytes(StandardCharsets.UTF_8).length > MAX_USER_AGENT) {
      throw new IllegalArgumentException("user agent longer than " + MAX_USER_AGENT + " bytes");
    }
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeInt32(protocolVersion).writeInt64(services).writeInt64(timestamp);
    receiver.write(w);
    sender.write(w);
    w.writeInt64(nonce);
    Strings.write(w, userAgent);
    w.writeInt32(startHeight);
    w.writeU8(relay ? 1 : 0);
  }

  static VersionMessage read(ByteReader r) throws ProtocolViolation {
    int version = r.readInt32();
    long services = r.readInt64();
    long timestamp = r.readInt64();
    NetworkAddress receiver = NetworkAddress.read(r);
    NetworkAddress sender = NetworkAddress.read(r);
    long nonce = r.readInt64();
    String userAgent = Strings.read(r, "user agent");
    int startHeight = r.readInt32();
    boolean relay = true;
    if (r.remaining() > 0) {
      int flag = r.readU8();
      if (flag > 1) {
        throw new ProtocolViolation("relay flag " + flag + " is neither 0 nor 1");
      }
      relay = flag == 1;
    }
    return new VersionMessage(
        version, services, timestamp, receiver, sender, nonce, userAgent, startHeight, relay);
  }
}
