package io.minicoin.cli;

import io.minicoin.core.Address;
import org.apache.commons.cli.Options;

final class DumpPrivKeyCommand implements Command {
  @Override
  public String description() {
    return "Prints the private key of ADDRESS in Bitcoin's wallet import format, as Bitcoin Core's"
        + " dumpprivkey does, so that importprivkey (here, on another node) or any Bitcoin"
        + " wallet can take it. Whoever sees it can spend the address's coins.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options());
  }

  @Override
  public Parameter parameter() {
    return new Parameter("ADDRESS", "an address of this node's wallet");
  }

  @Override
  public int run(Args args) {
    Address address = args.parameterAsAddress();
    NodeOptions node = args.node();
    System.out.println(
        node.wallet()
            .key(address)
            .orElseThrow(
                () ->
                    new UserError(
                        "address "
                            + address
                            + " is not in this node's wallet ("
                            + node.walletFile()
                            + ")"))
            .toWif());
    return 0;
  }
}
