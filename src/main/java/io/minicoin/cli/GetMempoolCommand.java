package io.minicoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.commons.cli.Options;

final class GetMempoolCommand implements Command {
  @Override
  public String description() {
    return "Lists what the pool of this node's running node holds: each transaction's txid, size,"
        + " fee and how long it has waited. Asks the node over its JSON-RPC (getrawmempool),"
        + " with the cookie file it wrote beside its chain file.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.flag(
                    "json", "print the node's answer as JSON (Bitcoin Core's getrawmempool true)"))
            .addOption(RpcClient.portFlag()));
  }

  @Override
  public int run(Args args) throws Exception {
    boolean json = args.has("json");
    Integer rpcPort = args.integer("rpcport");
    NodeOptions node = args.node();
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
