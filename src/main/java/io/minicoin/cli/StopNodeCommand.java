package io.minicoin.cli;

import org.apache.commons.cli.Options;

final class StopNodeCommand implements Command {
  private NodeOptions node;
  private Integer rpcPort;

  @Override
  public String description() {
    return "Asks this node's running node to shut down cleanly, as Ctrl-C in its terminal would (it"
        + " saves its pool and closes its chain file). Uses its JSON-RPC (stop).";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.value(
                    "rpcport", "PORT", "the node's JSON-RPC port (default: NODE_ID + 5000)")));
  }

  @Override
  public int run(Args args) {
    rpcPort = args.integer("rpcport");
    node = args.node();
    new RpcClient(node, rpcPort).call("stop");
    System.out.println("Node " + node.port() + " is stopping");
    return 0;
  }
}
