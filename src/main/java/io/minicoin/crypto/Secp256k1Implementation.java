package io.minicoin.crypto;

/**
 * What minicoin needs from a secp256k1 library. Implementations must agree exactly: the same public
 * key and the same (RFC 6979, low-S) signature for the same input, and the same verdict on every
 * signature, high S included.
 */
interface Secp256k1Implementation {
  String name();

  /** The 33-byte compressed public key of a 32-byte secret in [1, N). */
  byte[] publicKey(byte[] secret);

  /**
   * Checks that {@code encoded} (33 or 65 bytes, SEC) is a point on the curve and returns it in
   * whatever form {@link #verify} wants.
   *
   * @throws FormatException if it is not a point on the curve
   */
  Object parsePublicKey(byte[] encoded);

  /** Whether {@code signature} over {@code digest} verifies with a key from parsePublicKey. */
  boolean verify(byte[] digest, EcdsaSignature signature, Object publicKey);

  /**
   * {@link #verify} with the key as encoded (33 or 65 bytes, SEC): false for a key that is not a
   * point on the curve. A library that parses the key while verifying does it once instead of twice
   * (see {@link PublicKey#verifyWithEncodedKey}).
   */
  default boolean verifyEncoded(byte[] digest, EcdsaSignature signature, byte[] encodedKey) {
    Object point;
    try {
      point = parsePublicKey(encodedKey);
    } catch (FormatException e) {
      return false;
    }
    return verify(digest, signature, point);
  }

  /** Signs a 32-byte digest with RFC 6979's deterministic nonce; the result has a low S. */
  EcdsaSignature sign(byte[] digest, byte[] secret);
}
