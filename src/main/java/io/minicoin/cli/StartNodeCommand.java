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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    header = "Run this node on port NODE_ID (Ctrl-C or stopnode stops it)",
    name = "startnode",
    description =
        "Starts this node: listens on port NODE_ID and syncs with the central node. Ctrl-C stops it.")
final class StartNodeCommand implements Callable<Integer> {
  /** The HTTP API listens on NODE_ID + this unless -rpcport says otherwise. */
  static final int API_PORT_OFFSET = 5000;

  @Mixin NodeOptions node;

  @Option(
      names = {"-miner", "--miner"},
      paramLabel = "ADDRESS",
      converter = Converters.AddressConverter.class,
      description = "mine blocks, paying the rewards to ADDRESS")
  Address miner;

  @Option(
      names = {"-central", "--central"},
      paramLabel = "HOST:PORT",
      defaultValue = "localhost:3000",
      description = "the central node every other node connects to (default: ${DEFAULT-VALUE})")
  String central;

  @Option(
      names = {"-bind", "--bind"},
      paramLabel = "HOST",
      defaultValue = "localhost",
      description = "the interface to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(
      names = {"-min-txs", "--min-txs"},
      paramLabel = "N",
      defaultValue = "2",
      description =
          "with -miner: mine once the pool holds N transactions (default: ${DEFAULT-VALUE})")
  int minTxs;

  @Option(
      names = {"-max-wait", "--max-wait"},
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "with -miner: also mine fewer than N transactions once the oldest has waited this long"
              + " (default: ${DEFAULT-VALUE})")
  int maxWait;

  @Option(
      names = {"-rpcport", "--rpcport"},
      paramLabel = "PORT",
      description = "the HTTP API's port (default: NODE_ID + 5000)")
  Integer rpcPort;

  @Option(
      names = {"-rpcbind", "--rpcbind"},
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "the interface the HTTP API listens on (default: ${DEFAULT-VALUE})")
  String rpcBind;

  @Option(
      names = {"-rpcuser", "--rpcuser"},
      paramLabel = "USER",
      description = "a JSON-RPC user besides the cookie file's (with -rpcpassword)")
  String rpcUser;

  @Option(
      names = {"-rpcpassword", "--rpcpassword"},
      paramLabel = "PASSWORD",
      description = "the password of -rpcuser")
  String rpcPassword;

  @Override
  public Integer call() throws IOException, InterruptedException {
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
    InetSocketAddress apiAddress = apiAddress();
    Node running = new Node(config, node.openChain());
    running.persistPoolIn(node.dir().resolve("mempool_" + node.port() + ".dat"));
    running.showDownloads(SyncBar.forThisTerminal());
    try {
      running.start();
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
    CountDownLatch stopRequested = new CountDownLatch(1);
    ApiServer api;
    try {
      api = NodeApi.start(running, node, apiAddress, rpcUser, rpcPassword, stopRequested);
    } catch (UserError e) {
      running.close();
      throw e;
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

  private InetSocketAddress apiAddress() {
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
