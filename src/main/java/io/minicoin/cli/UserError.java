package io.minicoin.cli;

/** Something the user asked for cannot be done as asked; the message says why and what to do. */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }
}
