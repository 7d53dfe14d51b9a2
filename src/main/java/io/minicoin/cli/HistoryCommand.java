package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import org.apache.commons.cli.Options;

final class HistoryCommand implements Command {
  @Override
  public String description() {
    return "Lists every transaction of the best chain that pays ADDRESS or spends from it, oldest"
        + " first: height, txid, and the coins received (+) and sent (-). Change that comes"
        + " back to the address counts as received.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(Flags.required("address", "ADDRESS", "the address whose payments to list"))
            .addOption(
                Flags.flag(
                    "json",
                    "print JSON: an array of {height, txid, received, sent}, oldest first")));
  }

  @Override
  public int run(Args args) {
    Address address = args.address("address");
    boolean json = args.has("json");
    NodeOptions node = args.node();
    Blockchain chain = node.openChain();
    try {
      com.fasterxml.jackson.databind.node.ArrayNode all = io.minicoin.api.RpcJson.array();
      for (ChainLookup.Payment p : new ChainLookup(chain).history(address)) {
        if (json) {
          all.addObject()
              .put("height", p.height())
              .put("txid", p.txid().toString())
              .put("received", io.minicoin.api.RpcJson.coins(p.received()))
              .put("sent", io.minicoin.api.RpcJson.coins(p.sent()));
          continue;
        }
        StringBuilder line = new StringBuilder();
        line.append(String.format("height %-6d %s", p.height(), p.txid()));
        if (p.received().isPositive()) {
          line.append("  +").append(p.received());
        }
        if (p.sent().isPositive()) {
          line.append("  -").append(p.sent());
        }
        System.out.println(line);
      }
      if (json) {
        System.out.println(JsonViews.print(all));
      }
    } finally {
      chain.close();
    }
    return 0;
  }
}
