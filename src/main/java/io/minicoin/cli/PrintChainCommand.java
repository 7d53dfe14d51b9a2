package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainReader;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "printchain",
    description = "Prints every block of the best chain, from the tip down.")
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
    Block block = r.block(e.hash()).orElseThrow();
    BlockHeader h = block.header();
    out.println("============ Block " + e.hash() + (isTip ? " (tip)" : "") + " ============");
    out.println("Height:      " + e.height());
    out.println("Prev. block: " + h.previous());
    out.println("Time:        " + Instant.ofEpochSecond(h.time()) + " (" + h.time() + ")");
    out.println("Bits:        " + CompactTarget.toHex(h.bits()));
    out.println("Nonce:       " + Integer.toUnsignedString(h.nonce()));
    out.println("Merkle root: " + h.merkleRoot());
    out.println("PoW:         " + h.meetsOwnTarget());
    // The undo data holds exactly the outputs this block spent, in input order.
    List<UnspentOutput> spent = e.height() == 0 ? List.of() : r.undo(e.hash());
    int next = 0;
    for (Transaction tx : block.transactions()) {
      out.println("--- Transaction " + tx.txid() + (tx.isCoinbase() ? " (coinbase)" : ""));
      if (!tx.isCoinbase()) {
        for (int i = 0; i < tx.inputs().size(); i++) {
          UnspentOutput coin = spent.get(next++);
          out.println(
              "     Input "
                  + i
                  + ":  "
                  + coin.outPoint()
                  + "  "
                  + coin.value()
                  + " from "
                  + describe(coin.output()));
        }
      }
      for (int i = 0; i < tx.outputs().size(); i++) {
        TxOut o = tx.outputs().get(i);
        out.println("     Output " + i + ": " + o.value() + " to " + describe(o));
      }
    }
    out.println();
  }

  private static String describe(TxOut o) {
    return o.address().map(Object::toString).orElse("script " + o.scriptPubKey());
  }
}
