package io.minicoin.chain;

import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ChainParams;
import io.minicoin.core.MerkleTree;
import io.minicoin.core.Transaction;
import java.util.List;

/**
 * The rules a block must follow before its transactions are checked against the UTXO set: those
 * that need only the block ({@link #checkBlock}), and those that need its place in the chain
 * ({@link #checkContext}).
 */
public final class BlockRules {
  private BlockRules() {}

  public static void checkBlock(Block block) throws VerificationException {
    BlockHeader h = block.header();
    if (!h.meetsOwnTarget()) {
      throw new VerificationException(
          RejectReason.HIGH_HASH, block.hash() + " does not meet its target");
    }
    MerkleTree.Result merkle = block.computeMerkleRoot();
    if (!merkle.root().equals(h.merkleRoot())) {
      throw new VerificationException(
          RejectReason.BAD_MERKLE_ROOT,
          block.hash() + " claims " + h.merkleRoot() + ", transactions give " + merkle.root());
    }
    if (merkle.mutated()) {
      throw new VerificationException(
          RejectReason.BAD_TXNS_DUPLICATE, block.hash() + " repeats a transaction");
    }
    List<Transaction> txs = block.transactions();
    if (txs.isEmpty() || block.size() > Block.MAX_SIZE) {
      throw new VerificationException(
          RejectReason.BAD_BLOCK_LENGTH, block.hash() + " has no transactions or is too large");
    }
    if (!txs.get(0).isCoinbase()) {
      throw new VerificationException(
          RejectReason.BAD_CB_MISSING, block.hash() + " does not start with a coinbase");
    }
    for (int i = 1; i < txs.size(); i++) {
      if (txs.get(i).isCoinbase()) {
        throw new VerificationException(
            RejectReason.BAD_CB_MULTIPLE, block.hash() + " has a second coinbase at position " + i);
      }
    }
    for (Transaction tx : txs) {
      TransactionRules.checkSanity(tx);
    }
  }

  /**
   * The rules that need the block's parent: the chain's fixed difficulty, a time after the median
   * of the last 11 blocks and not far in the future, and the height in the coinbase.
   */
  public static void checkContext(
      Block block, int height, int chainBits, long medianTimePast, long now)
      throws VerificationException {
    BlockHeader h = block.header();
    if (h.bits() != chainBits) {
      throw new VerificationException(
          RejectReason.BAD_DIFFBITS,
          String.format("bits 0x%08x, the chain uses 0x%08x", h.bits(), chainBits));
    }
    if (h.time() <= medianTimePast) {
      throw new VerificationException(
          RejectReason.TIME_TOO_OLD,
          "time " + h.time() + " is not after the median " + medianTimePast);
    }
    if (h.time() > now + ChainParams.MAX_FUTURE_BLOCK_TIME) {
      throw new VerificationException(
          RejectReason.TIME_TOO_NEW, "time " + h.time() + " is more than 2 hours ahead of " + now);
    }
    if (!block.transactions().get(0).inputs().get(0).scriptSig().startsWithHeight(height)) {
      throw new VerificationException(
          RejectReason.BAD_CB_HEIGHT,
          block.hash() + " coinbase does not start with height " + height);
    }
  }
}
