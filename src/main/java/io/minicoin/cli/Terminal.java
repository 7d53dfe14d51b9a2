package io.minicoin.cli;

import java.io.Console;

/** Whether this process writes to a person at a terminal, or to a pipe or a file. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether standard output is a terminal. Up to JDK 21 {@code System.console()} is null otherwise;
   * from JDK 22 it is never null and {@code Console.isTerminal()} tells.
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is right up to JDK 21, the rest after
  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console exists only for a terminal
    }
  }
}
