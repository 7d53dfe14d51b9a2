package io.minicoin.core;

import io.minicoin.crypto.Sha256Hash;

/** A reference to one output of a transaction: the txid and the output's index. */
public record OutPoint(Sha256Hash txid, long index) {
  /** What a coinbase input points at: nothing. */
  public static final OutPoint NULL = new OutPoint(Sha256Hash.ZERO, 0xffffffffL);

  public static final int SIZE = 36;

  public OutPoint {
    if (index < 0 || index > 0xffffffffL) {
      throw new IllegalArgumentException("output index out of range: " + index);
    }
  }

  public boolean isNull() {
    return equals(NULL);
  }

  public void write(ByteWriter w) {
    w.writeHash(txid).writeInt32((int) index);
  }

  public static OutPoint read(ByteReader r) {
    return new OutPoint(r.readHash(), r.readUInt32());
  }

  /** 36 bytes: the txid then the index, both as serialized. Used as a store key. */
  public byte[] toBytes() {
    ByteWriter w = new ByteWriter(SIZE);
    write(w);
    return w.toByteArray();
  }

  public static OutPoint fromBytes(byte[] b) {
    ByteReader r = new ByteReader(b);
    OutPoint p = read(r);
    r.expectEnd("outpoint");
    return p;
  }

  // Written out, not generated: a record's generated equals and hashCode link at their first call
  // through java.lang.runtime.ObjectMethods, which spins ~50 method-handle classes at run time
  // (no class-data archive keeps them); every command that reads the chain paid that at start.
  @Override
  public boolean equals(Object o) {
    return o instanceof OutPoint other && index == other.index && txid.equals(other.txid);
  }

  @Override
  public int hashCode() {
    return 31 * txid.hashCode() + Long.hashCode(index);
  }

  @Override
  public String toString() {
    return txid + ":" + index;
  }
}
