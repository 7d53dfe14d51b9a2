package io.minicoin.cli;

import io.minicoin.net.DownloadProgress;
import java.io.PrintStream;

/**
 * A download's progress bar on the terminal, rewritten in place at most five times a second: {@code
 * sync [########------------] 1200/5000 blocks 350 blocks/s 11 s left}. Log lines that arrive
 * meanwhile push it down a line; the next update redraws it.
 */
final class SyncBar implements DownloadProgress {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private long nextDraw;
  private boolean drawn;

  SyncBar(PrintStream err) {
    this.err = err;
  }

  /** A bar when stdout is a terminal; otherwise the node's periodic log lines suffice. */
  static DownloadProgress forThisTerminal() {
    return Terminal.isTerminal() ? new SyncBar(System.err) : null;
  }

  @Override
  public void block(int downloaded, int expected, double seconds) {
    long now = System.nanoTime();
    if (now - nextDraw < 0 && downloaded < expected) {
      return;
    }
    nextDraw = now + 200_000_000L;
    err.print("\r" + line(downloaded, expected, seconds));
    err.flush();
    drawn = true;
  }

  @Override
  public void ended() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }

  static String line(int downloaded, int expected, double seconds) {
    int total = Math.max(expected, downloaded);
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * downloaded / total);
    double rate = seconds > 0 ? downloaded / seconds : 0;
    String left = rate > 0 ? Math.round((total - downloaded) / rate) + " s left" : "measuring";
    return String.format(
        "sync [%s%s] %d/%d blocks  %.0f blocks/s  %s   ",
        "#".repeat(filled), "-".repeat(WIDTH - filled), downloaded, total, rate, left);
  }
}
