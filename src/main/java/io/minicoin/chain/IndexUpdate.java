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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
          byte[] script = scriptHash(coin.output());
          HistoryRow row =
              new HistoryRow(
                  script,
                  height,
                  pos,
                  false,
                  vin,
                  tx.txid(),
                  coin.value().units(),
                  coin.outPoint());
          totals.add(script, false, coin.value().units());
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
        byte[] script = scriptHash(out);
        HistoryRow row =
            new HistoryRow(script, height, pos, true, vout, tx.txid(), out.value().units(), null);
        totals.add(script, true, out.value().units());
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
    // A transaction touches one to three scripts: a short list beats a hash map here (this runs
    // for every transaction of a download).
    private final List<byte[]> scripts = new ArrayList<>(4);
    private final List<long[]> sums = new ArrayList<>(4); // funded count, sum, spent count, sum

    void add(byte[] scriptHash, boolean funding, long value) {
      int i = 0;
      while (i < scripts.size() && !Arrays.equals(scripts.get(i), scriptHash)) {
        i++;
      }
      if (i == scripts.size()) {
        scripts.add(scriptHash);
        sums.add(new long[4]);
      }
      long[] s = sums.get(i);
      int at = funding ? 0 : 2;
      s[at]++;
      s[at + 1] = Math.addExact(s[at + 1], value);
    }

    void writeTo(ChainWriter w, boolean add) {
      for (int i = 0; i < scripts.size(); i++) {
        long[] s = sums.get(i);
        ScriptTotals t = new ScriptTotals(s[0], s[1], s[2], s[3], 1);
        w.addTotals(Sha256Hash.wrap(scripts.get(i)), add ? t : t.negate());
      }
    }
  }

  static byte[] scriptHash(TxOut out) {
    return Hashes.sha256(out.scriptPubKey().bytes());
  }
}
