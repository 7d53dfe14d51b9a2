package io.minicoin.store;

/** How far a stored block got through validation. */
public enum BlockStatus {
  /**
   * Its rules on its own and against its parent passed; its transactions are not yet checked
   * against the UTXO set.
   */
  STORED(0),
  /** It has been connected to the UTXO set: every transaction checked. */
  CONNECTED(1),
  /** It broke a rule, or builds on a block that did. Never fetched or accepted again. */
  INVALID(2);

  private final int code;

  BlockStatus(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static BlockStatus of(int code) {
    for (BlockStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new ChainDamagedException(
        "the chain file is damaged: unknown block status " + code + " in the block index");
  }
}
