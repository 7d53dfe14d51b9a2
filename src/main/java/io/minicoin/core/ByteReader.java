package io.minicoin.core;

import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.Sha256Hash;
import java.util.Arrays;

/**
 * Reads Bitcoin's little-endian binary encoding from a byte array. Every length is checked against
 * what is left before anything is allocated, so a hostile length prefix costs nothing.
 */
public final class ByteReader {
  private final byte[] data;
  private int pos;

  public ByteReader(byte[] data) {
    this.data = data;
  }

  public int remaining() {
    return data.length - pos;
  }

  public int position() {
    return pos;
  }

  private void need(int n, String what) {
    if (n < 0 || n > remaining()) {
      throw new FormatException(
          "truncated data: " + what + " needs " + n + " bytes, " + remaining() + " left");
    }
  }

  public int readU8() {
    need(1, "a byte");
    return data[pos++] & 0xff;
  }

  public int readU16() {
    need(2, "a 16-bit integer");
    int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    pos += 2;
    return v;
  }

  public int readInt32() {
    need(4, "a 32-bit integer");
    int v =
        (data[pos] & 0xff)
            | (data[pos + 1] & 0xff) << 8
            | (data[pos + 2] & 0xff) << 16
            | (data[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  public long readUInt32() {
    return readInt32() & 0xffffffffL;
  }

  public long readInt64() {
    return readUInt32() | (long) readInt32() << 32;
  }

  /**
   * Reads a CompactSize integer. A value written in more bytes than it needs is rejected, as
   * Bitcoin Core does: otherwise one transaction could have several encodings and several txids.
   */
  public long readVarInt() {
    int first = readU8();
    long v;
    long min;
    if (first < 0xfd) {
      return first;
    } else if (first == 0xfd) {
      v = readU16();
      min = 0xfd;
    } else if (first == 0xfe) {
      v = readUInt32();
      min = 0x10000;
    } else {
      v = readInt64();
      min = 0x100000000L;
    }
    if (Long.compareUnsigned(v, min) < 0) {
      throw new FormatException("non-canonical length prefix: " + v + " written in too many bytes");
    }
    return v;
  }

  /** A count or length prefix, refused above {@code max}. */
  public int readCount(long max, String what) {
    long n = readVarInt();
    if (n < 0 || n > max) {
      throw new FormatException(
          what + " count " + Long.toUnsignedString(n) + " is above the limit of " + max);
    }
    return (int) n;
  }

  public byte[] readBytes(int n) {
    need(n, "a field");
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  /** A length-prefixed byte string of at most {@code max} bytes. */
  public byte[] readVarBytes(int max, String what) {
    return readBytes(readCount(Math.min(max, remaining()), what + " length"));
  }

  public Sha256Hash readHash() {
    need(Sha256Hash.LENGTH, "a field");
    Sha256Hash h = Sha256Hash.read(data, pos);
    pos += Sha256Hash.LENGTH;
    return h;
  }

  /** Leftover bytes mean the sender and we disagree about the format. */
  public void expectEnd(String what) {
    if (remaining() != 0) {
      throw new FormatException(remaining() + " unexpected bytes after the " + what);
    }
  }
}
