package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import org.apache.commons.cli.Options;

final class GetBlockCountCommand implements Command {
  @Override
  public String description() {
    return "Prints the height of the best chain's tip (the genesis block is height 0), read from the"
        + " chain file: it works with or without a running node.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options());
  }

  @Override
  public int run(Args args) {
    NodeOptions node = args.node();
    Blockchain chain = node.openChain();
    try {
      System.out.println(chain.tip().height());
    } finally {
      chain.close();
    }
    return 0;
  }
}
