package io.minicoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "getmempool",
    header = "List the transactions in the running node's pool",
    description =
        "Lists what the pool of this node's running node holds: each transaction's txid, size,"
            + " fee and how long it has waited. Asks the node over its JSON-RPC (getrawmempool),"
            + " with the cookie file it wrote beside its chain file.")
final class GetMempoolCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-json", "--json"},
      description = "print the node's answer as JSON (Bitcoin Core's getrawmempool true)")
  boolean json;

  @Option(
      names = {"-rpcport", "--rpcport"},
      paramLabel = "PORT",
      description = "the node's JSON-RPC port (default: NODE_ID + 5000)")
  Integer rpcPort;

  @Override
  public Integer call() throws Exception {
    JsonNode pool = new RpcClient(node, rpcPort).call("getrawmempool", true);
    if (json) {
      System.out.println(JsonViews.print(pool));
      return 0;
    }
    System.out.println(pool.size() + (pool.size() == 1 ? " transaction" : " transactions"));
    long now = System.currentTimeMillis() / 1000;
    for (Map.Entry<String, JsonNode> e : pool.properties()) {
      JsonNode t = e.getValue();
      System.out.println(
          e.getKey()
              + "  "
              + t.path("vsize").asLong()
              + " bytes  fee "
              + t.path("fees").path("base").decimalValue().stripTrailingZeros().toPlainString()
              + "  waiting "
              + Math.max(0, now - t.path("time").asLong())
              + " s");
    }
    return 0;
  }
}
