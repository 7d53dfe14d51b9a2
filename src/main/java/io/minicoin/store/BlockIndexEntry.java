package io.minicoin.store;

import io.minicoin.core.BlockHeader;
import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.crypto.Sha256Hash;
import java.math.BigInteger;

/**
 * What the block index knows of a stored block without reading the block: its header, its height,
 * the total work of the chain ending in it, and its validation status.
 *
 * <p>Stored layout: header (80) | height (u32 LE) | chain work (varint length, then {@link
 * BigInteger#toByteArray()}: big-endian two's complement, so a leading zero byte when the top bit
 * is set) | status (u8, {@link BlockStatus}). A worked example is in {@link ChainStore}.
 */
public record BlockIndexEntry(
    BlockHeader header, int height, BigInteger chainWork, BlockStatus status) {

  public Sha256Hash hash() {
    return header.hash();
  }

  public Sha256Hash parent() {
    return header.previous();
  }

  public BlockIndexEntry withStatus(BlockStatus newStatus) {
    return new BlockIndexEntry(header, height, chainWork, newStatus);
  }

  byte[] serialize() {
    ByteWriter w = new ByteWriter(BlockHeader.SIZE + 48);
    header.write(w);
    w.writeInt32(height);
    w.writeVarBytes(chainWork.toByteArray());
    w.writeU8(status.code());
    return w.toByteArray();
  }

  static BlockIndexEntry deserialize(byte[] bytes) {
    ByteReader r = new ByteReader(bytes);
    BlockHeader header = BlockHeader.read(r);
    int height = r.readInt32();
    BigInteger work = new BigInteger(r.readVarBytes(64, "chain work"));
    BlockStatus status = BlockStatus.of(r.readU8());
    r.expectEnd("block index entry");
    return new BlockIndexEntry(header, height, work, status);
  }
}
