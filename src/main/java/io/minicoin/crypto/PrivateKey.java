package io.minicoin.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A secp256k1 private key. It signs with RFC 6979 deterministic nonces (the same key and message
 * always give the same signature, and a weak random generator cannot leak the key) and always
 * produces the low-S form that Bitcoin's relay policy requires.
 */
public final class PrivateKey {
  private static final int WIF_VERSION = 0x80;
  private static final int COMPRESSED_FLAG = 0x01;

  private final BigInteger secret;

  /**
   * Derived on first use: deriving takes the elliptic-curve library, which a command that only
   * reads keys (a wallet file that notes each key's address, {@code dumpprivkey}) never needs.
   */
  private volatile PublicKey publicKey;

  private PrivateKey(BigInteger secret) {
    if (secret.signum() <= 0 || secret.compareTo(Secp256k1.N) >= 0) {
      throw new FormatException("a private key must be between 1 and the curve order");
    }
    this.secret = secret;
  }

  public static PrivateKey generate(SecureRandom random) {
    while (true) {
      BigInteger d = new BigInteger(256, random);
      if (d.signum() > 0 && d.compareTo(Secp256k1.N) < 0) {
        return new PrivateKey(d);
      }
    }
  }

  /** The key from its 32 big-endian bytes. */
  public static PrivateKey fromBytes(byte[] secret32) {
    if (secret32.length != 32) {
      throw new FormatException("a private key has 32 bytes, not " + secret32.length);
    }
    return new PrivateKey(new BigInteger(1, secret32));
  }

  /**
   * Parses Bitcoin's wallet import format for a mainnet key with a compressed public key:
   * Base58Check of 0x80, the 32 key bytes and 0x01.
   */
  public static PrivateKey fromWif(String wif) {
    byte[] payload = Base58.decodeChecked(wif);
    if (payload.length == 0) { // a bare checksum is valid Base58Check too
      throw new FormatException("not a private key: nothing before the checksum");
    }
    if (payload[0] != (byte) WIF_VERSION) {
      throw new FormatException(
          "not a mainnet private key (version byte " + (payload[0] & 0xff) + ")");
    }
    if (payload.length != 34 || payload[33] != COMPRESSED_FLAG) {
      throw new FormatException("not a WIF key for a compressed public key");
    }
    return fromBytes(Arrays.copyOfRange(payload, 1, 33));
  }

  public String toWif() {
    byte[] payload = new byte[34];
    payload[0] = (byte) WIF_VERSION;
    System.arraycopy(secretBytes(), 0, payload, 1, 32);
    payload[33] = COMPRESSED_FLAG;
    return Base58.encodeChecked(payload);
  }

  public PublicKey publicKey() {
    PublicKey key = publicKey;
    if (key == null) { // two threads may both derive it: the same value, so either may stay
      key = PublicKey.fromBytes(Secp256k1.implementation().publicKey(secretBytes()));
      publicKey = key;
    }
    return key;
  }

  /** Signs a 32-byte digest (already hashed). */
  public EcdsaSignature sign(byte[] digest) {
    return Secp256k1.implementation().sign(digest, secretBytes());
  }

  private byte[] secretBytes() {
    byte[] b = secret.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && secret.equals(other.secret);
  }

  @Override
  public int hashCode() {
    return secret.hashCode();
  }

  @Override
  public String toString() {
    return "PrivateKey(" + publicKey() + ")"; // never print the secret
  }
}
