package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.HeaderView;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.cli.Options;

final class PrintChainCommand implements Command {
  @Override
  public String description() {
    return "Prints every block of the best chain, from the tip down: its header, then each"
        + " transaction as the tutorial showed it (each input's previous output, signature and"
        + " public key; each output's value, locking script and address).";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options().addOption(Flags.flag("raw", "one line per block: its serialization in hex")));
  }

  @Override
  public int run(Args args) {
    boolean raw = args.has("raw");
    NodeOptions node = args.node();
    Blockchain chain = node.openChain();
    PrintStream out = System.out;
    try {
      HeaderView tip = chain.tip();
      for (int h = tip.height(); h >= 0; h--) {
        Sha256Hash hash = chain.requireHashAt(h);
        if (raw) {
          out.println(HexFormat.of().formatHex(chain.requireRawBlock(hash)));
        } else {
          print(out, chain, hash, h, hash.equals(tip.hash()));
        }
      }
    } finally {
      chain.close();
    }
    return 0;
  }

  private static void print(
      PrintStream out, Blockchain chain, Sha256Hash hash, int height, boolean isTip) {
    // The outputs this block spent, in input order, as kept to undo it.
    List<TxOut> spent =
        height == 0 ? List.of() : chain.spentBy(hash).stream().map(UnspentOutput::output).toList();
    TransactionView.printBlock(out, chain.requireBlock(hash), height, isTip ? " (tip)" : "", spent);
  }
}
