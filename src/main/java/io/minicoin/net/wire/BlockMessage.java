package io.minicoin.net.wire;

import io.minicoin.core.Block;
import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.util.Arrays;

/**
 * A whole block, serialized exactly as it is hashed and stored. A node serving a download sends the
 * stored bytes as they are ({@link #ofSerialized}): decoding each block only to serialize it again
 * cost the serving node about as much CPU as the downloading node spent checking it.
 */
public final class BlockMessage implements Message {
  public static final String COMMAND = "block";

  private Block block;
  private final byte[] serialized;

  public BlockMessage(Block block) {
    this.block = block;
    this.serialized = null;
  }

  private BlockMessage(byte[] serialized) {
    this.serialized = serialized;
  }

  /**
   * A block's bytes as stored, sent without decoding them; the caller vouches that they are one
   * serialized block (the store checks the header against the block's hash).
   */
  public static BlockMessage ofSerialized(byte[] serialized) {
    return new BlockMessage(serialized);
  }

  /** The block, decoded from the stored bytes the first time it is asked for. */
  public Block block() {
    if (block == null) {
      block = Block.fromBytes(serialized);
    }
    return block;
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeBytes(serialized != null ? serialized : block.serialize());
  }

  static BlockMessage read(ByteReader r) {
    return new BlockMessage(Block.read(r));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockMessage m && Arrays.equals(bytes(), m.bytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes());
  }

  private byte[] bytes() {
    return serialized != null ? serialized : block.serialize();
  }

  @Override
  public String toString() {
    return "BlockMessage[" + block().hash() + "]";
  }
}
