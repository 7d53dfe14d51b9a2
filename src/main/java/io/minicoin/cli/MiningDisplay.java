package io.minicoin.cli;

import io.minicoin.chain.MiningProgress;
import java.io.Console;
import java.io.PrintStream;

/**
 * Shows a long proof-of-work search while the user waits: on a terminal one line rewritten in place
 * every second; otherwise (a pipe, a log) a line every 10 seconds. Nothing for a search shorter
 * than a second, which is every search at the default difficulty.
 */
final class MiningDisplay implements MiningProgress.Listener {
  private final PrintStream err = System.err;
  private final boolean terminal = isTerminal();
  private long lastLine;

  /**
   * Whether standard output is a terminal. Up to JDK 21 {@code System.console()} is null otherwise;
   * from JDK 22 it is never null and {@code Console.isTerminal()} tells.
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is right up to JDK 21, the rest after
  private static boolean isTerminal() {
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

  private boolean shown;
  private int width;

  @Override
  public void progress(MiningProgress p) {
    String text = "mining: " + p.describe();
    if (terminal) {
      err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
      err.flush();
      width = text.length();
      shown = true;
    } else if (p.seconds() - lastLine >= 10) {
      lastLine = (long) p.seconds();
      err.println(text);
    }
  }

  /** Ends the line rewritten in place, so what follows starts on its own line. */
  void done() {
    if (shown) {
      err.println();
      shown = false;
    }
  }
}
