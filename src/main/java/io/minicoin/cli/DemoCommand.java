package io.minicoin.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.Options;

final class DemoCommand implements Command {
  private static final int DEFAULT_BASE_PORT = 3000;

  @Override
  public String description() {
    return "Runs the seed's three-node scenario by itself, with real node processes, in a new"
        + " temporary directory.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(
            Flags.value(
                "base-port",
                "PORT",
                "the central node's port; the wallet and miner nodes use the next two (default: "
                    + DEFAULT_BASE_PORT
                    + ")"));
  }

  @Override
  public int run(Args args) throws IOException, InterruptedException {
    int basePort = args.integer("base-port", DEFAULT_BASE_PORT);
    for (int port = basePort; port < basePort + 3; port++) {
      for (int p : new int[] {port, port + StartNodeCommand.API_PORT_OFFSET}) {
        if (!isFree(p)) {
          throw new UserError(
              "port " + p + " is in use (another node running?): pick others with -base-port 4000");
        }
      }
    }
    Path dir = Files.createTempDirectory("minicoin-demo-");
    System.out.println(
        "minicoin demo: the seed's scenario, three nodes as three processes, in " + dir);
    System.out.println();
    Scenario scenario = new Scenario(dir, basePort, basePort + 1, basePort + 2, System.out);
    if (Terminal.isTerminal()) {
      // In a terminal the nodes stay up for the learner; from a script or a test it ends as before.
      scenario.keepRunningUntil(DemoCommand::waitForEnter);
    }
    Thread cleanup = new Thread(scenario::stopAll, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C stops the nodes too
    try {
      scenario.run();
    } catch (IllegalStateException e) {
      throw new UserError(
          "the demo failed: " + e.getMessage() + "\n(node logs are in " + dir + ")");
    }
    System.out.println("Node logs and files are in " + dir);
    return 0;
  }

  private static void waitForEnter() {
    System.out.println();
    System.out.println(
        "The three nodes keep running: open the explorer URLs above in a browser (the central"
            + " node's /protocol shows every message as it happens).");
    System.out.println("Press Enter (or Ctrl-C) to stop them.");
    try {
      int c;
      do {
        c = System.in.read();
      } while (c != '\n' && c != -1);
    } catch (IOException e) {
      // stdin closed: stop the nodes
    }
  }

  private static boolean isFree(int port) {
    try {
      new ServerSocket(port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
