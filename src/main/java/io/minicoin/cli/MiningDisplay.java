package io.minicoin.cli;

import io.minicoin.chain.MiningProgress;
import java.io.PrintStream;

/**
 * Shows a long proof-of-work search while the user waits: on a terminal one line rewritten in place
 * every second; otherwise (a pipe, a log) a line every 10 seconds. Nothing for a search shorter
 * than a second, which is every search at the default difficulty.
 */
final class MiningDisplay implements MiningProgress.Listener {
  private final PrintStream err = System.err;
  private final boolean terminal = Terminal.isTerminal();
  private long lastLine;

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
