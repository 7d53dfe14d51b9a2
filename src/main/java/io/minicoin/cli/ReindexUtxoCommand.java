package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import org.apache.commons.cli.Options;

final class ReindexUtxoCommand implements Command {
  @Override
  public String description() {
    return "Rebuilds the UTXO set, the address index and the transaction indexes (transaction"
        + " positions, spends, script histories) from the blocks.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options());
  }

  @Override
  public int run(Args args) {
    NodeOptions node = args.node();
    Blockchain chain = node.openChainUnverified();
    try {
      int count = chain.reindexUtxo();
      System.out.println("Done! There are " + count + " transactions in the UTXO set.");
    } finally {
      chain.close();
    }
    return 0;
  }
}
