package io.minicoin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "stopnode",
    header = "Stop the running node cleanly",
    description =
        "Asks this node's running node to shut down cleanly, as Ctrl-C in its terminal would (it"
            + " saves its pool and closes its chain file). Uses its JSON-RPC (stop).")
final class StopNodeCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-rpcport", "--rpcport"},
      paramLabel = "PORT",
      description = "the node's JSON-RPC port (default: NODE_ID + 5000)")
  Integer rpcPort;

  @Override
  public Integer call() {
    new RpcClient(node, rpcPort).call("stop");
    System.out.println("Node " + node.port() + " is stopping");
    return 0;
  }
}
