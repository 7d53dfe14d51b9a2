package io.minicoin.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * An ECDSA signature (r, s) and its strict DER encoding (BIP 66).
 *
 * <p>DER has exactly one encoding per signature; a looser parser would let anyone change a
 * transaction's bytes, and so its txid, without touching its meaning.
 */
public record EcdsaSignature(BigInteger r, BigInteger s) {

  public EcdsaSignature {
    if (r.signum() <= 0
        || s.signum() <= 0
        || r.compareTo(Secp256k1.N) >= 0
        || s.compareTo(Secp256k1.N) >= 0) {
      throw new FormatException("signature values must be between 1 and the curve order");
    }
  }

  public boolean isLowS() {
    return s.compareTo(Secp256k1.HALF_N) <= 0;
  }

  /** The same signature with s in the lower half of the order: (r, n - s) verifies as (r, s). */
  public EcdsaSignature toLowS() {
    return isLowS() ? this : new EcdsaSignature(r, Secp256k1.N.subtract(s));
  }

  public byte[] toDer() {
    byte[] rb = r.toByteArray(); // minimal two's complement, so a leading 0 only when needed
    byte[] sb = s.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(72);
    out.write(0x30);
    out.write(4 + rb.length + sb.length);
    out.write(0x02);
    out.write(rb.length);
    out.writeBytes(rb);
    out.write(0x02);
    out.write(sb.length);
    out.writeBytes(sb);
    return out.toByteArray();
  }

  /** Parses a strict DER signature (without the sighash byte). */
  public static EcdsaSignature fromDer(byte[] der) {
    // The rules of BIP 66's IsValidSignatureEncoding, minus the trailing sighash byte.
    int len = der.length;
    if (len < 8 || len > 72) {
      throw new FormatException("DER signature length " + len + " is outside 8..72");
    }
    if (der[0] != 0x30) {
      throw new FormatException("DER signature does not start with a sequence");
    }
    if ((der[1] & 0xff) != len - 2) {
      throw new FormatException("DER sequence length does not match the signature");
    }
    int lenR = der[3] & 0xff;
    if (5 + lenR >= len) {
      throw new FormatException("DER r length runs past the end");
    }
    int lenS = der[5 + lenR] & 0xff;
    if (lenR + lenS + 6 != len) {
      throw new FormatException("DER lengths do not add up");
    }
    checkInteger(der, 2, lenR, "r");
    checkInteger(der, 4 + lenR, lenS, "s");
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(der, 4, 4 + lenR));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(der, 6 + lenR, 6 + lenR + lenS));
    return new EcdsaSignature(r, s);
  }

  private static void checkInteger(byte[] der, int tagAt, int length, String name) {
    if (der[tagAt] != 0x02) {
      throw new FormatException("DER " + name + " is not an integer");
    }
    if (length == 0) {
      throw new FormatException("DER " + name + " is empty");
    }
    int first = tagAt + 2;
    if ((der[first] & 0x80) != 0) {
      throw new FormatException("DER " + name + " is negative");
    }
    if (length > 1 && der[first] == 0 && (der[first + 1] & 0x80) == 0) {
      throw new FormatException("DER " + name + " has a needless leading zero");
    }
  }
}
