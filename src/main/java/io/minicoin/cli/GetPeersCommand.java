package io.minicoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "getpeers",
    header = "List the running node's peers",
    description =
        "Lists the peers of this node's running node: address, direction, the height they"
            + " announced and their software. Asks the node over its JSON-RPC (getpeerinfo).")
final class GetPeersCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-json", "--json"},
      description = "print the node's answer as JSON (Bitcoin Core's getpeerinfo)")
  boolean json;

  @Option(
      names = {"-rpcport", "--rpcport"},
      paramLabel = "PORT",
      description = "the node's JSON-RPC port (default: NODE_ID + 5000)")
  Integer rpcPort;

  @Override
  public Integer call() throws Exception {
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
