package io.minicoin.core;

import io.minicoin.crypto.Base58;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.PublicKey;
import java.util.Arrays;

/**
 * A Bitcoin mainnet pay-to-public-key-hash address: Base58Check of the version byte 0x00 and the
 * 20-byte HASH160 of a public key. That is why every address starts with '1'.
 */
public final class Address {
  private static final int VERSION = 0x00;
  private final byte[] pubKeyHash;

  private Address(byte[] pubKeyHash) {
    if (pubKeyHash.length != 20) {
      throw new FormatException("a public key hash has 20 bytes, not " + pubKeyHash.length);
    }
    this.pubKeyHash = pubKeyHash.clone();
  }

  public static Address fromPubKeyHash(byte[] hash160) {
    return new Address(hash160);
  }

  public static Address fromPublicKey(PublicKey key) {
    return new Address(key.hash160());
  }

  /** Parses an address, naming what is wrong with it if it is not one. */
  public static Address parse(String text) {
    byte[] payload;
    try {
      payload = Base58.decodeChecked(text);
    } catch (FormatException e) {
      throw new FormatException("invalid address '" + text + "': " + e.getMessage());
    }
    if (payload.length != 21) {
      throw new FormatException(
          "invalid address '"
              + text
              + "': wrong length ("
              + payload.length
              + " bytes, an address has 21)");
    }
    if ((payload[0] & 0xff) != VERSION) {
      throw new FormatException(
          "invalid address '"
              + text
              + "': wrong version byte "
              + (payload[0] & 0xff)
              + " (a mainnet P2PKH address has 0)");
    }
    return new Address(Arrays.copyOfRange(payload, 1, 21));
  }

  public byte[] pubKeyHash() {
    return pubKeyHash.clone();
  }

  public Script lockingScript() {
    return Script.payToPubKeyHash(pubKeyHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && Arrays.equals(pubKeyHash, other.pubKeyHash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pubKeyHash);
  }

  @Override
  public String toString() {
    byte[] payload = new byte[21];
    payload[0] = VERSION;
    System.arraycopy(pubKeyHash, 0, payload, 1, 20);
    return Base58.encodeChecked(payload);
  }
}
