package io.minicoin.store;

/**
 * The chain file cannot be used: missing, corrupt, not a minicoin chain, or the disk failed. This
 * is never about a block or transaction being invalid; that is the chain layer's reject.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
