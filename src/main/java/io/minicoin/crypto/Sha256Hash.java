package io.minicoin.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte double SHA-256 hash, such as a txid or a block hash.
 *
 * <p>The bytes are kept in the order the hash function produced them (the order they are serialized
 * in). Bitcoin shows hashes byte-reversed, so {@link #toString()} and {@link #fromHex(String)} use
 * the reversed, "display" order: the genesis block is {@code 000000000019d6...}.
 */
public final class Sha256Hash implements Comparable<Sha256Hash> {
  public static final int LENGTH = 32;
  public static final Sha256Hash ZERO = new Sha256Hash(new byte[LENGTH]);

  private final byte[] bytes;

  private Sha256Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 32 bytes in serialization order (copied). */
  public static Sha256Hash wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new FormatException("a hash has 32 bytes, not " + bytes.length);
    }
    return new Sha256Hash(Arrays.copyOf(bytes, LENGTH));
  }

  /**
   * The 32 bytes at {@code offset} of {@code source}, in serialization order (copied): reading a
   * hash out of a message or a stored record without an intermediate array.
   */
  public static Sha256Hash read(byte[] source, int offset) {
    if (offset < 0 || source.length - offset < LENGTH) {
      throw new FormatException("a hash has 32 bytes, not " + Math.max(0, source.length - offset));
    }
    return new Sha256Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /** Parses the display form (byte-reversed hex), as block explorers and Bitcoin Core show it. */
  public static Sha256Hash fromHex(String displayHex) {
    byte[] b;
    try {
      b = HexFormat.of().parseHex(displayHex);
    } catch (IllegalArgumentException e) {
      throw new FormatException("not a hex hash: " + displayHex);
    }
    if (b.length != LENGTH) {
      throw new FormatException("a hash has 64 hex digits, not " + displayHex.length());
    }
    return new Sha256Hash(reverse(b));
  }

  /** The double SHA-256 of {@code data}. */
  public static Sha256Hash of(byte[] data) {
    return new Sha256Hash(Hashes.sha256d(data));
  }

  /** The bytes in serialization order (a copy). */
  public byte[] bytes() {
    // Arrays.copyOf, not clone(): the JIT's quick compiler and the interpreter (a node's first
    // seconds) copy an array inline, but call into the VM for clone(), several times slower.
    return Arrays.copyOf(bytes, LENGTH);
  }

  /** Writes the bytes in serialization order into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  /** The bytes in display order (a copy), also the order in which a hash is read as a number. */
  public byte[] reversedBytes() {
    return reverse(Arrays.copyOf(bytes, LENGTH));
  }

  private static byte[] reverse(byte[] b) {
    for (int i = 0, j = b.length - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha256Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // The bytes are already uniformly random.
    return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | bytes[3] << 24;
  }

  /** Orders by serialization bytes; used only to keep keys sorted in stores. */
  @Override
  public int compareTo(Sha256Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(reversedBytes());
  }
}
