package io.minicoin.core;

import io.minicoin.crypto.Sha256Hash;

/**
 * Bitcoin's 80-byte block header. Its double SHA-256 is the block's hash, which proof of work must
 * bring below the target that {@code bits} encodes. The hash is computed once.
 */
public final class BlockHeader {
  public static final int SIZE = 80;

  private final int version;
  private final Sha256Hash previous;
  private final Sha256Hash merkleRoot;
  private final long time;
  private final int bits;
  private final int nonce;
  private final Sha256Hash hash;

  public BlockHeader(
      int version, Sha256Hash previous, Sha256Hash merkleRoot, long time, int bits, int nonce) {
    if (time < 0 || time > 0xffffffffL) {
      throw new IllegalArgumentException("block time out of range: " + time);
    }
    this.version = version;
    this.previous = previous;
    this.merkleRoot = merkleRoot;
    this.time = time;
    this.bits = bits;
    this.nonce = nonce;
    this.hash = Sha256Hash.of(serialize());
  }

  public BlockHeader withNonce(int newNonce) {
    return new BlockHeader(version, previous, merkleRoot, time, bits, newNonce);
  }

  public int version() {
    return version;
  }

  public Sha256Hash previous() {
    return previous;
  }

  public Sha256Hash merkleRoot() {
    return merkleRoot;
  }

  /** Seconds since 1970, as an unsigned 32-bit number. */
  public long time() {
    return time;
  }

  public int bits() {
    return bits;
  }

  public int nonce() {
    return nonce;
  }

  public Sha256Hash hash() {
    return hash;
  }

  public boolean meetsOwnTarget() {
    return CompactTarget.isMetBy(hash, bits);
  }

  public byte[] serialize() {
    ByteWriter w = new ByteWriter(SIZE);
    write(w);
    return w.toByteArray();
  }

  public void write(ByteWriter w) {
    w.writeInt32(version).writeHash(previous).writeHash(merkleRoot);
    w.writeInt32((int) time).writeInt32(bits).writeInt32(nonce);
  }

  public static BlockHeader read(ByteReader r) {
    return new BlockHeader(
        r.readInt32(), r.readHash(), r.readHash(), r.readUInt32(), r.readInt32(), r.readInt32());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader other && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "block " + hash;
  }
}
