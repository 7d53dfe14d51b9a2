package io.minicoin.chain;

import io.minicoin.core.Block;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.store.ChainWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Switching the best chain to a branch with more work: walk back from the new tip to the fork point
 * (the newest block already on the best chain), disconnect our blocks down to it (newest first,
 * putting back the outputs they spent from their undo data), then connect the branch's blocks
 * oldest first, checking each against the UTXO set ({@link BlockRules#checkConnect}).
 *
 * <p>The common case, a block on our tip, is the same walk with nothing to disconnect and one block
 * to connect. Everything happens inside the caller's store transaction: if a block of the branch
 * breaks a rule, {@link BranchFailure} leaves the transaction, which is then not committed, so the
 * old chain stays exactly as it was.
 */
final class Reorganization {
  private Reorganization() {}

  /**
   * A block of the branch being connected broke a rule; carries it out of the store transaction.
   */
  static final class BranchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient BlockIndexEntry failed;
    final VerificationException cause;

    BranchFailure(BlockIndexEntry failed, VerificationException cause) {
      super(cause.getMessage(), null, false, false);
      this.failed = failed;
      this.cause = cause;
    }
  }

  /**
   * Makes {@code newTip}'s branch the best chain: back to the fork, then forward along the branch.
   * {@code newBlock} is the block of {@code newTip}, passed along so it need not be read back.
   *
   * @throws BranchFailure if a block of the branch breaks a rule
   */
  static Blockchain.Result activate(ChainWriter w, BlockIndexEntry newTip, Block newBlock) {
    List<BlockIndexEntry> branch = new ArrayList<>();
    BlockIndexEntry e = newTip;
    while (!w.isOnBestChain(e)) {
      branch.add(e);
      e = w.requireEntry(e.parent());
    }
    Sha256Hash fork = e.hash();
    List<Block> disconnected = new ArrayList<>();
    for (BlockIndexEntry t = w.tip(); !t.hash().equals(fork); t = w.requireEntry(t.parent())) {
      Block b = w.requireBlock(t.hash());
      List<UnspentOutput> spent = w.undo(t.hash());
      UtxoSet.revert(w, b, t.height(), spent);
      IndexUpdate.disconnect(w, b, t.height(), spent);
      w.clearBest(t.height());
      disconnected.add(b);
    }
    Collections.reverse(disconnected);
    Collections.reverse(branch);
    List<Block> connected = new ArrayList<>();
    for (BlockIndexEntry be : branch) {
      Block b = be.hash().equals(newBlock.hash()) ? newBlock : w.requireBlock(be.hash());
      try {
        connect(w, b, be, null);
        w.putEntry(be.withStatus(BlockStatus.CONNECTED));
      } catch (VerificationException ex) {
        throw new BranchFailure(be, ex);
      }
      connected.add(b);
    }
    w.setTip(newTip.hash());
    return new Blockchain.Result(Blockchain.Status.NEW_TIP, disconnected, connected);
  }

  /**
   * Connects one stored block on top of the best chain, keeping what it spent as its undo data: the
   * one sequence a reorganization and a download's group commit both use, so they cannot drift
   * apart. The caller writes the block's index entry.
   *
   * @param signatures null to check the block's signatures now; otherwise they are added there, to
   *     be run together by the caller (the block is valid only once they have run)
   */
  static void connect(ChainWriter w, Block block, BlockIndexEntry entry, SignatureChecks signatures)
      throws VerificationException {
    List<UnspentOutput> undo =
        signatures == null
            ? BlockRules.checkConnect(w, block, entry.height())
            : BlockRules.checkConnect(w, block, entry.height(), signatures);
    w.putUndo(block.hash(), undo);
    IndexUpdate.connect(w, block, entry.height(), undo);
    w.setBest(entry.height(), block.hash());
  }
}
