package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;

/**
 * Asks for a {@link PongMessage} with the same nonce: proof that everything before it was handled.
 */
public record PingMessage(long nonce) implements Message {
  public static final String COMMAND = "ping";

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeInt64(nonce);
  }

  static PingMessage read(ByteReader r) {
    return new PingMessage(r.readInt64());
  }
}
