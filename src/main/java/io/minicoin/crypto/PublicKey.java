package io.minicoin.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secp256k1 public key in SEC encoding: 33 bytes compressed (what we create) or 65 bytes
 * uncompressed (what early Bitcoin transactions carry, and we can still verify).
 */
public final class PublicKey {
  private final byte[] encoded;
  private final Object point; // parsed by the chosen secp256k1 implementation

  private PublicKey(byte[] encoded, Object point) {
    this.encoded = encoded;
    this.point = point;
  }

  public static PublicKey fromBytes(byte[] encoded) {
    checkEncoding(encoded);
    byte[] copy = Arrays.copyOf(encoded, encoded.length); // not clone(): see Sha256Hash.bytes
    return new PublicKey(copy, Secp256k1.implementation().parsePublicKey(copy));
  }

  /**
   * Checks the SEC form's length and first byte (not that the key is a point on the curve).
   *
   * @throws FormatException if {@code encoded} is neither a compressed nor an uncompressed key
   */
  public static void checkEncoding(byte[] encoded) {
    boolean compressed = encoded.length == 33 && (encoded[0] == 2 || encoded[0] == 3);
    boolean uncompressed = encoded.length == 65 && encoded[0] == 4;
    if (!compressed && !uncompressed) {
      throw new FormatException("not a SEC-encoded public key (" + encoded.length + " bytes)");
    }
  }

  /**
   * Whether {@code signature} over {@code digest} verifies with the key encoded as {@code encoded}
   * (false for a key that is not a point on the curve). For checking a block's signatures: each key
   * is used once, and libsecp256k1 parses a key while verifying, so parsing it first ({@link
   * #fromBytes}) was a second call into the library for every signature.
   *
   * <p>Named apart from {@link #verify(byte[], EcdsaSignature)}: both take two byte arrays, and an
   * overload would let the key and the digest be swapped without a word from the compiler.
   *
   * @throws FormatException if {@code encoded} is not in SEC form ({@link #checkEncoding}): the
   *     libraries would also take hybrid keys (06 or 07 and both halves), which minicoin refuses,
   *     as Bitcoin Core's relay policy does
   */
  public static boolean verifyWithEncodedKey(
      byte[] encoded, byte[] digest, EcdsaSignature signature) {
    checkEncoding(encoded);
    return Secp256k1.implementation().verifyEncoded(digest, signature, encoded);
  }

  public byte[] bytes() {
    return Arrays.copyOf(encoded, encoded.length);
  }

  /** RIPEMD-160(SHA-256(key)): what a pay-to-public-key-hash output locks to. */
  public byte[] hash160() {
    return Hashes.hash160(encoded);
  }

  /**
   * Checks a signature over a 32-byte digest. High-S signatures verify too: they are valid
   * consensus, only non-standard for relay, and old mainnet transactions contain them.
   */
  public boolean verify(byte[] digest, EcdsaSignature signature) {
    return Secp256k1.implementation().verify(digest, signature, point);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(encoded);
  }
}
