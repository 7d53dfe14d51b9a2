package io.minicoin.chain;

import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.UnspentOutput;
import io.minicoin.store.ChainWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a block changes the UTXO set, forwards and backwards. Connecting, disconnecting and {@code
 * reindexutxo} all go through here, so a rebuilt set is the same as an incrementally kept one by
 * construction.
 */
final class UtxoSet {
  private UtxoSet() {}

  /**
   * Spends {@code tx}'s inputs, adds its outputs, and appends the spent outputs to {@code undo}.
   */
  static void apply(ChainWriter w, Transaction tx, int height, List<UnspentOutput> undo) {
    apply(w, tx, height, undo, w::unspent);
  }

  /**
   * {@link #apply(ChainWriter, Transaction, int, List)} with the spent outputs found in {@code
   * spent}: connecting a block has just looked them up to check the transaction, and reading each
   * again from the store was two of the twenty-odd store calls of a block of two payments.
   */
  static void apply(
      ChainWriter w, Transaction tx, int height, List<UnspentOutput> undo, UtxoView spent) {
    if (!tx.isCoinbase()) {
      for (TxIn in : tx.inputs()) {
        UnspentOutput coin =
            spent
                .unspent(in.previous())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "validated input " + in.previous() + " is not in the UTXO set"));
        w.removeUnspent(coin);
        undo.add(coin);
      }
    }
    for (int i = 0; i < tx.outputs().size(); i++) {
      w.addUnspent(
          new UnspentOutput(
              new OutPoint(tx.txid(), i), tx.outputs().get(i), height, tx.isCoinbase()));
    }
  }

  /** Applies a whole block without checking it (it was checked when it was first connected). */
  static List<UnspentOutput> apply(ChainWriter w, Block block, int height) {
    List<UnspentOutput> undo = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      apply(w, tx, height, undo);
    }
    return undo;
  }

  /**
   * Undoes {@link #apply(ChainWriter, Block, int)}: last transaction first, spent outputs put back.
   */
  static void revert(ChainWriter w, Block block, int height, List<UnspentOutput> undo) {
    int next = undo.size();
    List<Transaction> txs = block.transactions();
    for (int t = txs.size() - 1; t >= 0; t--) {
      Transaction tx = txs.get(t);
      for (int i = 0; i < tx.outputs().size(); i++) {
        w.removeUnspent(
            new UnspentOutput(
                new OutPoint(tx.txid(), i), tx.outputs().get(i), height, tx.isCoinbase()));
      }
      if (!tx.isCoinbase()) {
        next -= tx.inputs().size();
        for (int i = 0; i < tx.inputs().size(); i++) {
          w.addUnspent(undo.get(next + i));
        }
      }
    }
    if (next != 0) {
      throw new IllegalStateException(
          "undo data of " + block.hash() + " does not match its transactions");
    }
  }
}
