package io.minicoin.chain;

import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.ChainWriter;
import io.minicoin.store.HistoryRow;
import io.minicoin.store.ScriptTotals;
import io.minicoin.store.Spender;
import io.minicoin.store.TxLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the explorer's indexes in step with the best chain: where each transaction is, which input
 * spent each output, every script's history (what it received and what spent it) and its running
 * totals (its balance, and Esplora's {@code chain_stats}). Called in the same store transaction
 * that connects or disconnects a block, so the indexes never disagree with the UTXO set; {@code
 * reindexutxo} rebuilds them through the same code.
 */
final class IndexUpdate {
  private IndexUpdate() {}

  /**
   * Indexes a block that has just joined the best chain.
   *
   * @param spent the outputs its inputs spent, in input order (the block's undo data)
   */
  static void connect(ChainWriter w, Block block, int height, List<UnspentOutput> spent) {
    visit(w, block, height, spent, true);
  }

  /** Undoes {@link #connect} for a block leaving the best chain. */
  static void disconnect(ChainWriter w, Block block, int height, List<UnspentOutput> spent) {
    visit(w, block, height, spent, false);
  }

  private static void visit(
      ChainWriter w, Block block, int height, List<UnspentOutput> spent, boolean add) {
    List<Transaction> txs = block.transactions();
    int next = 0;
    for (int pos = 0; pos < txs.size(); pos++) {
      Transaction tx = txs.get(pos);
      TxTotals totals = new TxTotals();
      if (add) {
        w.putTxLocation(tx.txid(), new TxLocation(block.hash(), pos));
      } else {
        w.deleteTxLocation(tx.txid());
      }
      if (!tx.isCoinbase()) {
        for (int vin = 0; vin < tx.inputs().size(); vin++) {
          UnspentOutput coin = spent.get(next++);
          HistoryRow row =
              new HistoryRow(
                  scriptHash(coin.output()),
                  height,
                  pos,
                  false,
                  vin,
                  tx.txid(),
                  coin.value().units(),
                  coin.outPoint());
          totals.add(row.scriptHash(), ScriptTotals.spending(row.value()));
          if (add) {
            w.putSpender(coin.outPoint(), new Spender(tx.txid(), vin));
            w.putHistory(row);
          } else {
            w.deleteSpender(coin.outPoint());
            w.deleteHistory(row);
          }
        }
      }
      for (int vout = 0; vout < tx.outputs().size(); vout++) {
        TxOut out = tx.outputs().get(vout);
        HistoryRow row =
            new HistoryRow(
                scriptHash(out), height, pos, true, vout, tx.txid(), out.value().units(), null);
        totals.add(row.scriptHash(), ScriptTotals.funding(row.value()));
        if (add) {
          w.putHistory(row);
        } else {
          w.deleteHistory(row);
        }
      }
      totals.writeTo(w, add);
    }
    if (next != spent.size()) {
      throw new IllegalStateException(
          "undo data of " + block.hash() + " does not match its transactions");
    }
  }

  /**
   * What one transaction changes in its scripts' running totals: each script it touches counts the
   * transaction once, however many of its outputs or inputs it has.
   */
  private static final class TxTotals {
    private final Map<Sha256Hash, ScriptTotals> byScript = new HashMap<>(8);

    void add(byte[] scriptHash, ScriptTotals change) {
      byScript.merge(
          Sha256Hash.wrap(scriptHash), change.plusOneTransaction(), TxTotals::plusSameTransaction);
    }

    /** Adds a further output or input of the same transaction: counted once already. */
    private static ScriptTotals plusSameTransaction(ScriptTotals a, ScriptTotals b) {
      return a.plus(
          new ScriptTotals(b.fundedCount(), b.fundedSum(), b.spentCount(), b.spentSum(), 0));
    }

    void writeTo(ChainWriter w, boolean add) {
      byScript.forEach((script, t) -> w.addTotals(script, add ? t : t.negate()));
    }
  }

  static byte[] scriptHash(TxOut out) {
    return Hashes.sha256(out.scriptPubKey().bytes());
  }
}
