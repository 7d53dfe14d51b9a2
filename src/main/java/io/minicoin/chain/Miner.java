package io.minicoin.chain;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ChainParams;
import io.minicoin.core.MerkleTree;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Builds a block (coinbase first, paying the reward plus the fees to the miner) and searches for a
 * nonce that gives it valid proof of work, on every core.
 */
public final class Miner {
  private final int threads;
  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  private MiningProgress.Listener progress;

  public Miner(int threads, LongSupplier clock) {
    this.threads = threads;
    this.clock = clock;
  }

  public Miner() {
    this(Runtime.getRuntime().availableProcessors(), () -> System.currentTimeMillis() / 1000);
  }

  /** Reports how the search goes about once a second to {@code listener}. */
  public Miner onProgress(MiningProgress.Listener listener) {
    this.progress = listener;
    return this;
  }

  /** Mines the first block of a new chain; its bits fix the chain's difficulty for good. */
  public Block mineGenesis(Address payTo, int bits) {
    return mine(Sha256Hash.ZERO, 0, bits, 0, List.of(), Amount.ZERO, payTo, () -> false)
        .orElseThrow();
  }

  /**
   * Mines a block on the chain's tip holding {@code txs} (already validated, in an order where each
   * spends only outputs that exist before it).
   *
   * @return empty if {@code cancelled} turned true first (a new tip arrived, or shutdown)
   */
  public Optional<Block> mineOnTip(
      Blockchain chain,
      List<Transaction> txs,
      Amount fees,
      Address payTo,
      BooleanSupplier cancelled) {
    HeaderView tip = chain.tip();
    return mine(
        tip.hash(),
        tip.height() + 1,
        chain.chainBits(),
        chain.medianTimePast(tip.hash()) + 1,
        txs,
        fees,
        payTo,
        cancelled);
  }

  /**
   * Mines a block on {@code parent} at {@code height}, with a time of at least {@code minTime}: for
   * building many blocks before storing them (a benchmark's chain), where no chain holds the parent
   * yet.
   */
  public Block mineOn(
      Sha256Hash parent,
      int height,
      int bits,
      long minTime,
      List<Transaction> txs,
      Amount fees,
      Address payTo) {
    return mine(parent, height, bits, minTime, txs, fees, payTo, () -> false).orElseThrow();
  }

  private Optional<Block> mine(
      Sha256Hash parent,
      int height,
      int bits,
      long minTime,
      List<Transaction> txs,
      Amount fees,
      Address payTo,
      BooleanSupplier cancelled) {
    if (progress != null) {
      cancelled = reporting(cancelled, bits);
    }
    long extraNonce = random.nextLong();
    // An interrupted thread ends the search (the nonce search returns at once when interrupted,
    // so looping on would spin forever).
    while (!cancelled.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
      // Each try of the nonce space gets a fresh extra nonce, and so a fresh Merkle root.
      Transaction coinbase =
          Transaction.coinbase(
              height, extraNonce++, List.of(TxOut.to(payTo, ChainParams.BLOCK_REWARD.plus(fees))));
      List<Transaction> all = new ArrayList<>(txs.size() + 1);
      all.add(coinbase);
      all.addAll(txs);
      BlockHeader template =
          new BlockHeader(
              ChainParams.BLOCK_VERSION,
              parent,
              MerkleTree.root(all.stream().map(Transaction::txid).toList()),
              Math.max(clock.getAsLong(), minTime),
              bits,
              0);
      Optional<BlockHeader> solved = NonceSearch.solve(template, threads, cancelled);
      if (solved.isPresent()) {
        return Optional.of(new Block(solved.get(), all));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code cancelled}, which the search polls every few milliseconds on this thread, also reporting
   * progress once a second. The tries are counted by the search itself, across all its threads.
   */
  private BooleanSupplier reporting(BooleanSupplier cancelled, int bits) {
    long start = System.nanoTime();
    long hashesBefore = NonceSearch.totalHashes();
    long[] next = {start + 1_000_000_000L};
    MiningProgress.Listener listener = progress;
    return () -> {
      long now = System.nanoTime();
      if (now - next[0] >= 0) {
        next[0] = now + 1_000_000_000L;
        listener.progress(
            MiningProgress.of(NonceSearch.totalHashes() - hashesBefore, now - start, bits));
      }
      return cancelled.getAsBoolean();
    };
  }
}
