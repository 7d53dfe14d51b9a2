package io.minicoin.cli;

import io.minicoin.bench.SyncChain;
import io.minicoin.chain.VerificationException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.Options;

/**
 * {@code bench sync}: how fast a fresh node downloads and fully validates a chain from another,
 * both real node processes on loopback, started as {@code startnode} starts them (with
 * jvm.options).
 */
final class BenchSyncCommand implements Command {
  private static final int DEFAULT_BLOCKS = 2000;
  private static final int DEFAULT_TXS = 2;

  @Override
  public String description() {
    return "Builds a chain of N blocks with M payments each, starts a node serving it and a fresh node"
        + " that downloads it over loopback, and prints the fresh node's blocks/s,"
        + " transactions/s, signature checks/s and peak memory (resident set).";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(
            Flags.value(
                "blocks", "N", "blocks after the genesis block (default: " + DEFAULT_BLOCKS + ")"))
        .addOption(
            Flags.value(
                "txs",
                "M",
                "payments per block besides the coinbase (default: " + DEFAULT_TXS + ")"))
        .addOption(
            Flags.flag(
                "keep",
                "keep the run's directory (both chain files, both nodes' logs) and print where it"
                    + " is, instead of deleting it"));
  }

  @Override
  public int run(Args args) throws IOException, VerificationException, InterruptedException {
    int blocks = args.integer("blocks", DEFAULT_BLOCKS);
    int txs = args.integer("txs", DEFAULT_TXS);
    if (blocks < 1 || txs < 0 || txs > 2000) {
      throw new UserError("-blocks must be at least 1 and -txs between 0 and 2000");
    }
    boolean keep = args.has("keep");
    PrintStream out = System.out;
    // A directory of its own (a unique name no other bench's prefix matches), deleted only by
    // this run.
    Path dir = Files.createTempDirectory("minicoin-bench-sync-");
    try {
      return run(blocks, txs, out, dir, keep);
    } catch (IOException | UncheckedIOException e) {
      // One line for the user, no stack trace: most often the directory was deleted under us.
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new UserError(
          "bench sync failed: "
              + (cause instanceof java.nio.file.NoSuchFileException
                  ? "no such file " + cause.getMessage()
                  : cause.toString())
              + (Files.isDirectory(dir)
                  ? ""
                  : " (its working directory " + dir + " was deleted while it ran)"));
    }
  }

  private int run(int blocks, int txs, PrintStream out, Path dir, boolean keep)
      throws IOException, VerificationException, InterruptedException {
    int[] ports = freePorts(4);
    NodeProcess server = null;
    NodeProcess fresh = null;
    try {
      out.printf("bench sync: building a chain of %,d blocks x %d payments...%n", blocks, txs);
      SyncChain.build(
          dir.resolve("blockchain_" + ports[0] + ".db"),
          dir.resolve("blockchain_" + ports[1] + ".db"),
          blocks,
          txs,
          out);
      server =
          NodeProcess.start(
              dir,
              ports[0],
              dir.resolve("server.log"),
              null,
              "startnode",
              "-rpcport",
              Integer.toString(ports[2]));
      await(server, "serving", "listening on", Duration.ofMinutes(2), dir);
      out.println("  serving node up; starting the fresh node...");
      // In the log's own form (HH:mm:ss.SSS, local time), to compare with its lines.
      String launched =
          java.time.LocalTime.now(java.time.ZoneId.systemDefault()) // as the node logs
              .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS"));
      fresh =
          NodeProcess.start(
              dir,
              ports[1],
              dir.resolve("fresh.log"),
              null,
              "startnode",
              "-central",
              "localhost:" + ports[0],
              "-rpcport",
              Integer.toString(ports[3]));
      Duration limit = Duration.ofSeconds(120 + blocks / 50 + (long) blocks * txs / 200);
      String done = await(fresh, "fresh", "in sync at height " + blocks + ",", limit, dir);
      String first = await(fresh, "fresh", "first block of the download received", limit, dir);
      long peakKb = peakResidentKb(fresh.pid());
      double cpu = fresh.cpuSeconds();
      double whole = secondsBetween(launched, done);
      double download = secondsBetween(first, done);
      long payments = (long) blocks * txs;
      out.printf(
          "fresh node: %,d blocks, %,d payments (%,d signatures), every block and signature"
              + " validated%n",
          blocks, payments, payments);
      out.printf(
          "  from the first block received to in sync:   %6.2f s  %,8.0f blocks/s  %,8.0f"
              + " transactions/s  %,8.0f signature checks/s%n",
          download, blocks / download, payments / download, payments / download);
      out.printf(
          "  from launching its JVM to in sync:          %6.2f s  %,8.0f blocks/s  (includes JVM"
              + " start, opening the store, connecting)%n",
          whole, blocks / whole);
      if (cpu > 0) {
        out.printf(
            "  %,10.0f blocks per CPU-second (%.1f CPU-seconds in all, from its JVM start, on %d"
                + " cores; on a busy machine this is the steadier figure)%n",
            blocks / cpu, cpu, Runtime.getRuntime().availableProcessors());
      }
      long anonKb = statusKb(fresh.pid(), "RssAnon");
      long fileKb = statusKb(fresh.pid(), "RssFile");
      out.println(
          peakKb > 0
              ? String.format(
                  "  %,10.1f MiB peak resident memory (when in sync: %,.1f MiB the process's own,"
                      + " %,.1f MiB mapped files: the chain file LMDB maps and the jars)",
                  peakKb / 1024.0, anonKb / 1024.0, fileKb / 1024.0)
              : "  peak resident memory: not available on this system");
      return 0;
    } finally {
      if (fresh != null) {
        fresh.stop();
      }
      if (server != null) {
        server.stop();
      }
      if (keep) {
        // Also after a failure: the logs are what tells why.
        out.println("kept: " + dir + " (server.log, fresh.log, the two chain files)");
      } else {
        deleteQuietly(dir);
      }
    }
  }

  /**
   * {@link NodeProcess#awaitLine}, its failure told in one line: the node's last output line (its
   * own one-line error, when it stopped) instead of a stack trace and the whole log.
   */
  private static String await(
      NodeProcess node, String which, String regex, Duration limit, Path dir)
      throws InterruptedException {
    try {
      return node.awaitLine(regex, limit);
    } catch (IllegalStateException e) {
      String message = e.getMessage();
      int nl = message.lastIndexOf('\n');
      String last = nl < 0 ? "" : message.substring(nl + 1).strip();
      throw new UserError(
          "bench sync failed: the "
              + which
              + " node did not say '"
              + regex
              + "'"
              + (last.isEmpty() ? "" : "; its last line: " + last)
              + (Files.isDirectory(dir)
                  ? ""
                  : " (bench sync's working directory " + dir + " was deleted while it ran)"));
    }
  }

  /**
   * Deletes the run's directory; a directory already gone (or a file that will not go) is no reason
   * to hide the run's own result or error.
   */
  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // nothing to do: see above
    }
  }

  /** The seconds between two log lines' {@code HH:mm:ss.SSS} stamps (across midnight, too). */
  static double secondsBetween(String first, String last) {
    long a = LocalTime.parse(first.substring(0, 12)).toNanoOfDay();
    long b = LocalTime.parse(last.substring(0, 12)).toNanoOfDay();
    if (b < a) {
      b += Duration.ofDays(1).toNanos();
    }
    return (b - a) / 1e9;
  }

  /** The largest resident set the process had (Linux's VmHWM), or 0 where /proc has none. */
  static long peakResidentKb(long pid) {
    return statusKb(pid, "VmHWM");
  }

  /** A field of Linux's /proc/PID/status in kB (VmHWM, RssAnon, RssFile), or 0 where none. */
  static long statusKb(long pid, String field) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }
}
