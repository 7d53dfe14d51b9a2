package io.minicoin.cli;

/**
 * The command line itself is wrong (an unknown flag, a missing or bad value): the message names
 * what is wrong, and the process exits with {@link Main#EXIT_USAGE} after pointing at the usage.
 */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
