package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import io.minicoin.core.UnspentOutput;
import java.util.List;
import org.apache.commons.cli.Options;

final class ListUnspentCommand implements Command {
  @Override
  public String description() {
    return "Lists the confirmed unspent outputs of every address in this node's wallet, or of"
        + " -address A (any address): one line each with txid:index, amount, address and"
        + " confirmations.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.value(
                    "address",
                    "ADDRESS",
                    "only this address's outputs (default: every address in the wallet)"))
            .addOption(
                Flags.flag("json", "print JSON with Bitcoin Core's listunspent fields instead")));
  }

  @Override
  public int run(Args args) {
    Address address = args.address("address");
    boolean json = args.has("json");
    NodeOptions node = args.node();
    List<Address> addresses = address != null ? List.of(address) : node.wallet().addresses();
    Blockchain chain = node.openChain();
    try {
      int tip = chain.tip().height();
      com.fasterxml.jackson.databind.node.ArrayNode all = io.minicoin.api.RpcJson.array();
      for (Address a : addresses) {
        for (UnspentOutput u : chain.unspentOf(a)) {
          if (json) {
            all.addObject()
                .put("txid", u.outPoint().txid().toString())
                .put("vout", u.outPoint().index())
                .put("address", a.toString())
                .put("scriptPubKey", u.output().scriptPubKey().toString())
                .put("amount", io.minicoin.api.RpcJson.coins(u.value()))
                .put("confirmations", tip - u.height() + 1);
            continue;
          }
          System.out.println(
              u.outPoint().txid()
                  + ":"
                  + u.outPoint().index()
                  + "  "
                  + u.value()
                  + "  "
                  + a
                  + "  "
                  + confirmations(tip - u.height() + 1));
        }
      }
      if (json) {
        System.out.println(JsonViews.print(all));
      }
    } finally {
      chain.close();
    }
    return 0;
  }

  static String confirmations(int n) {
    return n + (n == 1 ? " confirmation" : " confirmations");
  }
}
