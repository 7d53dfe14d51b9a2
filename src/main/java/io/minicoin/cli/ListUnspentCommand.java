package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import io.minicoin.core.UnspentOutput;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "listunspent",
    header = "List unspent outputs (coins) of this wallet or of one address",
    description =
        "Lists the confirmed unspent outputs of every address in this node's wallet, or of"
            + " -address A (any address): one line each with txid:index, amount, address and"
            + " confirmations.")
final class ListUnspentCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-address", "--address"},
      paramLabel = "ADDRESS",
      converter = Converters.AddressConverter.class,
      description = "only this address's outputs (default: every address in the wallet)")
  Address address;

  @Option(
      names = {"-json", "--json"},
      description = "print JSON with Bitcoin Core's listunspent fields instead")
  boolean json;

  @Override
  public Integer call() {
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
