package io.minicoin.core;

import io.minicoin.crypto.Sha256Hash;
import java.math.BigInteger;

/**
 * The proof-of-work target in Bitcoin's compact form {@code bits}: one byte of exponent and three
 * of mantissa, target = mantissa * 256^(exponent - 3). A block is valid work when its hash, read as
 * a 256-bit number, is at most the target.
 */
public final class CompactTarget {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private CompactTarget() {}

  /** The target that {@code bits} encodes, or throws if it is negative, zero or above 2^256. */
  public static BigInteger decode(int bits) {
    int exponent = (bits >>> 24) & 0xff;
    int mantissa = bits & 0x007fffff;
    if ((bits & 0x00800000) != 0 && mantissa != 0) {
      throw new IllegalArgumentException("negative target in bits " + toHex(bits));
    }
    BigInteger target =
        exponent <= 3
            ? BigInteger.valueOf(mantissa >>> (8 * (3 - exponent)))
            : BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
    if (target.signum() == 0 || target.bitLength() > 256) {
      throw new IllegalArgumentException("target out of range in bits " + toHex(bits));
    }
    return target;
  }

  /** The compact form of {@code target}, rounded down to three bytes of precision. */
  public static int encode(BigInteger target) {
    int size = (target.bitLength() + 7) / 8;
    long mantissa =
        size <= 3
            ? target.longValue() << (8 * (3 - size))
            : target.shiftRight(8 * (size - 3)).longValue();
    if ((mantissa & 0x00800000) != 0) { // would read as a sign bit: move one byte up
      mantissa >>= 8;
      size++;
    }
    return (size << 24) | (int) mantissa;
  }

  public static boolean isValid(int bits) {
    try {
      decode(bits);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code hash} meets the target of {@code bits} (false for invalid bits). */
  public static boolean isMetBy(Sha256Hash hash, int bits) {
    if (!isValid(bits)) {
      return false;
    }
    return new BigInteger(1, hash.reversedBytes()).compareTo(decode(bits)) <= 0;
  }

  /** The expected number of hashes to meet the target: 2^256 / (target + 1). */
  public static BigInteger work(int bits) {
    return TWO_256.divide(decode(bits).add(BigInteger.ONE));
  }

  public static String toHex(int bits) {
    return String.format("0x%08x", bits);
  }
}
