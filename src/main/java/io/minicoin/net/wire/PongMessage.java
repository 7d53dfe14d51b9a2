package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;

/** The answer to a {@link PingMessage}. */
public record PongMessage(long nonce) implements Message {
  public static final String COMMAND = "pong";

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeInt64(nonce);
  }

  static PongMessage read(ByteReader r) {
    return new PongMessage(r.readInt64());
  }
}
