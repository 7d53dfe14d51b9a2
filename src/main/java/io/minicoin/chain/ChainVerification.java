package io.minicoin.chain;

import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainDamagedException;
import io.minicoin.store.ChainReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitcoin Core's {@code verifychain}: re-checks the last blocks of the best chain against what the
 * store says about them, to find a damaged file before anything is built on it.
 *
 * <p>For each of the last {@code checkBlocks} blocks, from the tip down: the best chain's entry at
 * that height is the block the index says (right height, parent one below); the stored block hashes
 * to its key and matches its Merkle root; and, as Core's check level 3 does, the block is
 * disconnected in memory with its undo data: every output it created must be in the UTXO set
 * exactly as created, and the undo data must give back one output per input. Nothing is written.
 * The full form also checks the address index against the UTXO set, and the running totals ({@code
 * getbalance}'s balances) against the UTXO set and the script histories.
 */
public final class ChainVerification {
  /** Bitcoin Core's default for {@code -checkblocks}. */
  public static final int DEFAULT_CHECK_BLOCKS = 6;

  /** What was checked. */
  public record Report(int blocksChecked, int tipHeight, long addressEntries, long scriptTotals) {}

  private ChainVerification() {}

  /**
   * Checks the last {@code checkBlocks} blocks ({@code 0}: all of them); with {@code addressIndex},
   * the whole address index and every script's running totals too.
   *
   * @throws io.minicoin.store.StoreException naming the first damage found (a {@link
   *     ChainDamagedException}), or why the file could not be read
   */
  public static Report verify(Blockchain chain, int checkBlocks, boolean addressIndex) {
    if (checkBlocks < 0) {
      throw new IllegalArgumentException("checkBlocks " + checkBlocks);
    }
    return chain
        .store()
        .read(
            r -> {
              BlockIndexEntry tip = r.tip();
              int lowest = checkBlocks == 0 ? 0 : Math.max(0, tip.height() - checkBlocks + 1);
              Map<OutPoint, Optional<UnspentOutput>> view = new HashMap<>();
              int checked = 0;
              for (int h = tip.height(); h >= lowest; h--) {
                checkOne(r, h, view);
                checked++;
              }
              long entries = -1;
              long scripts = -1;
              if (addressIndex) {
                entries = r.verifyAddressIndex();
                scripts = ScriptTotalsCheck.verify(r);
              }
              return new Report(checked, tip.height(), entries, scripts);
            });
  }

  private static void checkOne(
      ChainReader r, int height, Map<OutPoint, Optional<UnspentOutput>> view) {
    Sha256Hash hash = r.requireHashAt(height);
    BlockIndexEntry entry = r.requireEntry(hash);
    if (entry.height() != height) {
      throw damaged(
          "block " + hash + " is at height " + height + " but indexed at " + entry.height());
    }
    if (height > 0 && !r.requireHashAt(height - 1).equals(entry.parent())) {
      throw damaged("block " + hash + " at height " + height + " does not follow the block below");
    }
    Block block = r.requireBlock(hash);
    List<UnspentOutput> undo = r.undo(hash);
    disconnect(r, block, height, undo, view);
  }

  /** Core's DisconnectBlock on an in-memory view over the stored UTXO set. */
  private static void disconnect(
      ChainReader r,
      Block block,
      int height,
      List<UnspentOutput> undo,
      Map<OutPoint, Optional<UnspentOutput>> view) {
    int next = undo.size();
    List<Transaction> txs = block.transactions();
    for (int t = txs.size() - 1; t >= 0; t--) {
      Transaction tx = txs.get(t);
      for (int i = 0; i < tx.outputs().size(); i++) {
        OutPoint p = new OutPoint(tx.txid(), i);
        UnspentOutput expected = new UnspentOutput(p, tx.outputs().get(i), height, tx.isCoinbase());
        Optional<UnspentOutput> coin = view.computeIfAbsent(p, r::unspent);
        if (coin.isEmpty() || !coin.get().equals(expected)) {
          throw damaged(
              "output "
                  + p
                  + " of block "
                  + block.hash()
                  + " is "
                  + (coin.isEmpty() ? "missing from" : "different in")
                  + " the UTXO set");
        }
        view.put(p, Optional.empty());
      }
      if (!tx.isCoinbase()) {
        next -= tx.inputs().size();
        if (next < 0) {
          throw damaged("undo data of block " + block.hash() + " is short");
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
          UnspentOutput spent = undo.get(next + i);
          if (!spent.outPoint().equals(tx.inputs().get(i).previous())) {
            throw damaged("undo data of block " + block.hash() + " does not match its inputs");
          }
          view.put(spent.outPoint(), Optional.of(spent));
        }
      }
    }
    if (next != 0) {
      throw damaged("undo data of block " + block.hash() + " has entries no input spent");
    }
  }

  private static ChainDamagedException damaged(String what) {
    return new ChainDamagedException(
        "the chain file is damaged: " + what + ": restore it from a copy");
  }
}
