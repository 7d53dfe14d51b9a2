package io.minicoin.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A minicoin command run as a separate process, as a user runs it in a terminal: the same Java, the
 * same class path, {@code NODE_ID} in its environment. A long-running node's output is kept in a
 * log file, and its key lines are shown as they happen.
 */
final class NodeProcess {
  private static final Pattern KEY_LINE =
      Pattern.compile(
          "listening|downloaded|in sync|added transaction|mining a block|mined block|new tip|reorganized|rejected|new node|forgot|stopped");

  private final Process process;
  private final List<String> lines = new ArrayList<>();

  private NodeProcess(Process process) {
    this.process = process;
  }

  /**
   * The commands that run long or mine, and so keep the optimizing compiler; the others get {@code
   * jvm-short.options} too. A node that mines is {@code startnode-miner} here ({@link
   * #launchName}); one that does not gets only the quick compiler, like a short command. The
   * launchers hold the same list.
   */
  static final Set<String> LONG_COMMANDS =
      Set.of(
          "startnode-miner",
          "demo",
          "bench",
          "send",
          "createblockchain",
          "reindexutxo",
          "verifychain");

  /** The java command line for a node process that does not mine. */
  static List<String> javaCommand() {
    return javaCommand("startnode");
  }

  /**
   * The name the launchers know a command line by: its command, or {@code startnode-miner} for a
   * node started with a flag beginning {@code -mine} ({@code -miner}, {@code -miner=A}, {@code
   * --miner}), as the launchers decide.
   */
  static String launchName(List<String> args) {
    String command = args.isEmpty() ? "" : args.get(0);
    if (command.equals("startnode")
        && args.stream().anyMatch(a -> a.startsWith("-mine") || a.startsWith("--mine"))) {
      return "startnode-miner";
    }
    return command;
  }

  /** The java command line that runs {@code command} with the flags the launchers give it. */
  static List<String> javaCommand(String command) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(jvmOptions());
    if (!LONG_COMMANDS.contains(command)) {
      cmd.addAll(options("/jvm-short.options"));
    }
    // As the launchers do: a crash report goes to the temp directory, not the node's directory.
    cmd.add(
        "-XX:ErrorFile="
            + Path.of(System.getProperty("java.io.tmpdir"), "minicoin_hs_err_pid%p.log"));
    cmd.addAll(
        List.of("-cp", absolute(System.getProperty("java.class.path")), Main.class.getName()));
    return cmd;
  }

  /**
   * A class path with every entry made absolute: a node runs in its own directory, so an entry
   * relative to ours ({@code java -jar target/minicoin.jar bench sync}) would name nothing there.
   */
  static String absolute(String classPath) {
    StringBuilder out = new StringBuilder();
    for (String entry : classPath.split(File.pathSeparator, -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(File.pathSeparatorChar);
      }
      // File, not Path: a wildcard entry (lib/*) is not a valid Path on Windows.
      out.append(new File(entry).getAbsolutePath());
    }
    return out.toString();
  }

  /**
   * The flags in {@code jvm.options}, the file both launchers pass to java, shipped in the jar so
   * that nodes started from here run exactly as nodes started from a terminal.
   */
  static List<String> jvmOptions() {
    return options("/jvm.options");
  }

  /** The flags in an options file shipped in the jar, as java's {@code @argfile} reads them. */
  static List<String> options(String resource) {
    try (InputStream in = NodeProcess.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      List<String> flags = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R", -1)) {
        int comment = line.indexOf('#');
        String flag = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!flag.isEmpty()) {
          flags.add(flag);
        }
      }
      return flags;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ProcessBuilder builder(Path dir, int nodeId, List<String> args) {
    List<String> cmd = javaCommand(launchName(args));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("NODE_ID", Integer.toString(nodeId));
    return pb;
  }

  /**
   * Runs a command to its end and returns what it printed; a failure is an exception with its
   * output.
   */
  static String run(Path dir, int nodeId, String... args) throws IOException, InterruptedException {
    // Both streams to files, so a child that hangs cannot hang us past the timeout; stdout is
    // parsed.
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path errors = Files.createTempFile(dir, "stderr", ".txt");
    try {
      Process p =
          builder(dir, nodeId, List.of(args))
              .redirectOutput(out.toFile())
              .redirectError(errors.toFile())
              .start();
      boolean finished = p.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly();
      }
      String printed = Files.readString(out);
      if (!finished || p.exitValue() != 0) {
        throw new IllegalStateException(
            "NODE "
                + nodeId
                + " '"
                + String.join(" ", args)
                + "' "
                + (finished ? "failed" : "hung")
                + ":\n"
                + printed
                + Files.readString(errors));
      }
      return printed.strip();
    } finally {
      Files.delete(out);
      Files.delete(errors);
    }
  }

  /** Starts a long-running command (a node), logging to {@code log} and narrating key lines. */
  static NodeProcess start(Path dir, int nodeId, Path log, PrintStream narrator, String... args)
      throws IOException {
    NodeProcess np =
        new NodeProcess(builder(dir, nodeId, List.of(args)).redirectErrorStream(true).start());
    Thread pump = new Thread(() -> np.pump(log, narrator, nodeId), "log " + nodeId);
    pump.setDaemon(true);
    pump.start();
    return np;
  }

  private void pump(Path log, PrintStream narrator, int nodeId) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        file.println(line);
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
        if (narrator != null && KEY_LINE.matcher(line).find()) {
          narrator.println("        [node " + nodeId + "] " + line);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /** Waits until the process prints a line matching {@code regex}; fails after {@code timeout}. */
  String awaitLine(String regex, Duration timeout) throws InterruptedException {
    Pattern p = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (p.matcher(lines.get(seen)).find()) {
            return lines.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        boolean ended = !process.isAlive() && seen == lines.size();
        if (left <= 0 || ended) {
          // Say which: a node that stopped at once is not one that was slow.
          String what =
              ended
                  ? "the process ended (exit code " + process.exitValue() + ") before printing '"
                  : "waited " + timeout.toSeconds() + " s for '";
          throw new IllegalStateException(
              what + regex + "'; output so far:\n" + String.join("\n", lines));
        }
        lines.wait(Math.max(1, Math.min(200, left / 1_000_000)));
      }
    }
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Stops the node as Ctrl-C would (SIGTERM runs its shutdown hook), forcibly if it hangs. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Waits for the process to end by itself; its exit code, or -1 if it is still running. */
  int waitForExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  void kill() {
    process.destroyForcibly();
  }

  /** CPU time the process used so far, user and system (0 where the JDK cannot tell). */
  double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }
}
