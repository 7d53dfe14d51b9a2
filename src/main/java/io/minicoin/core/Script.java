package io.minicoin.core;

import io.minicoin.crypto.FormatException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Script bytes, and the one template minicoin accepts: pay-to-public-key-hash.
 *
 * <p>An output is locked with {@code OP_DUP OP_HASH160 <20-byte hash> OP_EQUALVERIFY OP_CHECKSIG};
 * the input that spends it carries {@code <signature> <public key>}. Rather than run a general
 * script interpreter, the chain matches these two shapes and checks what they mean: the key hashes
 * to the locked hash, and the signature verifies.
 */
public final class Script {
  public static final Script EMPTY = new Script(new byte[0]);

  static final int OP_0 = 0x00;
  static final int OP_PUSHDATA1 = 0x4c;
  static final int OP_PUSHDATA2 = 0x4d;
  static final int OP_PUSHDATA4 = 0x4e;
  static final int OP_1NEGATE = 0x4f;
  static final int OP_1 = 0x51;
  static final int OP_16 = 0x60;
  static final int OP_DUP = 0x76;
  static final int OP_EQUALVERIFY = 0x88;
  static final int OP_HASH160 = 0xa9;
  static final int OP_CODESEPARATOR = 0xab;
  static final int OP_CHECKSIG = 0xac;

  private final byte[] bytes;

  private Script(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Script of(byte[] bytes) {
    return new Script(Arrays.copyOf(bytes, bytes.length)); // not clone(): see Sha256Hash.bytes
  }

  public static Script payToPubKeyHash(byte[] hash160) {
    if (hash160.length != 20) {
      throw new IllegalArgumentException("P2PKH needs a 20-byte hash");
    }
    byte[] s = new byte[25];
    s[0] = (byte) OP_DUP;
    s[1] = (byte) OP_HASH160;
    s[2] = 20;
    System.arraycopy(hash160, 0, s, 3, 20);
    s[23] = (byte) OP_EQUALVERIFY;
    s[24] = (byte) OP_CHECKSIG;
    return new Script(s);
  }

  /** The input script that spends a P2PKH output: two pushes, signature then public key. */
  public static Script spending(byte[] signatureWithHashType, byte[] publicKey) {
    ByteWriter w = new ByteWriter(signatureWithHashType.length + publicKey.length + 4);
    writePush(w, signatureWithHashType);
    writePush(w, publicKey);
    return new Script(w.toByteArray());
  }

  /**
   * A coinbase input script: the block height as BIP 34 pushes it (a script number, small numbers
   * as OP_0..OP_16), then an extra nonce that makes each coinbase, and so each txid, unique.
   */
  public static Script coinbase(int height, long extraNonce) {
    ByteWriter w = new ByteWriter(16);
    writeNumber(w, height);
    byte[] nonce = new byte[8];
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (extraNonce >>> (8 * i));
    }
    writePush(w, nonce);
    return new Script(w.toByteArray());
  }

  /** Whether this coinbase script starts with {@code height} pushed as BIP 34 requires. */
  public boolean startsWithHeight(int height) {
    ByteWriter w = new ByteWriter(8);
    writeNumber(w, height);
    byte[] expected = w.toByteArray();
    return bytes.length >= expected.length
        && Arrays.equals(bytes, 0, expected.length, expected, 0, expected.length);
  }

  private static void writeNumber(ByteWriter w, long n) {
    if (n == 0) {
      w.writeU8(OP_0);
    } else if (n >= 1 && n <= 16) {
      w.writeU8(OP_1 + (int) n - 1);
    } else if (n == -1) {
      w.writeU8(OP_1NEGATE);
    } else {
      writePush(w, scriptNumber(n));
    }
  }

  /** Minimal little-endian sign-magnitude encoding, as Bitcoin's CScriptNum. */
  private static byte[] scriptNumber(long n) {
    byte[] be = BigInteger.valueOf(Math.abs(n)).toByteArray(); // has room for a sign bit
    byte[] le = new byte[be.length];
    for (int i = 0; i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (le[le.length - 1] == 0 && le.length > 1 && (le[le.length - 2] & 0x80) == 0) {
      le = Arrays.copyOf(le, le.length - 1);
    }
    if (n < 0) {
      le[le.length - 1] |= (byte) 0x80;
    }
    return le;
  }

  private static void writePush(ByteWriter w, byte[] data) {
    int n = data.length;
    if (n < OP_PUSHDATA1) {
      w.writeU8(n);
    } else if (n <= 0xff) {
      w.writeU8(OP_PUSHDATA1).writeU8(n);
    } else if (n <= 0xffff) {
      w.writeU8(OP_PUSHDATA2).writeU16(n);
    } else {
      w.writeU8(OP_PUSHDATA4).writeInt32(n);
    }
    w.writeBytes(data);
  }

  /** The hash this script locks to, if it is the P2PKH template exactly. */
  public Optional<byte[]> payToPubKeyHash() {
    if (bytes.length == 25
        && (bytes[0] & 0xff) == OP_DUP
        && (bytes[1] & 0xff) == OP_HASH160
        && bytes[2] == 20
        && (bytes[23] & 0xff) == OP_EQUALVERIFY
        && (bytes[24] & 0xff) == OP_CHECKSIG) {
      return Optional.of(Arrays.copyOfRange(bytes, 3, 23));
    }
    return Optional.empty();
  }

  /**
   * The data pushed by a push-only script, such as the signature and key of an input script.
   *
   * @throws FormatException if the script holds anything but plain data pushes
   */
  public List<byte[]> pushes() {
    ByteReader r = new ByteReader(bytes);
    List<byte[]> out = new ArrayList<>();
    while (r.remaining() > 0) {
      int op = r.readU8();
      int len;
      if (op > 0 && op < OP_PUSHDATA1) {
        len = op;
      } else if (op == OP_PUSHDATA1) {
        len = r.readU8();
      } else if (op == OP_PUSHDATA2) {
        len = r.readU16();
      } else if (op == OP_PUSHDATA4) {
        len = r.readInt32();
      } else {
        throw new FormatException(
            "script is not push-only (opcode 0x" + Integer.toHexString(op) + ")");
      }
      out.add(r.readBytes(len));
    }
    return out;
  }

  /**
   * Where the opcode after the one at {@code i} starts, or -1 if the push at {@code i} is cut off.
   */
  int nextOpAt(int i) {
    int op = bytes[i] & 0xff;
    long end;
    if (op < OP_PUSHDATA1) {
      end = i + 1L + op;
    } else if (op == OP_PUSHDATA1) {
      end = i + 2 > bytes.length ? -1 : i + 2L + (bytes[i + 1] & 0xff);
    } else if (op == OP_PUSHDATA2) {
      end =
          i + 3 > bytes.length ? -1 : i + 3L + ((bytes[i + 1] & 0xff) | (bytes[i + 2] & 0xff) << 8);
    } else if (op == OP_PUSHDATA4) {
      end =
          i + 5 > bytes.length
              ? -1
              : i
                  + 5L
                  + ((bytes[i + 1] & 0xffL)
                      | (bytes[i + 2] & 0xffL) << 8
                      | (bytes[i + 3] & 0xffL) << 16
                      | (bytes[i + 4] & 0xffL) << 24);
    } else {
      end = i + 1L;
    }
    return end < 0 || end > bytes.length ? -1 : (int) end;
  }

  public byte[] bytes() {
    return Arrays.copyOf(bytes, bytes.length);
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Script other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
