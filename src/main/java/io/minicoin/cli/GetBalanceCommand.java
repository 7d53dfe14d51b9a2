package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    header = "Print an address's balance (and what is pending in the pool)",
    name = "getbalance",
    description = "Prints the balance of ADDRESS on this node's best chain.")
final class GetBalanceCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-address", "--address"},
      required = true,
      paramLabel = "ADDRESS",
      converter = Converters.AddressConverter.class,
      description = "the address whose balance to print")
  Address address;

  @Override
  public Integer call() {
    Blockchain chain = node.openChain();
    try {
      System.out.println("Balance of '" + address + "': " + chain.balance(address));
      // The second line, when this node runs: what its pool will add or take once mined.
      Optional<PoolView> pool = PoolView.ofRunningNode(node);
      if (pool.isPresent()) {
        Amount pending = pool.get().pending(address, chain.unspentOf(address));
        if (!pending.equals(Amount.ZERO)) {
          System.out.println(
              "Pending: "
                  + (pending.isNegative() ? "-" + Amount.ZERO.minus(pending) : "+" + pending)
                  + " (unconfirmed, in node "
                  + node.port()
                  + "'s pool)");
        }
      }
    } finally {
      chain.close();
    }
    return 0;
  }
}
