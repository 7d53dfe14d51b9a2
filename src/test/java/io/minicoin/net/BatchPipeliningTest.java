package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Script;
import io.minicoin.core.Sighash;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.wallet.TransactionBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh node downloading over real TCP while the next batch is asked for before the current one
 * arrived (pipelining): every block arrives after its parent, and no round trip is wasted.
 */
@SuppressWarnings("try") // nodes are opened in try-with-resources to be closed, often unnamed
class BatchPipeliningTest {
  @TempDir Path dir;

  /**
   * Blocks of ~10 KiB: a batch of 500 is more than a serving node sends for one getdata (4 MiB), so
   * it answers notfound for the batch's tail while the next batch's inv is already on its way.
   */
  @Test
  void batchesLargerThanOneAnswerArriveInOrderWithoutOrphansOrExtraRequests() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    int height = 1_100;
    Block previous = GENESIS;
    for (int i = 1; i <= height; i++) {
      Block block = mineOn(centralChain, List.of(split(previous, 300)), Amount.ZERO, ALICE_ADDR);
      centralChain.accept(block);
      previous = block;
    }
    assertThat(previous.size()).isGreaterThan(8 * 1024 + 1024);
    Blockchain freshChain = newChain(dir.resolve("b.db"));
    int a = freePort();
    int b = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty());
        Node fresh = start(b, a, freshChain, Optional.empty())) {
      await("fresh node in sync", () -> freshChain.tip().height() == height);
      assertThat(freshChain.tip().hash()).isEqualTo(centralChain.tip().hash());
      // Broken: the next batch arrived before the first batch's tail, each of its blocks an orphan
      // (and each orphan another getblocks).
      assertThat(fresh.blockSync.orphansHeld).isZero();
      // One getblocks per batch of 500 at most (3 batches), and one more that finds nothing new.
      assertThat(fresh.blockSync.getBlocksSent + fresh.blockSync.nextBatch.sent)
          .isLessThanOrEqualTo(4);
    }
  }

  /**
   * Transactions the serving node relays mid-download (their inv goes to every peer, the
   * downloading one too) are no answer to the early getblocks: broken, each one made the node ask
   * for the next batch again at the batch's end, and the answer, blocks already on their way, read
   * as a batch it held.
   */
  @Test
  void transactionsAnnouncedByTheSyncPeerMidBatchCostNoExtraRequests() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    int height = 2_000;
    extend(centralChain, height);
    var coins = centralChain.unspentOf(ALICE_ADDR);
    Blockchain freshChain = newChain(dir.resolve("b.db"));
    int a = freePort();
    int b = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty());
        Node fresh = start(b, a, freshChain, Optional.empty())) {
      // One transaction after another while the fresh node downloads, each relayed to it.
      int sent = 0;
      while (freshChain.tip().height() < height && sent < coins.size()) {
        Transaction tx =
            TransactionBuilder.pay(
                ALICE, List.of(coins.get(sent++)), BOB_ADDR, Amount.coins(1), Amount.ZERO);
        central.submitTransaction(tx).get();
      }
      await("fresh node in sync", () -> freshChain.tip().height() == height);
      assertThat(sent).isGreaterThan(1);
      assertThat(fresh.blockSync.getBlocksSent + fresh.blockSync.nextBatch.sent)
          .isLessThanOrEqualTo(5); // 4 batches, 1 to spare
    }
  }

  /** Spends {@code block}'s coinbase to {@code outputs} outputs of Alice's: ~34 bytes each. */
  static Transaction split(Block block, int outputs) {
    Transaction coinbase = block.transactions().get(0);
    TxOut spent = coinbase.outputs().get(0);
    long each = spent.value().units() / outputs;
    List<TxOut> outs = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      outs.add(TxOut.to(ALICE_ADDR, Amount.units(each)));
    }
    OutPoint coin = new OutPoint(coinbase.txid(), 0);
    Transaction unsigned = new Transaction(List.of(new TxIn(coin, Script.EMPTY)), outs);
    byte[] der = ALICE.sign(Sighash.legacy(unsigned, 0, spent.scriptPubKey(), Sighash.ALL)).toDer();
    byte[] sig = Arrays.copyOf(der, der.length + 1);
    sig[der.length] = Sighash.ALL;
    return new Transaction(
        List.of(new TxIn(coin, Script.spending(sig, ALICE.publicKey().bytes()))), outs);
  }
}
