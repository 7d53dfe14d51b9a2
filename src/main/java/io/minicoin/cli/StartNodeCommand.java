package io.minicoin.cli;

import io.minicoin.api.ApiServer;
import io.minicoin.core.Address;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.Options;

final class StartNodeCommand implements Command {
  /** The HTTP API listens on NODE_ID + this unless -rpcport says otherwise. */
  static final int API_PORT_OFFSET = 5000;

  /** Every node connects to the central node; send without -mine falls back on it too. */
  static final String DEFAULT_CENTRAL = "localhost:3000";

  private static final String DEFAULT_BIND = "localhost";
  private static final int DEFAULT_MIN_TXS = 2;
  private static final int DEFAULT_MAX_WAIT = 10;
  private static final String DEFAULT_RPC_BIND = "127.0.0.1";

  @Override
  public String description() {
    return "Starts this node: listens on port NODE_ID and syncs with the central node. Ctrl-C"
        + " stops it.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.value("miner", "ADDRESS", "mine blocks, paying the rewards to ADDRESS"))
            .addOption(
                Flags.value(
                    "central",
                    "HOST:PORT",
                    "the central node every other node connects to (default: "
                        + DEFAULT_CENTRAL
                        + ")"))
            .addOption(
                Flags.value(
                    "bind", "HOST", "the interface to listen on (default: " + DEFAULT_BIND + ")"))
            .addOption(
                Flags.value(
                    "min-txs",
                    "N",
                    "with -miner: mine once the pool holds N transactions (default: "
                        + DEFAULT_MIN_TXS
                        + ")"))
            .addOption(
                Flags.value(
                    "max-wait",
                    "SECONDS",
                    "with -miner: also mine fewer than N transactions once the oldest has waited"
                        + " this long (default: "
                        + DEFAULT_MAX_WAIT
                        + ")"))
            .addOption(
                Flags.value(
                    "rpcport",
                    "PORT",
                    "the HTTP API's port (default: NODE_ID + " + API_PORT_OFFSET + ")"))
            .addOption(
                Flags.value(
                    "rpcbind",
                    "HOST",
                    "the interface the HTTP API listens on (default: " + DEFAULT_RPC_BIND + ")"))
            .addOption(
                Flags.value(
                    "rpcuser",
                    "USER",
                    "a JSON-RPC user besides the cookie file's (with -rpcpassword)"))
            .addOption(Flags.value("rpcpassword", "PASSWORD", "the password of -rpcuser")));
  }

  @Override
  public int run(Args args) throws IOException, InterruptedException {
    Address miner = args.address("miner");
    String central = args.text("central", DEFAULT_CENTRAL);
    String bind = args.text("bind", DEFAULT_BIND);
    int minTxs = args.integer("min-txs", DEFAULT_MIN_TXS);
    int maxWait = args.integer("max-wait", DEFAULT_MAX_WAIT);
    Integer rpcPort = args.integer("rpcport");
    String rpcBind = args.text("rpcbind", DEFAULT_RPC_BIND);
    String rpcUser = args.text("rpcuser", null);
    String rpcPassword = args.text("rpcpassword", null);
    NodeOptions node = args.node();
    if (minTxs < 1) {
      throw new UserError("-min-txs must be at least 1");
    }
    if (maxWait < 0) {
      throw new UserError("-max-wait must be 0 or more seconds");
    }
    HostPort centralAddress;
    try {
      centralAddress = HostPort.parse(central);
    } catch (IllegalArgumentException e) {
      throw new UserError("bad -central: " + e.getMessage());
    }
    NodeConfig config =
        new NodeConfig(
            node.port(),
            bind,
            centralAddress,
            Optional.ofNullable(miner),
            minTxs,
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(maxWait));
    InetSocketAddress apiAddress = apiAddress(node, rpcPort, rpcBind);
    Node running = new Node(config, node.openChain());
    running.persistPoolIn(node.dir().resolve("mempool_" + node.port() + ".dat"));
    running.showDownloads(SyncBar.forThisTerminal());
    try {
      running.listen();
    } catch (UnknownHostException e) {
      running.close();
      throw new UserError(e.getMessage());
    } catch (BindException e) {
      running.close();
      throw new UserError(
          "cannot listen on "
              + bind
              + ":"
              + node.port()
              + ": "
              + e.getMessage()
              + " (is this node already running?)");
    }
    // The API before the first connection (see Node.listen): an API port in use stops the node
    // before it has dialled anyone, and the API answers from the node's first block on.
    CountDownLatch stopRequested = new CountDownLatch(1);
    ApiServer api;
    try {
      api = NodeApi.start(running, node, apiAddress, rpcUser, rpcPassword, stopRequested);
    } catch (UserError e) {
      running.close();
      throw e;
    }
    try {
      running.start();
    } catch (IOException e) {
      api.close();
      running.close();
      throw new UserError("the node could not start: " + e.getMessage());
    }
    Thread hook =
        new Thread(
            () -> {
              api.close();
              running.close();
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // Ctrl-C ends the process in the hook; the RPC 'stop' or a storage failure ends this wait.
    Thread failureWatch =
        new Thread(
            () -> {
              try {
                running.awaitStopped();
              } catch (InterruptedException e) {
                return;
              }
              stopRequested.countDown();
            },
            "node-stopped");
    failureWatch.setDaemon(true);
    failureWatch.start();
    stopRequested.await();
    api.close();
    running.close();
    if (running.failure().isPresent()) {
      throw new UserError("the node stopped: " + running.failure().get());
    }
    return 0;
  }

  private static InetSocketAddress apiAddress(NodeOptions node, Integer rpcPort, String rpcBind) {
    int port = rpcPort != null ? rpcPort : node.port() + API_PORT_OFFSET;
    if (port < 1 || port > 65535) {
      throw new UserError(
          rpcPort != null
              ? "-rpcport " + rpcPort + " is not a port number (1-65535)"
              : "NODE_ID + 5000 = " + port + " is not a port: choose the API's port with -rpcport");
    }
    InetAddress host;
    try {
      host = InetAddress.getByName(rpcBind);
    } catch (UnknownHostException e) {
      throw new UserError("bad -rpcbind: cannot resolve '" + rpcBind + "'");
    }
    return new InetSocketAddress(host, port);
  }
}
