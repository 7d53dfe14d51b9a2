package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import java.util.Optional;
import org.apache.commons.cli.Options;

final class GetBalanceCommand implements Command {
  @Override
  public String description() {
    return "Prints the balance of ADDRESS on this node's best chain.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(Flags.required("address", "ADDRESS", "the address whose balance to print")));
  }

  @Override
  public int run(Args args) {
    Address address = args.address("address");
    NodeOptions node = args.node();
    Blockchain chain = node.openChain();
    try {
      System.out.println("Balance of '" + address + "': " + chain.balance(address));
      // The second line, when this node runs: what its pool will add or take once mined.
      Optional<PoolView> pool = PoolView.ofRunningNode(node);
      if (pool.isPresent()) {
        Amount pending = pool.get().pending(address, chain::unspent);
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
