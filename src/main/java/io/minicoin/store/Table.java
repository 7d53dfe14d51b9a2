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
  META("meta");

  private final String dbName;

  Table(String dbName) {
    this.dbName = dbName;
  }

  public String dbName() {
    return dbName;
  }
}
