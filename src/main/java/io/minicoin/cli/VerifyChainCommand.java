package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.ChainVerification;
import org.apache.commons.cli.Options;

final class VerifyChainCommand implements Command {
  @Override
  public String description() {
    return "As Bitcoin Core's verifychain: re-checks the last N blocks of the best chain (each block"
        + " against its hash and Merkle root, its undo data against the UTXO set), then the"
        + " address index against the UTXO set. Writes nothing. A node runs the check of the"
        + " last 6 blocks each time it starts.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.value(
                    "checkblocks",
                    "N",
                    "how many blocks to check, from the tip down; 0: all (default: "
                        + ChainVerification.DEFAULT_CHECK_BLOCKS
                        + ")")));
  }

  @Override
  public int run(Args args) {
    int checkBlocks = args.integer("checkblocks", ChainVerification.DEFAULT_CHECK_BLOCKS);
    NodeOptions node = args.node();
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
              + " address index entries, and the running totals of "
              + report.scriptTotals()
              + " scripts.");
    } finally {
      chain.close();
    }
    return 0;
  }
}
