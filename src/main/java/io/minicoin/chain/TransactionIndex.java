package io.minicoin.chain;

import io.minicoin.core.Address;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Script;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainDamagedException;
import io.minicoin.store.ChainReader;
import io.minicoin.store.HistoryRow;
import io.minicoin.store.ScriptTotals;
import io.minicoin.store.TxLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Answers an explorer's questions about the best chain from the indexes {@link IndexUpdate} keeps:
 * where a transaction is, what spent an output, what a script received and spent. Each answer is
 * read in one consistent snapshot of the chain file, so it never mixes two chains during a reorg.
 */
public final class TransactionIndex {

  /** The best-chain block that holds a transaction (Esplora's {@code status}). */
  public record Confirmation(Sha256Hash blockHash, int height, long blockTime) {}

  /**
   * A transaction with where it is and the outputs its inputs spent ({@code prevouts}, in input
   * order; empty for a coinbase). {@code confirmation} is empty for a block off the best chain.
   */
  public record LocatedTransaction(
      Transaction tx, Optional<Confirmation> confirmation, List<TxOut> prevouts) {}

  /** The input that spent an output, and the block it is in. */
  public record Spend(Sha256Hash txid, int vin, Confirmation confirmation) {}

  /** A coin of a script and the block that made it. */
  public record ConfirmedCoin(UnspentOutput coin, Confirmation confirmation) {}

  /** Totals of a script's history, in base units, as Esplora's {@code chain_stats}. */
  public record Stats(
      int fundedTxoCount, long fundedTxoSum, int spentTxoCount, long spentTxoSum, int txCount) {}

  private final Blockchain chain;

  public TransactionIndex(Blockchain chain) {
    this.chain = chain;
  }

  /** Esplora's and Electrum's name for a script: the SHA-256 of its bytes. */
  public static byte[] scriptHash(Script script) {
    return Hashes.sha256(script.bytes());
  }

  /** A best-chain transaction, with its block and the outputs it spent. */
  public Optional<LocatedTransaction> transaction(Sha256Hash txid) {
    return chain.store().read(r -> r.txLocation(txid).map(l -> locate(r, l)));
  }

  /** The best-chain block that holds {@code txid}, if any. */
  public Optional<Confirmation> confirmation(Sha256Hash txid) {
    return chain
        .store()
        .read(r -> r.txLocation(txid).map(l -> confirmation(r.requireEntry(l.block()))));
  }

  /** The best-chain input that spent {@code outPoint}, if one did. */
  public Optional<Spend> spender(OutPoint outPoint) {
    return chain
        .store()
        .read(
            r ->
                r.spender(outPoint)
                    .map(
                        s -> {
                          TxLocation l = r.requireTxLocation(s.txid());
                          return new Spend(
                              s.txid(), s.vin(), confirmation(r.requireEntry(l.block())));
                        }));
  }

  /**
   * Transactions of a block from {@code start}, at most {@code count}, with their spent outputs
   * when the block was ever connected.
   */
  public List<LocatedTransaction> blockTransactions(Block block, int start, int count) {
    return chain
        .store()
        .read(
            r -> {
              BlockIndexEntry entry = r.requireEntry(block.hash());
              Optional<Confirmation> conf =
                  r.isOnBestChain(entry) ? Optional.of(confirmation(entry)) : Optional.empty();
              List<UnspentOutput> spent = r.hasUndo(block.hash()) ? r.undo(block.hash()) : null;
              List<LocatedTransaction> out = new ArrayList<>();
              int end = Math.min(block.transactions().size(), start + count);
              for (int pos = start; pos < end; pos++) {
                out.add(
                    new LocatedTransaction(
                        block.transactions().get(pos), conf, prevouts(block, pos, spent)));
              }
              return out;
            });
  }

  /**
   * A script's transactions on the best chain, newest first, at most {@code limit}: those older
   * than {@code lastSeen} when it is given (Esplora's paging). An unconfirmed {@code lastSeen}
   * gives an empty page.
   */
  public List<LocatedTransaction> history(
      byte[] scriptHash, Optional<Sha256Hash> lastSeen, int limit) {
    return chain
        .store()
        .read(
            r -> {
              List<TxLocation> found = new ArrayList<>();
              Set<Sha256Hash> seen = new HashSet<>();
              Predicate<HistoryRow> collect =
                  row -> {
                    if (seen.add(row.txid())) {
                      if (found.size() == limit) {
                        return false;
                      }
                      found.add(r.requireTxLocation(row.txid()));
                    }
                    return true;
                  };
              if (lastSeen.isEmpty()) {
                r.history(scriptHash, collect);
              } else {
                Optional<TxLocation> from = r.txLocation(lastSeen.get());
                if (from.isEmpty()) {
                  return List.of();
                }
                int height = r.requireEntry(from.get().block()).height();
                r.historyAfter(scriptHash, height, from.get().position(), collect);
              }
              List<LocatedTransaction> txs = new ArrayList<>(found.size());
              // A page's transactions often share a block (a busy block pays an address many
              // times): each block and its undo data are read once.
              Map<Sha256Hash, Block> blocks = new HashMap<>();
              Map<Sha256Hash, List<UnspentOutput>> undos = new HashMap<>();
              for (TxLocation l : found) {
                Block b = blocks.computeIfAbsent(l.block(), h -> r.requireBlock(h));
                txs.add(locate(r, l, b, undos.computeIfAbsent(l.block(), r::undo)));
              }
              return txs;
            });
  }

  /** Totals of a script's best-chain history: one read of its running totals, no scan. */
  public Stats stats(byte[] scriptHash) {
    ScriptTotals t = chain.store().read(r -> r.totals(scriptHash));
    return new Stats(
        Math.toIntExact(t.fundedCount()),
        t.fundedSum(),
        Math.toIntExact(t.spentCount()),
        t.spentSum(),
        Math.toIntExact(t.txCount()));
  }

  /** Visits every script's running totals, in script hash order, in one snapshot. */
  public void forEachTotals(java.util.function.BiConsumer<Sha256Hash, ScriptTotals> visitor) {
    chain
        .store()
        .read(
            r -> {
              r.forEachTotals(visitor);
              return null;
            });
  }

  /** The unspent outputs of an address, from the address index (no scan of its history). */
  public List<ConfirmedCoin> unspent(Address address) {
    return chain.store().read(r -> withConfirmations(r, r.unspentOf(address.pubKeyHash())));
  }

  /** The unspent outputs of any script: what its history received and the UTXO set still has. */
  public List<ConfirmedCoin> unspent(byte[] scriptHash) {
    return chain
        .store()
        .read(
            r -> {
              List<UnspentOutput> coins = new ArrayList<>();
              r.history(
                  scriptHash,
                  row -> {
                    if (row.funding()) {
                      r.unspent(new OutPoint(row.txid(), row.index())).ifPresent(coins::add);
                    }
                    return true;
                  });
              return withConfirmations(r, coins);
            });
  }

  /**
   * One page of a script's unspent outputs, and where the next page starts, if it may hold more.
   */
  public record CoinPage(List<ConfirmedCoin> coins, Optional<Sha256Hash> next) {}

  /**
   * A script's unspent outputs, newest first, about {@code limit} of them: read from its history
   * (newest first) until the page is full, so an address with 10,000 coins costs one page, not
   * 10,000 look-ups. A page ends between transactions, never inside one, so {@code next} (the last
   * transaction walked) continues exactly where it stopped; it is empty when the history ended. An
   * unconfirmed {@code after} gives an empty page.
   */
  public CoinPage unspentPage(byte[] scriptHash, Optional<Sha256Hash> after, int limit) {
    return chain
        .store()
        .read(
            r -> {
              List<UnspentOutput> coins = new ArrayList<>();
              Sha256Hash[] last = {null};
              boolean[] stopped = {false};
              Predicate<HistoryRow> collect =
                  row -> {
                    if (coins.size() >= limit && last[0] != null && !row.txid().equals(last[0])) {
                      stopped[0] = true;
                      return false;
                    }
                    last[0] = row.txid();
                    if (row.funding()) {
                      r.unspent(new OutPoint(row.txid(), row.index())).ifPresent(coins::add);
                    }
                    return true;
                  };
              if (after.isEmpty()) {
                r.history(scriptHash, collect);
              } else {
                Optional<TxLocation> from = r.txLocation(after.get());
                if (from.isEmpty()) {
                  return new CoinPage(List.of(), Optional.empty());
                }
                int height = r.requireEntry(from.get().block()).height();
                r.historyAfter(scriptHash, height, from.get().position(), collect);
              }
              return new CoinPage(
                  withConfirmations(r, coins),
                  stopped[0] ? Optional.of(last[0]) : Optional.empty());
            });
  }

  private static List<ConfirmedCoin> withConfirmations(ChainReader r, List<UnspentOutput> coins) {
    Map<Integer, Confirmation> byHeight = new HashMap<>();
    List<ConfirmedCoin> out = new ArrayList<>(coins.size());
    for (UnspentOutput c : coins) {
      Confirmation conf =
          byHeight.computeIfAbsent(
              c.height(), h -> confirmation(r.requireEntry(r.requireHashAt(h))));
      out.add(new ConfirmedCoin(c, conf));
    }
    return out;
  }

  private static LocatedTransaction locate(ChainReader r, TxLocation l) {
    return locate(r, l, r.requireBlock(l.block()));
  }

  private static LocatedTransaction locate(ChainReader r, TxLocation l, Block block) {
    return locate(r, l, block, r.undo(l.block()));
  }

  private static LocatedTransaction locate(
      ChainReader r, TxLocation l, Block block, List<UnspentOutput> undo) {
    Confirmation conf = confirmation(r.requireEntry(l.block()));
    if (l.position() >= block.transactions().size()) {
      throw new ChainDamagedException(
          "the chain file is damaged: the transaction index places a transaction at position "
              + l.position()
              + " of block "
              + l.block()
              + ", which has "
              + block.transactions().size()
              + ": restore it from a copy");
    }
    return new LocatedTransaction(
        block.transactions().get(l.position()),
        Optional.of(conf),
        prevouts(block, l.position(), undo));
  }

  /**
   * The outputs spent by the transaction at {@code pos}, taken from the block's undo data (which
   * lists every input's spent output in block order), or nulls when there is none.
   */
  private static List<TxOut> prevouts(Block block, int pos, List<UnspentOutput> spent) {
    Transaction tx = block.transactions().get(pos);
    if (tx.isCoinbase()) {
      return List.of();
    }
    int offset = 0;
    for (int i = 1; i < pos; i++) {
      offset += block.transactions().get(i).inputs().size();
    }
    List<TxOut> out = new ArrayList<>(tx.inputs().size());
    for (int i = 0; i < tx.inputs().size(); i++) {
      out.add(spent == null ? null : spent.get(offset + i).output());
    }
    return out;
  }

  private static Confirmation confirmation(BlockIndexEntry e) {
    return new Confirmation(e.hash(), e.height(), e.header().time());
  }
}
