package io.minicoin.cli;

import org.apache.commons.cli.Options;

final class StopNodeCommand implements Command {
  @Override
  public String description() {
    return "Asks this node's running node to shut down cleanly, as Ctrl-C in its terminal would (it"
        + " saves its pool and closes its chain file). Uses its JSON-RPC (stop).";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options().addOption(RpcClient.portFlag()));
  }

  @Override
  public int run(Args args) {
    Integer rpcPort = args.integer("rpcport");
    NodeOptions node = args.node();
    new RpcClient(node, rpcPort).call("stop");
    System.out.println("Node " + node.port() + " is stopping");
    return 0;
  }
}
