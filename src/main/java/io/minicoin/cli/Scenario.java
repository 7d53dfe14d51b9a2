package io.minicoin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's three-node story, run with real processes exactly as a user types it into three
 * terminals: a central node, a wallet node and a miner node, each with its own NODE_ID, files and
 * port. {@code minicoin demo} narrates it; the end-to-end test asserts it.
 */
final class Scenario {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path dir;
  private final int central;
  private final int wallet;
  private final int minerNode;
  private final PrintStream out;
  private final List<NodeProcess> running = new ArrayList<>();
  private Runnable atTheEnd;

  /**
   * What the story ends with: each address's balance as NODE wallet sees it, and each node's tip.
   */
  record Outcome(Map<String, String> balances, Map<Integer, String> tips, List<String> minerLog) {}

  Scenario(Path dir, int central, int wallet, int minerNode, PrintStream out) {
    this.dir = dir;
    this.central = central;
    this.wallet = wallet;
    this.minerNode = minerNode;
    this.out = out;
  }

  /**
   * Keeps all three nodes running at the end of the story until {@code waitForUser} returns, so a
   * learner can explore them in a browser; without it the nodes stop as soon as the story ends.
   */
  void keepRunningUntil(Runnable waitForUser) {
    this.atTheEnd = waitForUser;
  }

  Outcome run() throws IOException, InterruptedException {
    try {
      Outcome outcome = story();
      if (atTheEnd != null) {
        step(wallet, "startnode   (again, so that all three nodes can be explored)");
        node(wallet, "startnode", "-central=localhost:" + central); // already at the tip
        atTheEnd.run();
      }
      return outcome;
    } finally {
      stopAll();
    }
  }

  /** Stops every node this scenario started; safe to call twice (Ctrl-C and normal end). */
  void stopAll() {
    for (NodeProcess p : running) {
      p.kill();
    }
  }

  private Outcome story() throws IOException, InterruptedException {
    String centralArg = "-central=localhost:" + central;
    String centralAddr = address(cli(central, "createwallet"));
    step(central, "createwallet   -> CENTRAL = " + centralAddr);
    step(central, "createblockchain -address CENTRAL   (genesis pays 10 to CENTRAL)");
    cli(central, "createblockchain", "-address", centralAddr);
    step(central, "cp blockchain_" + central + ".db blockchain_genesis.db");
    Files.copy(dir.resolve("blockchain_" + central + ".db"), dir.resolve("blockchain_genesis.db"));

    List<String> wallets = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      wallets.add(address(cli(wallet, "createwallet")));
      step(wallet, "createwallet   -> WALLET_" + i + " = " + wallets.get(i - 1));
    }
    for (int i = 0; i < 2; i++) {
      step(central, "send -from CENTRAL -to WALLET_" + (i + 1) + " -amount 10 -mine");
      cli(central, "send", "-from", centralAddr, "-to", wallets.get(i), "-amount", "10", "-mine");
    }
    step(central, "startnode   (the central node; keeps running)");
    NodeProcess centralNode = node(central, "startnode", centralArg);
    centralNode.awaitLine("listening on", WAIT);

    step(
        wallet,
        "cp blockchain_genesis.db blockchain_"
            + wallet
            + ".db; startnode   (downloads the blocks; then stopped)");
    Files.copy(dir.resolve("blockchain_genesis.db"), dir.resolve("blockchain_" + wallet + ".db"));
    NodeProcess walletNode = node(wallet, "startnode", centralArg);
    walletNode.awaitLine("in sync at height 2", WAIT);
    stop(walletNode);
    showBalance(wallet, "WALLET_1", wallets.get(0));
    showBalance(wallet, "WALLET_2", wallets.get(1));
    showBalance(wallet, "CENTRAL", centralAddr);

    String minerAddr = address(cli(minerNode, "createwallet"));
    step(minerNode, "createwallet   -> MINER = " + minerAddr);
    step(
        minerNode,
        "cp blockchain_genesis.db blockchain_"
            + minerNode
            + ".db; startnode -miner MINER   (keeps running)");
    Files.copy(
        dir.resolve("blockchain_genesis.db"), dir.resolve("blockchain_" + minerNode + ".db"));
    // The seed's story has one block with both payments. On a busy machine the two sends may be
    // more than -max-wait's 10 s apart, and the first would be mined alone: wait longer here.
    NodeProcess miner =
        node(minerNode, "startnode", "-miner", minerAddr, centralArg, "-max-wait=600");
    miner.awaitLine("in sync at height 2", WAIT);
    centralNode.awaitLine("new node [^ ]*:" + minerNode + ";", WAIT);

    step(wallet, "send -from WALLET_1 -to WALLET_3 -amount 1   (no -mine: goes to the network)");
    cli(wallet, "send", "-from", wallets.get(0), "-to", wallets.get(2), "-amount", "1", centralArg);
    step(wallet, "send -from WALLET_2 -to WALLET_4 -amount 1");
    cli(wallet, "send", "-from", wallets.get(1), "-to", wallets.get(3), "-amount", "1", centralArg);

    step(
        minerNode,
        "(mines a block with both transactions and announces it; " + central + " accepts it)");
    miner.awaitLine("mined block .* with 2 transactions", WAIT);
    centralNode.awaitLine("new tip .* at height 3", WAIT);

    step(wallet, "startnode   (downloads the new block; then stopped)");
    walletNode = node(wallet, "startnode", centralArg);
    walletNode.awaitLine("in sync at height 3", WAIT);
    stop(walletNode);

    Map<String, String> balances = new LinkedHashMap<>();
    String[] names = {"WALLET_1", "WALLET_2", "WALLET_3", "WALLET_4"};
    for (int i = 0; i < 4; i++) {
      balances.put(names[i], showBalance(wallet, names[i], wallets.get(i)));
    }
    balances.put("MINER", showBalance(wallet, "MINER", minerAddr));
    balances.put("CENTRAL", showBalance(wallet, "CENTRAL", centralAddr));

    Map<Integer, String> tips = new LinkedHashMap<>();
    for (int id : new int[] {central, wallet, minerNode}) {
      tips.put(id, cli(id, "printchain", "-raw").lines().findFirst().orElse(""));
    }
    List<String> minerLog = miner.lines();
    out.println();
    out.println("Balances on NODE " + wallet + ":");
    balances.forEach((name, amount) -> out.printf("  %-9s %s%n", name, amount));
    out.println(
        "All three nodes on the same tip: " + (tips.values().stream().distinct().count() == 1));
    return new Outcome(balances, tips, minerLog);
  }

  private void step(int node, String what) {
    out.println("NODE " + node + "  " + what);
  }

  private String cli(int node, String... args) throws IOException, InterruptedException {
    return NodeProcess.run(dir, node, args);
  }

  private NodeProcess node(int node, String... args) throws IOException, InterruptedException {
    NodeProcess p = NodeProcess.start(dir, node, dir.resolve("node_" + node + ".log"), out, args);
    running.add(p);
    String api = p.awaitLine("explorer at ", WAIT);
    String url = api.substring(api.indexOf("explorer at ") + "explorer at ".length()).strip();
    out.println(
        "NODE " + node + "  explorer: " + url + "   (the live protocol view: " + url + "protocol)");
    return p;
  }

  private void stop(NodeProcess p) throws InterruptedException {
    p.stop();
    running.remove(p);
  }

  private String showBalance(int node, String name, String address)
      throws IOException, InterruptedException {
    String line = cli(node, "getbalance", "-address", address);
    String amount = line.substring(line.lastIndexOf(' ') + 1);
    out.println(
        "NODE " + node + "  getbalance -address " + name + "   -> " + line.replace(address, name));
    return amount;
  }

  private static String address(String createWalletOutput) {
    String prefix = "Your new address: ";
    int at = createWalletOutput.indexOf(prefix);
    if (at < 0) {
      throw new IllegalStateException("createwallet printed no address: " + createWalletOutput);
    }
    return createWalletOutput.substring(at + prefix.length()).strip();
  }
}
