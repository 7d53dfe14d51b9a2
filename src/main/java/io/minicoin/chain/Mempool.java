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

/**
 * Valid transactions waiting for a block. A transaction enters only after full validation
 * against the UTXO set and the pool; it may spend outputs of other pool transactions, and no two
 * pool transactions spend the same output (the seed's gap 0). Insertion order is kept, so a
 * parent always comes before its children.
 */
public final class Mempool {
  /** A pooled transaction and the fee it pays its miner. */
  public record Entry(Transaction tx, Amount fee) {}

  private final Map<Sha256Hash, Entry> pool = new LinkedHashMap<>();
  private final Map<OutPoint, Sha256Hash> spentBy = new HashMap<>();

  /**
   * Validates {@code tx} against the chain and the pool and adds it.
   *
   * @return the fee it pays
   */
  public synchronized Amount accept(Transaction tx, Blockchain chain) throws VerificationException {
    if (pool.containsKey(tx.txid())) {
      throw new VerificationException(RejectReason.TXN_ALREADY_KNOWN, tx.txid() + " is already in the pool");
    }
    if (tx.isCoinbase()) {
      throw new VerificationException(RejectReason.COINBASE, tx.txid() + " is a coinbase");
    }
    TransactionRules.checkSanity(tx);
    for (TxIn in : tx.inputs()) {
      Sha256Hash other = spentBy.get(in.previous());
      if (other != null) {
        throw new VerificationException(RejectReason.TXN_MEMPOOL_CONFLICT,
            tx.txid() + " spends " + in.previous() + ", already spent by pool transaction " + other);
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
    pool.put(tx.txid(), new Entry(tx, fee));
    tx.inputs().forEach(in -> spentBy.put(in.previous(), tx.txid()));
    return fee;
  }

  private Optional<UnspentOutput> poolOutput(OutPoint p) {
    Entry e = pool.get(p.txid());
    if (e == null || p.index() >= e.tx().outputs().size()) {
      return Optional.empty();
    }
    return Optional.of(new UnspentOutput(p, e.tx().outputs().get((int) p.index()), Integer.MAX_VALUE, false));
  }

  /**
   * Brings the pool in line with a new best chain: transactions of disconnected blocks come back
   * if still valid, mined ones leave, and so does anything that now conflicts with the chain or
   * spends what no longer exists. Re-validating everything is simple and the pool is small.
   */
  public synchronized void update(Blockchain chain, List<Block> disconnected) {
    List<Transaction> candidates = new ArrayList<>();
    for (Block b : disconnected) {
      b.transactions().stream().filter(tx -> !tx.isCoinbase()).forEach(candidates::add);
    }
    pool.values().forEach(e -> candidates.add(e.tx()));
    pool.clear();
    spentBy.clear();
    for (Transaction tx : candidates) {
      try {
        accept(tx, chain);
      } catch (VerificationException e) {
        // mined, conflicting or orphaned by the new chain: it leaves the pool
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

  public synchronized int size() {
    return pool.size();
  }
}
