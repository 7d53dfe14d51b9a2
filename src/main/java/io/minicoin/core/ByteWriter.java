package io.minicoin.core;

import io.minicoin.crypto.Sha256Hash;
import java.util.Arrays;

/** Writes Bitcoin's little-endian binary encoding into a growing byte array. */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter() {
    this(256);
  }

  public ByteWriter(int capacity) {
    buf = new byte[Math.max(capacity, 16)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public ByteWriter writeU8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteWriter writeU16(int v) {
    return writeU8(v).writeU8(v >>> 8);
  }

  public ByteWriter writeInt32(int v) {
    ensure(4);
    buf[size] = (byte) v;
    buf[size + 1] = (byte) (v >>> 8);
    buf[size + 2] = (byte) (v >>> 16);
    buf[size + 3] = (byte) (v >>> 24);
    size += 4;
    return this;
  }

  public ByteWriter writeInt64(long v) {
    return writeInt32((int) v).writeInt32((int) (v >>> 32));
  }

  public ByteWriter writeVarInt(long v) {
    if (v >= 0 && v < 0xfd) {
      return writeU8((int) v);
    } else if (v >= 0 && v <= 0xffff) {
      return writeU8(0xfd).writeU16((int) v);
    } else if (v >= 0 && v <= 0xffffffffL) {
      return writeU8(0xfe).writeInt32((int) v);
    }
    return writeU8(0xff).writeInt64(v);
  }

  public ByteWriter writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  public ByteWriter writeVarBytes(byte[] b) {
    return writeVarInt(b.length).writeBytes(b);
  }

  public ByteWriter writeHash(Sha256Hash h) {
    ensure(Sha256Hash.LENGTH);
    h.copyTo(buf, size); // no copy of the hash on the way: a block writes dozens
    size += Sha256Hash.LENGTH;
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
