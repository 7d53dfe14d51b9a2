package io.minicoin.store;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.crypto.Sha256Hash;

/**
 * The best-chain transaction input that spent an output.
 *
 * <p>Stored layout: {@code spends outpoint (36) -> spending txid (32) | input index (u32 LE)}.
 */
public record Spender(Sha256Hash txid, int vin) {
  byte[] serialize() {
    return new ByteWriter(36).writeHash(txid).writeInt32(vin).toByteArray();
  }

  static Spender deserialize(byte[] bytes) {
    ByteReader r = new ByteReader(bytes);
    Spender s = new Spender(r.readHash(), r.readInt32());
    r.expectEnd("spends entry");
    return s;
  }
}
