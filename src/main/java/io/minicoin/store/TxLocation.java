package io.minicoin.store;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.crypto.Sha256Hash;

/**
 * Where a best-chain transaction sits: its block and its position in that block (0 is the
 * coinbase).
 *
 * <p>Stored layout: {@code txindex txid (32) -> block hash (32) | position (u32 LE)}.
 */
public record TxLocation(Sha256Hash block, int position) {
  byte[] serialize() {
    return new ByteWriter(36).writeHash(block).writeInt32(position).toByteArray();
  }

  static TxLocation deserialize(byte[] bytes) {
    ByteReader r = new ByteReader(bytes);
    TxLocation l = new TxLocation(r.readHash(), r.readInt32());
    r.expectEnd("transaction index entry");
    return l;
  }
}
