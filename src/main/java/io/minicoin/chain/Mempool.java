package io.minicoin.chain;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Valid transactions waiting for a block. A transaction enters only after full validation against
 * the UTXO set and the pool; it may spend outputs of other pool transactions, and no two pool
 * transactions spend the same output, so a block made from the pool never double-spends. Insertion
 * order is kept, so a parent always comes before its children.
 */
public final class Mempool {
  /** A pooled transaction, the fee it pays its miner, and when it entered (Unix seconds). */
  public record Entry(Transaction tx, Amount fee, long time) {}

  private final Map<Sha256Hash, Entry> pool = new LinkedHashMap<>();
  private final Map<OutPoint, Sha256Hash> spentBy = new HashMap<>();
  private long bytes;

  /** Bounds, so that a peer with one coin cannot fill our memory with a chain of payments. */
  public static final int MAX_TRANSACTIONS = 5_000;

  public static final long MAX_BYTES = 20L << 20;

  /** Bitcoin Core's standardness limit: larger ones are valid in a block but not relayed. */
  public static final int MAX_STANDARD_SIZE = 100_000;

  /**
   * Validates {@code tx} against the chain and the pool and adds it.
   *
   * @return the fee it pays
   */
  public synchronized Amount accept(Transaction tx, Blockchain chain) throws VerificationException {
    Amount fee = check(tx, chain);
    pool.put(tx.txid(), new Entry(tx, fee, System.currentTimeMillis() / 1000));
    bytes += tx.size();
    tx.inputs().forEach(in -> spentBy.put(in.previous(), tx.txid()));
    return fee;
  }

  /**
   * Every check {@link #accept} makes, without adding {@code tx} (Core's {@code
   * testmempoolaccept}).
   *
   * @return the fee it would pay
   */
  public synchronized Amount check(Transaction tx, Blockchain chain) throws VerificationException {
    if (pool.containsKey(tx.txid())) {
      throw new VerificationException(
          RejectReason.TXN_ALREADY_KNOWN, tx.txid() + " is already in the pool");
    }
    if (tx.isCoinbase()) {
      throw new VerificationException(RejectReason.COINBASE, tx.txid() + " is a coinbase");
    }
    TransactionRules.checkSanity(tx);
    if (tx.size() > MAX_STANDARD_SIZE) {
      throw new VerificationException(
          RejectReason.TX_SIZE,
          tx.txid() + " has " + tx.size() + " bytes, more than " + MAX_STANDARD_SIZE);
    }
    if (pool.size() >= MAX_TRANSACTIONS || bytes + tx.size() > MAX_BYTES) {
      throw new VerificationException(
          RejectReason.MEMPOOL_FULL, "the pool holds " + pool.size() + " transactions");
    }
    TransactionRules.checkLowS(tx);
    for (TxIn in : tx.inputs()) {
      Sha256Hash other = spentBy.get(in.previous());
      if (other != null) {
        throw new VerificationException(
            RejectReason.TXN_MEMPOOL_CONFLICT,
            tx.txid()
                + " spends "
                + in.previous()
                + ", already spent by pool transaction "
                + other);
      }
    }
    Amount fee;
    try {
      fee = TransactionRules.checkInputs(tx, p -> poolOutput(p).or(() -> chain.unspent(p)));
    } catch (VerificationException e) {
      if (e.reason() == RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT) {
        throw new VerificationException(RejectReason.MISSING_INPUTS, e.detail());
      }
      throw e;
    }
    return fee;
  }

  private Optional<UnspentOutput> poolOutput(OutPoint p) {
    Entry e = pool.get(p.txid());
    if (e == null || p.index() >= e.tx().outputs().size()) {
      return Optional.empty();
    }
    return Optional.of(
        new UnspentOutput(p, e.tx().outputs().get((int) p.index()), Integer.MAX_VALUE, false));
  }

  /**
   * Brings the pool in line with a new best chain. Usually the chain only grew: the connected
   * blocks' transactions leave, and so does whatever spends an output they spent, with its
   * descendants. After a reorganization, transactions of the disconnected blocks come back if still
   * valid, and everything is checked again against the new chain.
   */
  public synchronized void update(
      Blockchain chain, List<Block> disconnected, List<Block> connected) {
    if (!disconnected.isEmpty()) {
      revalidate(chain, disconnected);
      return;
    }
    for (Block b : connected) {
      for (Transaction tx : b.transactions()) {
        forget(tx.txid()); // mined: its children in the pool now spend confirmed outputs, and stay
        for (TxIn in : tx.inputs()) {
          Sha256Hash conflict = spentBy.get(in.previous());
          if (conflict != null) {
            removeWithDescendants(conflict); // can never be mined now, nor can what spends it
          }
        }
      }
    }
  }

  /** Checks every pool transaction again (after our own block failed, say); the invalid leave. */
  public synchronized void revalidate(Blockchain chain) {
    revalidate(chain, List.of());
  }

  private void revalidate(Blockchain chain, List<Block> disconnected) {
    List<Transaction> candidates = new ArrayList<>();
    for (Block b : disconnected) {
      b.transactions().stream().filter(tx -> !tx.isCoinbase()).forEach(candidates::add);
    }
    pool.values().forEach(e -> candidates.add(e.tx()));
    pool.clear();
    spentBy.clear();
    bytes = 0;
    for (Transaction tx : candidates) {
      try {
        accept(tx, chain);
      } catch (VerificationException e) {
        // mined, conflicting or orphaned by the new chain: it leaves the pool
      }
    }
  }

  /** Takes one transaction out of the pool. */
  private Entry forget(Sha256Hash txid) {
    Entry e = pool.remove(txid);
    if (e != null) {
      bytes -= e.tx().size();
      e.tx().inputs().forEach(in -> spentBy.remove(in.previous()));
    }
    return e;
  }

  /** Takes a transaction out of the pool with everything in the pool that spends its outputs. */
  private void removeWithDescendants(Sha256Hash txid) {
    Entry e = forget(txid);
    if (e == null) {
      return;
    }
    for (int i = 0; i < e.tx().outputs().size(); i++) {
      Sha256Hash child = spentBy.get(new OutPoint(txid, i));
      if (child != null) {
        removeWithDescendants(child);
      }
    }
  }

  /** Pool transactions, parents before children. */
  public synchronized List<Entry> entries() {
    return new ArrayList<>(pool.values());
  }

  public synchronized boolean contains(Sha256Hash txid) {
    return pool.containsKey(txid);
  }

  public synchronized Optional<Transaction> get(Sha256Hash txid) {
    return Optional.ofNullable(pool.get(txid)).map(Entry::tx);
  }

  /** A pooled transaction with its fee. */
  public synchronized Optional<Entry> entry(Sha256Hash txid) {
    return Optional.ofNullable(pool.get(txid));
  }

  /** The pool transaction that spends {@code outPoint}, if one does. */
  public synchronized Optional<Sha256Hash> spender(OutPoint outPoint) {
    return Optional.ofNullable(spentBy.get(outPoint));
  }

  /**
   * A copy of every output the pool's transactions spend, for a wallet to skip them. A copy, taken
   * before the chain file is read: the pool's lock must never be taken inside a store read (see
   * {@link Blockchain#coinsToSpend}).
   */
  public synchronized Set<OutPoint> spentOutPoints() {
    return Set.copyOf(spentBy.keySet());
  }

  public synchronized int size() {
    return pool.size();
  }

  /** The pool's transactions' total serialized size. */
  public synchronized long bytes() {
    return bytes;
  }
}
