package io.minicoin.chain;

import io.minicoin.core.CompactTarget;

/**
 * How a proof-of-work search is going, for people waiting on it: at a real difficulty ({@code -bits
 * 0x1d00ffff} needs about 4.3 billion tries on average) a block takes minutes.
 *
 * @param tries header hashes tried so far for this block
 * @param seconds time spent so far
 * @param expectedTries the average number of tries this target needs (2^256 / (target + 1))
 */
public record MiningProgress(long tries, double seconds, double expectedTries) {
  /** Receives progress about once a second while a block is being mined. */
  public interface Listener {
    void progress(MiningProgress progress);
  }

  static MiningProgress of(long tries, long nanos, int bits) {
    return new MiningProgress(tries, nanos / 1e9, CompactTarget.work(bits).doubleValue());
  }

  public double hashesPerSecond() {
    return seconds <= 0 ? 0 : tries / seconds;
  }

  /**
   * Seconds until the expected number of tries is reached at the current rate (0 once past it: the
   * search is memoryless, so past the average the wait is as long again, on average).
   */
  public double secondsLeftOnAverage() {
    double rate = hashesPerSecond();
    if (rate <= 0) {
      return Double.NaN;
    }
    double left = expectedTries - tries;
    return left > 0 ? left / rate : expectedTries / rate;
  }

  /** One line: {@code 12.3 M hashes/s, 1,234,567,890 tries, about 3 min 20 s left on average}. */
  public String describe() {
    return String.format(
        "%.1f M hashes/s, %,d tries of about %,.0f expected, %s",
        hashesPerSecond() / 1e6,
        tries,
        expectedTries,
        Double.isNaN(secondsLeftOnAverage())
            ? "measuring"
            : "about " + duration(secondsLeftOnAverage()) + " left on average");
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min " + s % 60 + " s";
    }
    return s / 3600 + " h " + s % 3600 / 60 + " min";
  }
}
