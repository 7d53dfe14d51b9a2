package io.minicoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.cli.Options;

final class GetPeersCommand implements Command {
  @Override
  public String description() {
    return "Lists the peers of this node's running node: address, direction, the height they"
        + " announced and their software. Asks the node over its JSON-RPC (getpeerinfo).";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.flag("json", "print the node's answer as JSON (Bitcoin Core's getpeerinfo)"))
            .addOption(RpcClient.portFlag()));
  }

  @Override
  public int run(Args args) throws Exception {
    boolean json = args.has("json");
    Integer rpcPort = args.integer("rpcport");
    NodeOptions node = args.node();
    JsonNode peers = new RpcClient(node, rpcPort).call("getpeerinfo");
    if (json) {
      System.out.println(JsonViews.print(peers));
      return 0;
    }
    System.out.println(peers.size() + (peers.size() == 1 ? " peer" : " peers"));
    for (JsonNode p : peers) {
      System.out.println(
          p.path("addr").asText()
              + "  "
              + (p.path("inbound").asBoolean() ? "inbound " : "outbound")
              + "  height "
              + p.path("startingheight").asText()
              + "  "
              + p.path("subver").asText());
    }
    return 0;
  }
}
