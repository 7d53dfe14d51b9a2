package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    header = "Rebuild the UTXO set, address index and transaction indexes from the blocks",
    name = "reindexutxo",
    description =
        "Rebuilds the UTXO set, the address index and the transaction indexes (transaction"
            + " positions, spends, script histories) from the blocks.")
final class ReindexUtxoCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Override
  public Integer call() {
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
