package io.minicoin.core;

/**
 * The constants of a minicoin network. Difficulty is not here: each chain fixes its own in the
 * genesis block's {@code bits}.
 */
public final class ChainParams {
  /** Network magic, the first four bytes of every message: "mini" in ASCII. */
  public static final int MAGIC = 0x696e696d; // bytes 6d 69 6e 69 when written little-endian

  /** What a block pays its miner before fees. */
  public static final Amount BLOCK_REWARD = Amount.coins(10);

  /** About 2^20 hashes a block: well under a second on one core with SHA extensions. */
  public static final int DEFAULT_BITS = 0x1e100000;

  /** Bitcoin's regtest target: any second hash will do. For tests and quick demos. */
  public static final int EASIEST_BITS = 0x207fffff;

  /** A block may not claim a time more than two hours after our clock. */
  public static final long MAX_FUTURE_BLOCK_TIME = 2 * 60 * 60;

  /** The time of a block must be after the median of this many previous blocks. */
  public static final int MEDIAN_TIME_SPAN = 11;

  public static final int BLOCK_VERSION = 1;

  private ChainParams() {}
}
