package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "history",
    header = "List every confirmed payment in and out of an address",
    description =
        "Lists every transaction of the best chain that pays ADDRESS or spends from it, oldest"
            + " first: height, txid, and the coins received (+) and sent (-). Change that comes"
            + " back to the address counts as received.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-address", "--address"},
      required = true,
      paramLabel = "ADDRESS",
      converter = Converters.AddressConverter.class,
      description = "the address whose payments to list")
  Address address;

  @Option(
      names = {"-json", "--json"},
      description = "print JSON: an array of {height, txid, received, sent}, oldest first")
  boolean json;

  @Override
  public Integer call() {
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
