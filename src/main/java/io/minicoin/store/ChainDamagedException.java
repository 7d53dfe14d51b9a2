package io.minicoin.store;

/**
 * The chain file is damaged: cut short, or a record is missing, undecodable, or does not match what
 * refers to it (a block whose hash is not its key, a Merkle root that does not match). Nothing may
 * be written to such a file: building on it would bury the damage. The cure is a copy, or {@code
 * reindexutxo} when only the UTXO set is hit.
 */
public class ChainDamagedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ChainDamagedException(String message) {
    super(message);
  }

  public ChainDamagedException(String message, Throwable cause) {
    super(message, cause);
  }
}
