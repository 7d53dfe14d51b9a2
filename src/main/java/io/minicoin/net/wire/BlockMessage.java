package io.minicoin.net.wire;

import io.minicoin.core.Block;
import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;

/** A whole block, serialized exactly as it is hashed and stored. */
public record BlockMessage(Block block) implements Message {
  public static final String COMMAND = "block";

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeBytes(block.serialize());
  }

  static BlockMessage read(ByteReader r) {
    return new BlockMessage(Block.read(r));
  }
}
