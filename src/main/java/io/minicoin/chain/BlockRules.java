package io.minicoin.chain;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ChainParams;
import io.minicoin.core.MerkleTree;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.UnspentOutput;
import io.minicoin.store.ChainWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a block must follow, in three tiers as btcd's {@code validate.go} has them: those that
 * need only the block ({@link #checkBlock}), those that need its place in the chain ({@link
 * #checkContext}), and those that need the UTXO set it is connected to ({@link #checkConnect}). The
 * first two run when a block arrives; the third only when the block joins the best chain, since a
 * block on a side branch has no UTXO set of its own until a reorganization makes it current.
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

  /**
   * The rules that need the UTXO set as it is just before the block: no transaction may have the
   * txid of one whose outputs are still unspent (BIP 30), every input must spend an existing output
   * with a valid signature ({@link TransactionRules#checkInputs}), and the coinbase may pay at most
   * the reward plus the fees. Transactions are checked in order and applied to {@code w} as they
   * pass, since a later one may spend an earlier one's output; their signatures are checked after
   * that, all at once on all cores ({@link SignatureChecks}).
   *
   * <p>On failure {@code w} holds a partly applied block: the caller's store transaction must not
   * be committed.
   *
   * @return the outputs the block spent, in input order: its undo data
   */
  static List<UnspentOutput> checkConnect(ChainWriter w, Block block, int height)
      throws VerificationException {
    try (SignatureChecks signatures = new SignatureChecks()) { // refused: the checks are given up
      return connectTransactions(w, block, height, signatures, true);
    }
  }

  /**
   * {@link #checkConnect(ChainWriter, Block, int)} with the block's signature checks added to
   * {@code signatures} instead of run: a run of downloaded blocks checks all its signatures at once
   * ({@link Blockchain#acceptRun}). The block is valid only once they have run.
   */
  static List<UnspentOutput> checkConnect(
      ChainWriter w, Block block, int height, SignatureChecks signatures)
      throws VerificationException {
    return connectTransactions(w, block, height, signatures, false);
  }

  private static List<UnspentOutput> connectTransactions(
      ChainWriter w, Block block, int height, SignatureChecks signatures, boolean runSignatures)
      throws VerificationException {
    List<UnspentOutput> undo = new ArrayList<>();
    Amount fees = Amount.ZERO;
    for (Transaction tx : block.transactions()) {
      for (int i = 0; i < tx.outputs().size(); i++) {
        if (w.unspent(new OutPoint(tx.txid(), i)).isPresent()) {
          throw new VerificationException(
              RejectReason.BAD_TXNS_BIP30, tx.txid() + " already has unspent outputs");
        }
      }
      if (tx.isCoinbase()) {
        UtxoSet.apply(w, tx, height, undo);
        continue;
      }
      // The coins the inputs spend, as checkInputs finds them, so applying the transaction need
      // not read them from the store again.
      Map<OutPoint, UnspentOutput> found = new HashMap<>();
      UtxoView lookup =
          p -> {
            Optional<UnspentOutput> coin = w.unspent(p);
            coin.ifPresent(c -> found.put(p, c));
            return coin;
          };
      fees = fees.plus(TransactionRules.checkInputs(tx, lookup, signatures));
      UtxoSet.apply(
          w,
          tx,
          height,
          undo,
          p -> found.containsKey(p) ? Optional.of(found.get(p)) : w.unspent(p));
    }
    if (runSignatures) {
      signatures.runAll();
    }
    Amount allowed = ChainParams.BLOCK_REWARD.plus(fees);
    Amount paid = block.transactions().get(0).totalOut();
    if (paid.compareTo(allowed) > 0) {
      throw new VerificationException(
          RejectReason.BAD_CB_AMOUNT,
          "coinbase pays " + paid + ", at most " + allowed + " allowed");
    }
    return undo;
  }
}
