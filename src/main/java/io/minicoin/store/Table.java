package io.minicoin.store;

/** The named tables of a chain file. Their byte layouts are documented in {@link ChainStore}. */
public enum Table {
  BLOCKS("blocks"),
  INDEX("index"),
  HEIGHTS("heights"),
  UTXO("utxo"),
  UNDO("undo"),
  ADDR("addr"),
  TXINDEX("txindex"),
  HISTORY("history"),
  SPENDS("spends"),
  BALANCES("balances"),
  META("meta");

  /**
   * Tables that chain files made by older versions lack: opening such a file creates them and marks
   * the file so the chain builds them from its blocks.
   */
  public static final java.util.Set<Table> ADDED_LATER =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(TXINDEX, HISTORY, SPENDS, BALANCES));

  private final String dbName;

  Table(String dbName) {
    this.dbName = dbName;
  }

  public String dbName() {
    return dbName;
  }
}
