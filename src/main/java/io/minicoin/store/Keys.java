package io.minicoin.store;

import io.minicoin.core.OutPoint;
import java.nio.charset.StandardCharsets;

/**
 * Key encodings shared by the reader and writer. Heights are big-endian so that LMDB's byte order
 * is number order; outpoints inside keys stay little-endian as on the wire, so their order is not
 * numeric past 255 outputs (see {@link ChainStore}).
 */
final class Keys {
  static final byte[] META_FORMAT = "format".getBytes(StandardCharsets.US_ASCII);
  static final byte[] META_GENESIS = "genesis".getBytes(StandardCharsets.US_ASCII);
  static final byte[] META_TIP = "tip".getBytes(StandardCharsets.US_ASCII);

  /** Present while the transaction indexes of a chain file from an older version are unbuilt. */
  static final byte[] META_INDEXES_MISSING = "indexes-missing".getBytes(StandardCharsets.US_ASCII);

  /**
   * Present while the running totals ({@code balances}) of a chain file from an older version that
   * already had the transaction indexes are unbuilt: they are added up from its script histories.
   */
  static final byte[] META_TOTALS_MISSING = "totals-missing".getBytes(StandardCharsets.US_ASCII);

  /**
   * The tip the running totals were last brought up to, written in the same transaction as every
   * new tip, as Bitcoin Core's indexes keep their best block: a version that ignores the totals
   * moves the tip without it, and the totals are then known to be stale.
   */
  static final byte[] META_TOTALS_AT = "totals-at".getBytes(StandardCharsets.US_ASCII);

  private Keys() {}

  static byte[] height(int height) {
    return new byte[] {
      (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height
    };
  }

  /** pubkey hash (20) | outpoint (36): one address's coins sit together under its prefix. */
  static byte[] address(byte[] pubKeyHash, OutPoint outPoint) {
    byte[] key = new byte[20 + OutPoint.SIZE];
    System.arraycopy(pubKeyHash, 0, key, 0, 20);
    System.arraycopy(outPoint.toBytes(), 0, key, 20, OutPoint.SIZE);
    return key;
  }
}
