package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainReader;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    header = "Print every block of the best chain, from the tip down",
    name = "printchain",
    description = {
      "Prints every block of the best chain, from the tip down: its header, then each"
          + " transaction as the tutorial showed it (each input's previous output, signature and"
          + " public key; each output's value, locking script and address)."
    })
final class PrintChainCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-raw", "--raw"},
      description = "one line per block: its serialization in hex")
  boolean raw;

  @Override
  public Integer call() {
    Blockchain chain = node.openChain();
    PrintStream out = System.out;
    try {
      chain
          .store()
          .read(
              r -> {
                BlockIndexEntry tip = r.tip();
                for (int h = tip.height(); h >= 0; h--) {
                  BlockIndexEntry e = r.entry(r.hashAt(h).orElseThrow()).orElseThrow();
                  if (raw) {
                    out.println(HexFormat.of().formatHex(r.rawBlock(e.hash()).orElseThrow()));
                  } else {
                    print(out, r, e, e.hash().equals(tip.hash()));
                  }
                }
                return null;
              });
    } finally {
      chain.close();
    }
    return 0;
  }

  private static void print(PrintStream out, ChainReader r, BlockIndexEntry e, boolean isTip) {
    // The undo data holds exactly the outputs this block spent, in input order.
    List<TxOut> spent =
        e.height() == 0 ? List.of() : r.undo(e.hash()).stream().map(UnspentOutput::output).toList();
    TransactionView.printBlock(
        out, r.block(e.hash()).orElseThrow(), e.height(), isTip ? " (tip)" : "", spent);
  }
}
