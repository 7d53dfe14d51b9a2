package io.minicoin.cli;

import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Blocks and transactions as the seed's tutorial printed them: each input's previous txid, output
 * index, signature and public key, and each output's value and locking script (with its address),
 * so a reader can follow a coin from the output that locks it to the input that unlocks it.
 */
final class TransactionView {
  private static final HexFormat HEX = HexFormat.of();

  private TransactionView() {}

  /**
   * @param spent the outputs the block's inputs spend, in input order (its undo data), or empty if
   *     unknown
   */
  static void printBlock(PrintStream out, Block block, int height, String note, List<TxOut> spent) {
    BlockHeader h = block.header();
    out.println("============ Block " + block.hash() + note + " ============");
    out.println("Height:      " + height);
    out.println("Prev. block: " + h.previous());
    out.println("Time:        " + Instant.ofEpochSecond(h.time()) + " (" + h.time() + ")");
    out.println("Bits:        " + CompactTarget.toHex(h.bits()));
    out.println("Nonce:       " + Integer.toUnsignedString(h.nonce()));
    out.println("Merkle root: " + h.merkleRoot());
    out.println("PoW:         " + h.meetsOwnTarget());
    out.println();
    int next = 0;
    for (Transaction tx : block.transactions()) {
      int n = tx.isCoinbase() ? 0 : tx.inputs().size();
      List<TxOut> mine = next + n <= spent.size() ? spent.subList(next, next + n) : List.of();
      next += n;
      printTransaction(out, tx, mine);
    }
    out.println();
  }

  /**
   * @param spent the outputs its inputs spend, in order, or empty if unknown
   */
  static void printTransaction(PrintStream out, Transaction tx, List<TxOut> spent) {
    out.println("--- Transaction " + tx.txid() + (tx.isCoinbase() ? " (coinbase)" : "") + ":");
    List<TxIn> inputs = tx.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      TxIn in = inputs.get(i);
      out.println("     Input " + i + ":");
      if (tx.isCoinbase()) {
        out.println("       Coinbase:  " + in.scriptSig());
        continue;
      }
      out.println("       TXID:      " + in.previous().txid());
      out.println("       Out:       " + in.previous().index());
      if (i < spent.size() && spent.get(i) != null) {
        TxOut coin = spent.get(i);
        out.println(
            "       Spends:    " + coin.value() + coin.address().map(a -> " of " + a).orElse(""));
      }
      List<byte[]> pushes = pushesOf(in);
      if (pushes.size() == 2) {
        out.println("       Signature: " + HEX.formatHex(pushes.get(0)));
        out.println("       PubKey:    " + HEX.formatHex(pushes.get(1)));
      } else {
        out.println("       Script:    " + in.scriptSig());
      }
    }
    List<TxOut> outputs = tx.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      TxOut o = outputs.get(i);
      out.println("     Output " + i + ":");
      out.println("       Value:     " + o.value());
      out.println("       Script:    " + o.scriptPubKey());
      o.address().ifPresent(a -> out.println("       Address:   " + a));
    }
  }

  private static List<byte[]> pushesOf(TxIn in) {
    try {
      return in.scriptSig().pushes();
    } catch (IllegalArgumentException e) {
      return List.of(); // not a P2PKH spend: shown as raw script
    }
  }
}
