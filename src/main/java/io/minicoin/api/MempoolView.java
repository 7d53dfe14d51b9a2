package io.minicoin.api;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Mempool;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.TransactionIndex.Stats;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pool as Esplora shows it: each transaction with the outputs it spends, newest first, and what
 * the pool adds to or takes from a script. The pool is bounded (a few thousand transactions), so
 * walking it per request is cheap; the chain side comes from the indexes.
 */
final class MempoolView {
  /**
   * A pool transaction, its fee, and the outputs its inputs spend (null where unknown), looked up
   * only when asked for: listing the pool needs none of them.
   */
  final class PoolTx {
    private final Transaction tx;
    private final Amount fee;
    private List<TxOut> prevouts;

    PoolTx(Transaction tx, Amount fee) {
      this.tx = tx;
      this.fee = fee;
    }

    Transaction tx() {
      return tx;
    }

    Amount fee() {
      return fee;
    }

    List<TxOut> prevouts() {
      if (prevouts == null) {
        prevouts = MempoolView.this.prevouts(tx);
      }
      return prevouts;
    }
  }

  private final Blockchain chain;
  private final Mempool pool;

  MempoolView(Blockchain chain, Mempool pool) {
    this.chain = chain;
    this.pool = pool;
  }

  /** Every pool transaction, newest first. */
  List<PoolTx> newestFirst() {
    List<Mempool.Entry> entries = pool.entries();
    List<PoolTx> out = new ArrayList<>(entries.size());
    for (int i = entries.size() - 1; i >= 0; i--) {
      Mempool.Entry e = entries.get(i);
      out.add(new PoolTx(e.tx(), e.fee()));
    }
    return out;
  }

  Optional<PoolTx> get(Sha256Hash txid) {
    return pool.entry(txid).map(e -> new PoolTx(e.tx(), e.fee()));
  }

  /** The outputs {@code tx} spends, from the UTXO set or the pool; null for one in neither. */
  List<TxOut> prevouts(Transaction tx) {
    if (tx.isCoinbase()) {
      return List.of();
    }
    List<TxOut> out = new ArrayList<>(tx.inputs().size());
    for (TxIn in : tx.inputs()) {
      out.add(output(in.previous()).orElse(null));
    }
    return out;
  }

  private Optional<TxOut> output(OutPoint p) {
    Optional<UnspentOutput> coin = chain.unspent(p);
    if (coin.isPresent()) {
      return Optional.of(coin.get().output());
    }
    return pool.get(p.txid())
        .filter(t -> p.index() < t.outputs().size())
        .map(t -> t.outputs().get((int) p.index()));
  }

  /** Pool transactions that pay or spend the script, newest first, at most {@code limit}. */
  List<PoolTx> history(byte[] scriptHash, int limit) {
    List<PoolTx> out = new ArrayList<>();
    for (PoolTx t : newestFirst()) {
      if (out.size() == limit) {
        break;
      }
      if (touches(t, scriptHash)) {
        out.add(t);
      }
    }
    return out;
  }

  /** What the pool adds to and takes from the script: Esplora's {@code mempool_stats}. */
  Stats stats(byte[] scriptHash) {
    int funded = 0;
    int spent = 0;
    long fundedSum = 0;
    long spentSum = 0;
    int txs = 0;
    for (PoolTx t : newestFirst()) {
      boolean touched = false;
      for (TxOut out : t.tx().outputs()) {
        if (matches(out, scriptHash)) {
          funded++;
          fundedSum += out.value().units();
          touched = true;
        }
      }
      for (TxOut prev : t.prevouts()) {
        if (prev != null && matches(prev, scriptHash)) {
          spent++;
          spentSum += prev.value().units();
          touched = true;
        }
      }
      txs += touched ? 1 : 0;
    }
    return new Stats(funded, fundedSum, spent, spentSum, txs);
  }

  /** Outputs to the script made by pool transactions and not spent by another. */
  List<UnspentOutput> unspent(byte[] scriptHash) {
    List<UnspentOutput> out = new ArrayList<>();
    for (PoolTx t : newestFirst()) {
      for (int i = 0; i < t.tx().outputs().size(); i++) {
        OutPoint p = new OutPoint(t.tx().txid(), i);
        if (matches(t.tx().outputs().get(i), scriptHash) && pool.spender(p).isEmpty()) {
          out.add(new UnspentOutput(p, t.tx().outputs().get(i), -1, false));
        }
      }
    }
    return out;
  }

  boolean spentInPool(OutPoint p) {
    return pool.spender(p).isPresent();
  }

  /** The pool transaction spending {@code p} and the input that does. */
  Optional<Spend> spender(OutPoint p) {
    return pool.spender(p)
        .flatMap(pool::get)
        .map(
            tx -> {
              for (int i = 0; i < tx.inputs().size(); i++) {
                if (tx.inputs().get(i).previous().equals(p)) {
                  return new Spend(tx, i);
                }
              }
              throw new IllegalStateException(tx.txid() + " does not spend " + p);
            });
  }

  record Spend(Transaction tx, int vin) {}

  private static boolean touches(PoolTx t, byte[] scriptHash) {
    for (TxOut o : t.tx().outputs()) {
      if (matches(o, scriptHash)) {
        return true;
      }
    }
    for (TxOut o : t.prevouts()) {
      if (o != null && matches(o, scriptHash)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(TxOut out, byte[] scriptHash) {
    return Arrays.equals(TransactionIndex.scriptHash(out.scriptPubKey()), scriptHash);
  }
}
