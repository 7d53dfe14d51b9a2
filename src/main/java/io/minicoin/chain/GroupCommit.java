package io.minicoin.chain;

import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import io.minicoin.core.CompactTarget;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.store.ChainStore;
import io.minicoin.store.ChainWriter;
import java.math.BigInteger;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Group commit: a run of downloaded blocks, each the child of the one before and the first the
 * child of our tip, connected in ONE store transaction instead of one per block.
 *
 * <p>Why: every store transaction ends with a sync to disk (a few milliseconds on a slow or busy
 * disk), which bounds a block-by-block download at a few hundred blocks per second whatever the CPU
 * does. One transaction per run pays that once per run. The signatures of the whole run are checked
 * at once, too, on all cores: a block of two payments has too few for a block-by-block check to use
 * more than one.
 *
 * <p>The same rules apply as for a single block ({@link BlockRules}: all three tiers, every
 * signature). If any block of the run breaks one, or the run is not a plain extension of the tip
 * after all, NOTHING of the run is written and the caller offers the blocks one at a time, where
 * the first bad one is refused and recorded exactly as it would have been alone. Invalid blocks are
 * rare, so that second pass costs nothing in the common case and keeps the refusal logic in one
 * place.
 *
 * <p>Durability: the run lands whole or not at all, like any store transaction. A crash (kill -9,
 * power loss) before its commit loses the blocks of that run, never consistency; the node downloads
 * them again.
 */
final class GroupCommit {
  private GroupCommit() {}

  /** Leaves the store transaction unwritten: the run is not one the fast path takes. */
  private static final class NotAPlainRun extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAPlainRun() {
      super(null, null, false, false);
    }
  }

  /**
   * Connects {@code run} on top of the tip in one store transaction.
   *
   * @param now seconds since 1970, for the "not too far in the future" rule
   * @return the result, or empty if nothing was written (offer the blocks one at a time)
   */
  static Optional<Blockchain.Result> connect(
      ChainStore store, int chainBits, long now, List<Block> run) {
    // The context-free checks need no store: done before the transaction is opened.
    for (Block b : run) {
      if (b.header().bits() != chainBits) {
        return Optional.empty();
      }
      try {
        BlockRules.checkBlock(b);
      } catch (VerificationException e) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(store.write(w -> connectAll(w, chainBits, now, run)));
    } catch (NotAPlainRun e) {
      return Optional.empty();
    }
  }

  /** Runs inside the store transaction; may run more than once (a store that grows). */
  private static Blockchain.Result connectAll(
      ChainWriter w, int chainBits, long now, List<Block> run) {
    BlockIndexEntry tip = w.tip();
    Deque<Long> recentTimes = Blockchain.recentTimes(w, tip);
    // Every block of the run has the chain's bits (checked above): one work figure for all, not a
    // BigInteger division per block.
    BigInteger work = CompactTarget.work(chainBits);
    // Given up (a block broke a rule, the store must grow): leaving the block gives the checks
    // handed to the other core up, which would only keep it from the blocks offered one at a time.
    try (SignatureChecks signatures = new SignatureChecks()) {
      for (Block block : run) {
        if (!block.header().previous().equals(tip.hash()) || w.entry(block.hash()).isPresent()) {
          throw new NotAPlainRun();
        }
        BlockIndexEntry entry =
            new BlockIndexEntry(
                block.header(), tip.height() + 1, tip.chainWork().add(work), BlockStatus.CONNECTED);
        BlockRules.checkContext(
            block, entry.height(), chainBits, Blockchain.median(recentTimes), now);
        w.putBlock(block, entry);
        Reorganization.connect(w, block, entry, signatures);
        recentTimes.addFirst(block.header().time());
        if (recentTimes.size() > ChainParams.MEDIAN_TIME_SPAN) {
          recentTimes.removeLast();
        }
        tip = entry;
      }
      signatures.runAll();
    } catch (VerificationException e) {
      throw new NotAPlainRun();
    }
    w.setTip(tip.hash());
    return new Blockchain.Result(Blockchain.Status.NEW_TIP, List.of(), List.copyOf(run));
  }
}
