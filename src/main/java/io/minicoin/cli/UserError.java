package io.minicoin.cli;

/** Something the user asked for cannot be done as asked; the message says why and what to do. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
