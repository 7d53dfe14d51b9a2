package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "startnode",
    description =
        "Starts this node: listens on port NODE_ID and syncs with the central node. Ctrl-C stops it.")
final class StartNodeCommand implements Callable<Integer> {
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

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (minTxs < 1) {
      throw new UserError("-min-txs must be at least 1");
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
            Duration.ofSeconds(1));
    Node running = new Node(config, node.openChain());
    try {
      running.start();
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }
}
