package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "getblockcount",
    header = "Print the height of this node's best chain",
    description =
        "Prints the height of the best chain's tip (the genesis block is height 0), read from the"
            + " chain file: it works with or without a running node.")
final class GetBlockCountCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Override
  public Integer call() {
    Blockchain chain = node.openChain();
    try {
      System.out.println(chain.tip().height());
    } finally {
      chain.close();
    }
    return 0;
  }
}
