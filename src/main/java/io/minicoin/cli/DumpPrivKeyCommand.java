package io.minicoin.cli;

import io.minicoin.core.Address;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "dumpprivkey",
    header = "Print the private key of an address in this wallet (WIF)",
    description =
        "Prints the private key of ADDRESS in Bitcoin's wallet import format, as Bitcoin Core's"
            + " dumpprivkey does, so that importprivkey (here, on another node) or any Bitcoin"
            + " wallet can take it. Whoever sees it can spend the address's coins.")
final class DumpPrivKeyCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(
      index = "0",
      paramLabel = "ADDRESS",
      converter = Converters.AddressConverter.class,
      description = "an address of this node's wallet")
  Address address;

  @Override
  public Integer call() {
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
