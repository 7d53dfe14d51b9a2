package io.minicoin.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Bitcoin's Base58 and Base58Check encodings.
 *
 * <p>Base58 leaves out 0, O, I and l so that an address copied by hand is not misread. Each leading
 * zero byte becomes a leading '1'. Base58Check appends the first four bytes of the double SHA-256
 * of the payload, so a mistyped address is caught before any coins are sent to it.
 */
public final class Base58 {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEXES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    sb.append("1".repeat(zeros));
    return sb.reverse().toString();
  }

  public static byte[] decode(String text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    BigInteger n = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new FormatException("invalid Base58 character '" + c + "' at position " + i);
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
    int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0; // BigInteger's sign byte
    byte[] out = new byte[zeros + magnitude.length - skip];
    System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
    return out;
  }

  /** Base58 of {@code payload} followed by its 4-byte checksum. */
  public static String encodeChecked(byte[] payload) {
    byte[] withSum = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(Hashes.sha256d(payload), 0, withSum, payload.length, 4);
    return encode(withSum);
  }

  /** Decodes Base58Check text and returns the payload without its checksum. */
  public static byte[] decodeChecked(String text) {
    byte[] raw = decode(text);
    if (raw.length < 4) {
      throw new FormatException("too short for Base58Check: " + text);
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - 4);
    byte[] sum = Arrays.copyOf(Hashes.sha256d(payload), 4);
    if (!Arrays.equals(sum, 0, 4, raw, raw.length - 4, raw.length)) {
      throw new FormatException("bad checksum in '" + text + "' (mistyped?)");
    }
    return payload;
  }
}
