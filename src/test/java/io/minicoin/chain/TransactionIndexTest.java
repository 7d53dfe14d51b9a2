package io.minicoin.chain;

import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.chain.TransactionIndex.LocatedTransaction;
import io.minicoin.chain.TransactionIndex.Stats;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainDamagedException;
import io.minicoin.store.TxLocation;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction index, the spends table and the script histories agree with what a plain walk
 * over the best chain's blocks finds, after connecting, after a reorganization and after {@code
 * reindexutxo}.
 */
class TransactionIndexTest {
  static final List<PrivateKey> PEOPLE =
      IntStream.range(10, 14).mapToObj(ChainBuilder::key).toList();

  @TempDir Path dir;

  /** What a walk over every best-chain block finds for one script: the oracle. */
  private record Walk(
      List<Sha256Hash> newestFirst, Stats stats, Map<OutPoint, Sha256Hash> spends) {}

  private static Walk walk(ChainBuilder b, byte[] scriptHash) {
    Map<OutPoint, TxOut> outputs = new HashMap<>();
    Map<OutPoint, Sha256Hash> spends = new HashMap<>();
    Set<Sha256Hash> touching = new LinkedHashSet<>();
    long[] sums = new long[2];
    int[] counts = new int[2];
    for (int h = 0; h <= b.tip().height(); h++) {
      int height = h;
      Block block =
          b.chain().block(b.store().read(r -> r.hashAt(height)).orElseThrow()).orElseThrow();
      for (Transaction tx : block.transactions()) {
        if (!tx.isCoinbase()) {
          for (TxIn in : tx.inputs()) {
            TxOut spent = outputs.get(in.previous());
            spends.put(in.previous(), tx.txid());
            if (Arrays.equals(TransactionIndex.scriptHash(spent.scriptPubKey()), scriptHash)) {
              counts[1]++;
              sums[1] += spent.value().units();
              touching.add(tx.txid());
            }
          }
        }
        for (int i = 0; i < tx.outputs().size(); i++) {
          TxOut out = tx.outputs().get(i);
          outputs.put(new OutPoint(tx.txid(), i), out);
          if (Arrays.equals(TransactionIndex.scriptHash(out.scriptPubKey()), scriptHash)) {
            counts[0]++;
            sums[0] += out.value().units();
            touching.add(tx.txid());
          }
        }
      }
    }
    List<Sha256Hash> newestFirst = new ArrayList<>(touching);
    java.util.Collections.reverse(newestFirst);
    return new Walk(
        newestFirst, new Stats(counts[0], sums[0], counts[1], sums[1], touching.size()), spends);
  }

  /** Every page of a script's history, as a client pages through it. */
  private static List<Sha256Hash> allPages(TransactionIndex index, byte[] scriptHash, int size) {
    List<Sha256Hash> all = new ArrayList<>();
    Optional<Sha256Hash> last = Optional.empty();
    while (true) {
      List<LocatedTransaction> page = index.history(scriptHash, last, size);
      assertThat(page.size()).isLessThanOrEqualTo(size);
      if (page.isEmpty()) {
        return all;
      }
      page.forEach(t -> all.add(t.tx().txid()));
      last = Optional.of(page.get(page.size() - 1).tx().txid());
    }
  }

  private static void assertIndexesMatchTheBlocks(ChainBuilder b) {
    TransactionIndex index = new TransactionIndex(b.chain());
    List<PrivateKey> everyone = new ArrayList<>(PEOPLE);
    everyone.add(MINER);
    Map<OutPoint, Sha256Hash> spends = null;
    for (PrivateKey k : everyone) {
      byte[] sh = TransactionIndex.scriptHash(address(k).lockingScript());
      Walk expected = walk(b, sh);
      spends = expected.spends();
      assertThat(index.stats(sh)).isEqualTo(expected.stats());
      assertThat(allPages(index, sh, 25)).isEqualTo(expected.newestFirst());
      assertThat(allPages(index, sh, 3)).isEqualTo(expected.newestFirst());
      // the address index and the history give the same coins
      assertThat(index.unspent(sh).stream().map(c -> c.coin()).sorted(byOutPoint()).toList())
          .isEqualTo(
              index.unspent(address(k)).stream().map(c -> c.coin()).sorted(byOutPoint()).toList());
    }
    spends.forEach(
        (out, spender) -> assertThat(index.spender(out).orElseThrow().txid()).isEqualTo(spender));
    for (int h = 0; h <= b.tip().height(); h++) {
      int height = h;
      Sha256Hash hash = b.store().read(r -> r.hashAt(height)).orElseThrow();
      Block block = b.chain().block(hash).orElseThrow();
      for (int pos = 0; pos < block.transactions().size(); pos++) {
        Transaction tx = block.transactions().get(pos);
        LocatedTransaction found = index.transaction(tx.txid()).orElseThrow();
        assertThat(found.tx()).isEqualTo(tx);
        assertThat(found.confirmation().orElseThrow())
            .isEqualTo(new TransactionIndex.Confirmation(hash, h, block.header().time()));
        for (int i = 0; i < found.prevouts().size(); i++) {
          OutPoint p = tx.inputs().get(i).previous();
          Transaction parent = index.transaction(p.txid()).orElseThrow().tx();
          assertThat(found.prevouts().get(i)).isEqualTo(parent.outputs().get((int) p.index()));
        }
      }
    }
  }

  private static java.util.Comparator<UnspentOutput> byOutPoint() {
    return java.util.Comparator.comparing((UnspentOutput c) -> c.outPoint().txid())
        .thenComparingLong(c -> c.outPoint().index());
  }

  @Test
  void theIndexesAgreeWithAWalkOverTheBlocks() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 30);
      assertIndexesMatchTheBlocks(b);
    }
  }

  @Test
  void aReorganizationTakesTheOldBranchOutOfTheIndexesAndReindexGivesTheSame() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 12);
      BlockIndexEntry fork = b.entry(b.hashAt(6)).orElseThrow();
      Block dropped = b.chain().block(b.store().read(r -> r.hashAt(9)).orElseThrow()).orElseThrow();
      Transaction droppedPayment = dropped.transactions().get(1);
      OutPoint droppedSpend = droppedPayment.inputs().get(0).previous();
      TransactionIndex index = new TransactionIndex(b.chain());
      assertThat(index.transaction(droppedPayment.txid())).isPresent();
      assertThat(index.spender(droppedSpend)).isPresent();

      BlockIndexEntry side = b.extend(fork, 7);

      assertThat(b.tip().hash()).isEqualTo(side.hash());
      assertThat(index.transaction(droppedPayment.txid())).isEmpty();
      assertThat(index.confirmation(droppedPayment.txid())).isEmpty();
      assertThat(index.spender(droppedSpend)).isEmpty();
      assertIndexesMatchTheBlocks(b);

      b.chain().reindexUtxo();
      assertIndexesMatchTheBlocks(b);
      assertThat(index.transaction(droppedPayment.txid())).isEmpty();
    }
  }

  @Test
  void pagingAfterAnUnconfirmedTransactionGivesAnEmptyPage() {
    try (ChainBuilder b = ChainBuilder.inMemory()) {
      b.mineBusyBlocks(PEOPLE, 3);
      byte[] sh = TransactionIndex.scriptHash(address(MINER).lockingScript());
      assertThat(
              new TransactionIndex(b.chain())
                  .history(sh, Optional.of(Sha256Hash.of(new byte[] {1})), 25))
          .isEmpty();
    }
  }

  @Test
  void aCoinPageAfterATransactionWhoseBlockTheIndexLostIsNamedAsDamage() {
    // The transaction index says the cursor's transaction is in a block the block index no
    // longer has: a record the file has lost, named as damage, not a bare NoSuchElementException.
    try (ChainBuilder b = ChainBuilder.inMemory()) {
      b.mineBusyBlocks(PEOPLE, 3);
      byte[] sh = TransactionIndex.scriptHash(address(MINER).lockingScript());
      Sha256Hash txid = b.utxoSet().get(0).outPoint().txid();
      Sha256Hash lostBlock = Sha256Hash.of(new byte[] {7});
      b.store().writeAll(w -> w.putTxLocation(txid, new TxLocation(lostBlock, 0)));
      assertThatThrownBy(
              () -> new TransactionIndex(b.chain()).unspentPage(sh, Optional.of(txid), 5))
          .isInstanceOf(ChainDamagedException.class)
          .hasMessageContaining(lostBlock.toString());
    }
  }
}
