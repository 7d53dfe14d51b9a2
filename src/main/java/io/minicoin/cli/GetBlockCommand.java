package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.HeaderView;
import io.minicoin.core.Block;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

final class GetBlockCommand implements Command {
  @Override
  public String description() {
    return "Prints a block of this node's chain as printchain does, found by its hash (64 hex digits)"
        + " or by its height on the best chain. Reads the chain file: works with or without a"
        + " running node.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.flag("json", "print JSON with Bitcoin Core's getblock fields instead")));
  }

  @Override
  public Parameter parameter() {
    return new Parameter("HASH|HEIGHT", "the block's hash, or its height on the best chain");
  }

  @Override
  public int run(Args args) {
    String which = args.parameter();
    boolean json = args.has("json");
    NodeOptions node = args.node();
    Blockchain chain = node.openChain();
    try {
      Block block =
          find(chain, which)
              .orElseThrow(() -> new UserError("no block " + which + " in " + node.chainFile()));
      HeaderView entry = chain.header(block.hash()).orElseThrow();
      boolean best = chain.isOnBestChain(block.hash());
      if (json) {
        int confirmations = best ? chain.tip().height() - entry.height() + 1 : -1;
        System.out.println(JsonViews.print(JsonViews.block(block, entry, confirmations)));
        return 0;
      }
      String note =
          best
              ? (entry.height() == chain.tip().height() ? " (tip)" : "")
              : " (not on the best chain)";
      // The outputs the block spent, as kept to undo it (none for a block never connected).
      List<TxOut> spent =
          best && entry.height() > 0
              ? chain.spentBy(block.hash()).stream().map(UnspentOutput::output).toList()
              : List.of();
      TransactionView.printBlock(System.out, block, entry.height(), note, spent);
    } finally {
      chain.close();
    }
    return 0;
  }

  private static Optional<Block> find(Blockchain chain, String which) {
    if (which.matches("[0-9]{1,10}")) {
      long height = Long.parseLong(which);
      if (height > chain.tip().height()) {
        throw new UserError(
            "no block at height " + which + ": the best chain's height is " + chain.tip().height());
      }
      return new ChainLookup(chain).blockAt((int) height);
    }
    if (!which.matches("[0-9a-fA-F]{64}")) {
      throw new UserError(
          "'" + which + "' is neither a block hash (64 hex digits) nor a height (a number)");
    }
    try {
      return chain.block(Sha256Hash.fromHex(which));
    } catch (IllegalArgumentException e) {
      throw new UserError("'" + which + "' is not a block hash: " + e.getMessage());
    }
  }
}
