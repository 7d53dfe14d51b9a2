package io.minicoin.chain;

/**
 * Why a block or transaction was refused, named as Bitcoin Core names it, so that a reader can look
 * each rule up in Core's source ({@code validation.cpp}, {@code tx_check.cpp}).
 */
public enum RejectReason {
  // Block header and structure
  HIGH_HASH("high-hash", "proof of work does not meet the target"),
  BAD_DIFFBITS("bad-diffbits", "bits differ from the chain's fixed difficulty"),
  TIME_TOO_NEW("time-too-new", "block time more than 2 hours in the future"),
  TIME_TOO_OLD("time-too-old", "block time not after the median of the previous 11 blocks"),
  BAD_MERKLE_ROOT("bad-txnmrklroot", "Merkle root does not match the transactions"),
  BAD_TXNS_DUPLICATE("bad-txns-duplicate", "duplicate transaction (CVE-2012-2459)"),
  BAD_BLOCK_LENGTH("bad-blk-length", "block size limits failed"),
  BAD_CB_MISSING("bad-cb-missing", "first transaction is not a coinbase"),
  BAD_CB_MULTIPLE("bad-cb-multiple", "more than one coinbase"),
  BAD_CB_LENGTH("bad-cb-length", "coinbase script size out of range"),
  BAD_CB_HEIGHT("bad-cb-height", "coinbase does not start with the block height"),
  BAD_CB_AMOUNT("bad-cb-amount", "coinbase pays more than the reward plus fees"),
  BAD_PREVBLK("bad-prevblk", "previous block is invalid"),
  PREV_BLK_NOT_FOUND("prev-blk-not-found", "previous block is unknown"),
  DUPLICATE("duplicate", "block already known"),
  DUPLICATE_INVALID("duplicate-invalid", "block already known to be invalid"),
  // Transactions
  BAD_TXNS_VIN_EMPTY("bad-txns-vin-empty", "transaction has no inputs"),
  BAD_TXNS_VOUT_EMPTY("bad-txns-vout-empty", "transaction has no outputs"),
  BAD_TXNS_OVERSIZE("bad-txns-oversize", "transaction too large"),
  BAD_TXNS_VOUT_NEGATIVE("bad-txns-vout-negative", "output value negative"),
  BAD_TXNS_VOUT_TOOLARGE("bad-txns-vout-toolarge", "output value above 21 million coins"),
  BAD_TXNS_TXOUTTOTAL_TOOLARGE(
      "bad-txns-txouttotal-toolarge", "outputs add up to more than 21 million coins"),
  BAD_TXNS_INPUTS_DUPLICATE(
      "bad-txns-inputs-duplicate", "an input is spent twice (CVE-2018-17144)"),
  BAD_TXNS_PREVOUT_NULL("bad-txns-prevout-null", "non-coinbase input spends nothing"),
  BAD_TXNS_BIP30(
      "bad-txns-BIP30", "transaction would overwrite an unspent output with the same txid"),
  BAD_TXNS_INPUTS_MISSINGORSPENT(
      "bad-txns-inputs-missingorspent", "input spends a missing or spent output"),
  BAD_TXNS_IN_BELOWOUT("bad-txns-in-belowout", "outputs are worth more than inputs"),
  BAD_TXNS_NONSTANDARD("bad-txns-nonstandard", "script is not pay-to-public-key-hash"),
  BAD_SIG("bad-sig", "signature or key does not unlock the output"),
  // Memory pool
  TXN_ALREADY_KNOWN("txn-already-known", "transaction already in the memory pool"),
  TXN_MEMPOOL_CONFLICT("txn-mempool-conflict", "spends an output another pool transaction spends"),
  MISSING_INPUTS("missing-inputs", "spends an output neither the chain nor the pool has"),
  COINBASE("coinbase", "a coinbase is only valid inside a block"),
  TX_SIZE("tx-size", "transaction too large to relay"),
  MEMPOOL_FULL("mempool-full", "the memory pool is full"),
  NON_CANONICAL_SIGNATURE(
      "non-mandatory-script-verify-flag", "high-S signature: valid in a block, not relayed");

  private final String code;
  private final String description;

  RejectReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** Bitcoin Core's reject string, such as {@code bad-txns-inputs-duplicate}. */
  public String code() {
    return code;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return code;
  }
}
