package io.minicoin.store;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.OutPoint;
import io.minicoin.crypto.Sha256Hash;
import java.util.Arrays;

/**
 * One line of a script's history on the best chain: an output it received (funding) or an input
 * that spent one of its outputs (spending).
 *
 * <p>Stored layout, keyed so that a forward scan gives the NEWEST first, as explorers list them:
 *
 * <pre>
 * key   script hash (32) | ~height (u32 BE) | ~position in block (u32 BE) | kind (u8: 0 spends, 1 funds) | index (u32 BE)
 * value txid (32) | amount (i64 LE) | for spends: the spent outpoint (36)
 * </pre>
 *
 * where {@code ~x} is {@code 0xffffffff - x}. For example output 0 of the coinbase at height 1 (10
 * coins) paying script hash {@code s} is {@code s fffffffe ffffffff 01 00000000 -> <txid>
 * 00ca9a3b00000000}.
 *
 * @param scriptHash SHA-256 of the output script, as Esplora and Electrum name scripts
 * @param index the output index (funding) or input index (spending) inside the transaction
 * @param value the amount received or spent, in base units
 * @param spent for spending rows, the output spent; null for funding rows
 */
@SuppressWarnings("ArrayRecordComponent") // a row read from the store; rows are not compared
public record HistoryRow(
    byte[] scriptHash,
    int height,
    int position,
    boolean funding,
    int index,
    Sha256Hash txid,
    long value,
    OutPoint spent) {

  static final int SCRIPT_HASH_SIZE = 32;
  static final int KEY_SIZE = SCRIPT_HASH_SIZE + 4 + 4 + 1 + 4;

  public HistoryRow {
    if (scriptHash.length != SCRIPT_HASH_SIZE) {
      throw new IllegalArgumentException("a script hash has 32 bytes");
    }
    if (funding != (spent == null)) {
      throw new IllegalArgumentException(
          "a spending row names the output it spent, a funding one not");
    }
    scriptHash = Arrays.copyOf(scriptHash, scriptHash.length);
  }

  @Override
  public byte[] scriptHash() {
    return Arrays.copyOf(scriptHash, scriptHash.length);
  }

  byte[] storedKey() {
    ByteWriter w = new ByteWriter(KEY_SIZE);
    w.writeBytes(scriptHash);
    writeBigEndian(w, ~height);
    writeBigEndian(w, ~position);
    w.writeU8(funding ? 1 : 0);
    writeBigEndian(w, index);
    return w.toByteArray();
  }

  byte[] storedValue() {
    ByteWriter w = new ByteWriter(32 + 8 + OutPoint.SIZE);
    w.writeHash(txid).writeInt64(value);
    if (spent != null) {
      spent.write(w);
    }
    return w.toByteArray();
  }

  /**
   * Whether {@code a} and {@code b} are rows of one script in one transaction (false when {@code a}
   * is null). In a scan such rows are neighbours: the key orders by script, height, position.
   */
  public static boolean sameTransaction(HistoryRow a, HistoryRow b) {
    return a != null
        && Arrays.equals(a.scriptHash, b.scriptHash)
        && a.height == b.height
        && a.position == b.position;
  }

  /** The first key after every row of the transaction at {@code height}/{@code position}. */
  static byte[] keyAfter(byte[] scriptHash, int height, int position) {
    ByteWriter w = new ByteWriter(KEY_SIZE);
    w.writeBytes(scriptHash);
    writeBigEndian(w, ~height);
    writeBigEndian(w, ~position);
    w.writeU8(0xff);
    return w.toByteArray();
  }

  static HistoryRow decode(byte[] key, byte[] value) {
    if (key.length != KEY_SIZE) {
      throw new StoreException(
          "the chain file is corrupt: a history key has " + key.length + " bytes");
    }
    byte[] scriptHash = Arrays.copyOf(key, SCRIPT_HASH_SIZE);
    int height = ~readBigEndian(key, 32);
    int position = ~readBigEndian(key, 36);
    boolean funding = key[40] != 0;
    int index = readBigEndian(key, 41);
    ByteReader r = new ByteReader(value);
    Sha256Hash txid = r.readHash();
    long amount = r.readInt64();
    OutPoint spent = funding ? null : OutPoint.read(r);
    r.expectEnd("history row");
    return new HistoryRow(scriptHash, height, position, funding, index, txid, amount, spent);
  }

  private static void writeBigEndian(ByteWriter w, int v) {
    w.writeU8(v >>> 24).writeU8(v >>> 16).writeU8(v >>> 8).writeU8(v);
  }

  private static int readBigEndian(byte[] b, int at) {
    return (b[at] & 0xff) << 24
        | (b[at + 1] & 0xff) << 16
        | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistoryRow h
        && Arrays.equals(storedKey(), h.storedKey())
        && Arrays.equals(storedValue(), h.storedValue());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(storedKey());
  }
}
