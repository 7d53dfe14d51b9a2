package io.minicoin.store;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;

/**
 * The running totals of one output script on the best chain: how many outputs paid it and how much,
 * how many of those were spent and how much, and in how many transactions it took part. Its balance
 * is what was received less what was spent, so {@code getbalance} reads one record instead of
 * adding up every coin (an address holding 50,001 coins took seconds).
 *
 * <p>Kept in the {@code balances} table, keyed by the SHA-256 of the output script (Esplora's and
 * Electrum's name for a script), and changed in the same store transaction as the block that
 * changes it, forwards on connect and backwards on disconnect. The five numbers are Esplora's
 * {@code chain_stats} for the script.
 *
 * <p>Stored layout, 40 bytes, each an i64 LE: funded count | funded sum | spent count | spent sum |
 * transaction count. A script whose totals are all zero (every block that paid it was disconnected)
 * has no record, so a rebuilt table equals an incrementally kept one byte for byte.
 *
 * @param fundedCount outputs that paid the script
 * @param fundedSum their amounts, in base units
 * @param spentCount those outputs spent since
 * @param spentSum their amounts, in base units
 * @param txCount transactions that paid the script, spent from it, or both (counted once each)
 */
public record ScriptTotals(
    long fundedCount, long fundedSum, long spentCount, long spentSum, long txCount) {
  public static final ScriptTotals ZERO = new ScriptTotals(0, 0, 0, 0, 0);

  static final int SIZE = 40;

  /** One output paying {@code value} base units. */
  public static ScriptTotals funding(long value) {
    return new ScriptTotals(1, value, 0, 0, 0);
  }

  /** One input spending an output of {@code value} base units. */
  public static ScriptTotals spending(long value) {
    return new ScriptTotals(0, 0, 1, value, 0);
  }

  /** These totals with one more transaction counted. */
  public ScriptTotals plusOneTransaction() {
    return new ScriptTotals(fundedCount, fundedSum, spentCount, spentSum, txCount + 1);
  }

  public ScriptTotals plus(ScriptTotals o) {
    return new ScriptTotals(
        Math.addExact(fundedCount, o.fundedCount),
        Math.addExact(fundedSum, o.fundedSum),
        Math.addExact(spentCount, o.spentCount),
        Math.addExact(spentSum, o.spentSum),
        Math.addExact(txCount, o.txCount));
  }

  /** The opposite change: what disconnecting a block takes back. */
  public ScriptTotals negate() {
    return new ScriptTotals(-fundedCount, -fundedSum, -spentCount, -spentSum, -txCount);
  }

  /** What the script holds now, in base units: received less spent. */
  public long balance() {
    return fundedSum - spentSum;
  }

  /** How many of its outputs are unspent. */
  public long unspentCount() {
    return fundedCount - spentCount;
  }

  public boolean isZero() {
    // Field by field, not equals(ZERO): a record's generated equals links through method handles
    // on its first call, which a connect would pay for at start-up.
    return fundedCount == 0 && fundedSum == 0 && spentCount == 0 && spentSum == 0 && txCount == 0;
  }

  /**
   * Whether these totals can be a script's on some chain: nothing negative, no more spent than
   * received, and no more transactions than outputs and inputs. A stored record that is not is
   * damage.
   */
  boolean isPossible() {
    return fundedCount >= 0
        && fundedSum >= 0
        && spentCount >= 0
        && spentSum >= 0
        && txCount >= 0
        && spentCount <= fundedCount
        && spentSum <= fundedSum
        && (txCount > 0) == (fundedCount > 0)
        && txCount <= fundedCount + spentCount;
  }

  byte[] serialize() {
    return new ByteWriter(SIZE)
        .writeInt64(fundedCount)
        .writeInt64(fundedSum)
        .writeInt64(spentCount)
        .writeInt64(spentSum)
        .writeInt64(txCount)
        .toByteArray();
  }

  /**
   * @throws IllegalArgumentException if {@code v} is not 40 bytes of totals some chain can have
   */
  static ScriptTotals deserialize(byte[] v) {
    if (v.length != SIZE) {
      throw new IllegalArgumentException("script totals of " + v.length + " bytes, not " + SIZE);
    }
    ByteReader r = new ByteReader(v);
    ScriptTotals t =
        new ScriptTotals(r.readInt64(), r.readInt64(), r.readInt64(), r.readInt64(), r.readInt64());
    if (!t.isPossible()) {
      throw new IllegalArgumentException("impossible script totals " + t);
    }
    return t;
  }
}
