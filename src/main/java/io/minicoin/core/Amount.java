package io.minicoin.core;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An amount of money in base units (1 coin = 100,000,000 units), as Bitcoin counts satoshis.
 * Arithmetic is overflow-checked. An amount may be negative (a difference); {@link #isValidMoney()}
 * says whether it may stand in a transaction output.
 */
public record Amount(long units) implements Comparable<Amount> {
  public static final long UNITS_PER_COIN = 100_000_000L;
  public static final Amount ZERO = new Amount(0);

  /** No output, and no sum of outputs, may exceed the 21 million coins Bitcoin caps money at. */
  public static final Amount MAX_MONEY = coins(21_000_000);

  public static Amount units(long units) {
    return new Amount(units);
  }

  public static Amount coins(long coins) {
    return new Amount(Math.multiplyExact(coins, UNITS_PER_COIN));
  }

  /**
   * Parses a positive-or-zero decimal number of coins as a person types it: {@code 10}, {@code
   * 0.5}, {@code 1.00000001}. At most 8 decimals, since a unit is the smallest amount there is.
   */
  public static Amount parseCoins(String text) {
    // "0.5", ".5" and "5." all mean what a person typing them means.
    if (!text.matches("[0-9]+\\.?[0-9]*|\\.[0-9]+")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an amount of coins (use digits, e.g. 10 or 0.5)");
    }
    BigDecimal coins = new BigDecimal(text);
    if (coins.stripTrailingZeros().scale() > 8) {
      throw new IllegalArgumentException(
          "'" + text + "' has more than 8 decimals (the smallest amount is 0.00000001)");
    }
    BigInteger units = coins.movePointRight(8).toBigIntegerExact();
    if (units.compareTo(BigInteger.valueOf(MAX_MONEY.units)) > 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is more than the 21 million coins that can exist");
    }
    return new Amount(units.longValueExact());
  }

  public Amount plus(Amount other) {
    return new Amount(Math.addExact(units, other.units));
  }

  public Amount minus(Amount other) {
    return new Amount(Math.subtractExact(units, other.units));
  }

  public boolean isValidMoney() {
    return units >= 0 && units <= MAX_MONEY.units;
  }

  public boolean isPositive() {
    return units > 0;
  }

  public boolean isNegative() {
    return units < 0;
  }

  @Override
  public int compareTo(Amount o) {
    return Long.compare(units, o.units);
  }

  /** Coins as a decimal without trailing zeros: {@code 10}, {@code 9.5}, {@code 0.00000001}. */
  // Written out, not generated: start-up, as in OutPoint.
  @Override
  public boolean equals(Object o) {
    return o instanceof Amount other && units == other.units;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(units);
  }

  @Override
  public String toString() {
    return BigDecimal.valueOf(units, 8).stripTrailingZeros().toPlainString();
  }
}
