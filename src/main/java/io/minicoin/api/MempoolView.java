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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool as Esplora shows it: each transaction with the outputs it spends, newest first, and what
 * the pool adds to or takes from a script. The pool is bounded (a few thousand transactions), so
 * walking it per request is cheap; the chain side comes from the indexes.
 */
final class MempoolView {
  /**
   * A pool transaction, its fee, and the outputs its inputs spend (null where unknown), looked up
   * only when asked for: listing the pool needs none of them. What is worked out is kept (an
   * outpoint always names the same output, a script always has the same hash), so a page that asks
   * about an address looks through a full pool without a store read or a hash per transaction.
   */
  final class PoolTx {
    private final Transaction tx;
    private final Amount fee;
    private volatile List<TxOut> prevouts;
    private volatile byte[][] outputHashes;
    private volatile byte[][] prevoutHashes;

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
      List<TxOut> p = prevouts;
      if (p == null) {
        p = Collections.unmodifiableList(MempoolView.this.prevouts(tx));
        if (!p.contains(null)) {
          prevouts = p; // one not found may be found later (its parent arriving)
        }
      }
      return p;
    }

    /** Whether output {@code i} pays the script whose hash is {@code scriptHash}. */
    boolean pays(int i, byte[] scriptHash) {
      byte[][] h = outputHashes;
      if (h == null) {
        h = new byte[tx.outputs().size()][];
        for (int o = 0; o < h.length; o++) {
          h[o] = TransactionIndex.scriptHash(tx.outputs().get(o).scriptPubKey());
        }
        outputHashes = h;
      }
      return Arrays.equals(h[i], scriptHash);
    }

    /**
     * Whether input {@code i} spends an output of that script (false when its output is unknown).
     */
    boolean spendsFrom(int i, byte[] scriptHash) {
      byte[][] h = prevoutHashes;
      if (h == null) {
        List<TxOut> p = prevouts();
        h = new byte[p.size()][];
        for (int o = 0; o < h.length; o++) {
          h[o] = p.get(o) == null ? null : TransactionIndex.scriptHash(p.get(o).scriptPubKey());
        }
        if (p == prevouts) {
          prevoutHashes = h;
        }
      }
      return h[i] != null && Arrays.equals(h[i], scriptHash);
    }
  }

  private final Blockchain chain;
  private final Mempool pool;

  /** The pool's transactions as last seen, by txid; those that left are forgotten now and then. */
  private final Map<Sha256Hash, PoolTx> seen = new ConcurrentHashMap<>();

  MempoolView(Blockchain chain, Mempool pool) {
    this.chain = chain;
    this.pool = pool;
  }

  /** Every pool transaction, newest first. */
  List<PoolTx> newestFirst() {
    List<Mempool.Entry> entries = pool.entries();
    List<PoolTx> out = new ArrayList<>(entries.size());
    for (int i = entries.size() - 1; i >= 0; i--) {
      out.add(poolTx(entries.get(i)));
    }
    if (seen.size() > 2 * entries.size() + 100) {
      Set<Sha256Hash> now = new HashSet<>();
      out.forEach(t -> now.add(t.tx().txid()));
      seen.keySet().retainAll(now);
    }
    return out;
  }

  private PoolTx poolTx(Mempool.Entry e) {
    return seen.computeIfAbsent(e.tx().txid(), id -> new PoolTx(e.tx(), e.fee()));
  }

  Optional<PoolTx> get(Sha256Hash txid) {
    return pool.entry(txid).map(this::poolTx);
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
      List<TxOut> outs = t.tx().outputs();
      for (int i = 0; i < outs.size(); i++) {
        if (t.pays(i, scriptHash)) {
          funded++;
          fundedSum += outs.get(i).value().units();
          touched = true;
        }
      }
      List<TxOut> prevs = t.prevouts();
      for (int i = 0; i < prevs.size(); i++) {
        if (t.spendsFrom(i, scriptHash)) {
          spent++;
          spentSum += prevs.get(i).value().units();
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
        if (t.pays(i, scriptHash) && pool.spender(p).isEmpty()) {
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
    for (int i = 0; i < t.tx().outputs().size(); i++) {
      if (t.pays(i, scriptHash)) {
        return true;
      }
    }
    for (int i = 0; i < t.prevouts().size(); i++) {
      if (t.spendsFrom(i, scriptHash)) {
        return true;
      }
    }
    return false;
  }
}
