package io.minicoin.wallet;

/**
 * The wallet cannot do what was asked: its file is unreadable, a key is missing, funds are short.
 */
public class WalletException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WalletException(String message) {
    super(message);
  }

  public WalletException(String message, Throwable cause) {
    super(message, cause);
  }
}
