package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;

/** Acknowledges a version message; the payload is empty. */
public record VerackMessage() implements Message {
  public static final String COMMAND = "verack";

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {}

  static VerackMessage read(ByteReader r) {
    return new VerackMessage();
  }
}
