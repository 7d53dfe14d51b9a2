package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.ChainVerification;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "verifychain",
    header = "Check the chain file for damage",
    description =
        "As Bitcoin Core's verifychain: re-checks the last N blocks of the best chain (each block"
            + " against its hash and Merkle root, its undo data against the UTXO set), then the"
            + " address index against the UTXO set. Writes nothing. A node runs the check of the"
            + " last 6 blocks each time it starts.")
final class VerifyChainCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-checkblocks", "--checkblocks"},
      paramLabel = "N",
      defaultValue = "6",
      description =
          "how many blocks to check, from the tip down; 0: all (default: ${DEFAULT-VALUE})")
  int checkBlocks;

  @Override
  public Integer call() {
    if (checkBlocks < 0) {
      throw new UserError("-checkblocks must be 0 (all) or more, not " + checkBlocks);
    }
    Blockchain chain = node.openChainUnverified();
    try {
      ChainVerification.Report report = ChainVerification.verify(chain, checkBlocks, true);
      System.out.println(
          "No problems found: checked the last "
              + report.blocksChecked()
              + " blocks (tip at height "
              + report.tipHeight()
              + ") and "
              + report.addressEntries()
              + " address index entries.");
    } finally {
      chain.close();
    }
    return 0;
  }
}
