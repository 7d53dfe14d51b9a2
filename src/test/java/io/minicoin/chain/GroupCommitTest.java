package io.minicoin.chain;

import static io.minicoin.testing.ChainAssertions.assertUtxoSetMatchesReindex;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.MINER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on the real LMDB file: a run of downloaded blocks connected in one store transaction
 * stores exactly what connecting them one by one stores, and a run with any bad block in it writes
 * nothing at all, so the blocks can be offered one by one and the bad one refused as usual.
 */
class GroupCommitTest {
  static final List<PrivateKey> PEOPLE =
      IntStream.range(10, 15).mapToObj(ChainBuilder::key).toList();

  @TempDir Path dir;

  /** The best chain's blocks from height {@code from} to {@code to}, inclusive. */
  private static List<Block> blocks(ChainBuilder b, int from, int to) {
    List<Block> run = new ArrayList<>();
    for (int h = from; h <= to; h++) {
      run.add(b.chain().requireBlock(b.hashAt(h)));
    }
    return run;
  }

  @Test
  void runsConnectedInOneTransactionStoreWhatBlockByBlockStored() {
    try (ChainBuilder oneByOne = ChainBuilder.onDisk(dir.resolve("one-by-one.db"));
        ChainBuilder grouped = ChainBuilder.onDisk(dir.resolve("grouped.db"))) {
      // busy blocks: each spends outputs of earlier blocks and of itself
      oneByOne.mineBusyBlocks(PEOPLE, 60);

      assertThat(grouped.chain().acceptRun(blocks(oneByOne, 1, 25))).isPresent();
      Blockchain.Result second = grouped.chain().acceptRun(blocks(oneByOne, 26, 60)).orElseThrow();

      assertThat(second.status()).isEqualTo(Blockchain.Status.NEW_TIP);
      assertThat(second.connected()).hasSize(35);
      assertThat(grouped.tip()).isEqualTo(oneByOne.tip());
      assertThat(grouped.utxoSet()).isEqualTo(oneByOne.utxoSet());
      for (int h = 1; h <= 60; h++) {
        assertThat(grouped.hashAt(h)).isEqualTo(oneByOne.hashAt(h));
        assertThat(grouped.chain().spentBy(grouped.hashAt(h)))
            .as("undo data of height %d", h)
            .isEqualTo(oneByOne.chain().spentBy(oneByOne.hashAt(h)));
      }
      for (PrivateKey p : PEOPLE) {
        assertThat(grouped.balance(p)).isEqualTo(oneByOne.balance(p));
      }
      assertUtxoSetMatchesReindex(grouped.chain());
    }
  }

  @Test
  void aRunWithABadSignatureInItsMiddleWritesNothingAndOneByOneRefusesJustThatBlock() {
    try (ChainBuilder source = ChainBuilder.onDisk(dir.resolve("source.db"));
        ChainBuilder fresh = ChainBuilder.onDisk(dir.resolve("fresh.db"))) {
      source.mineBusyBlocks(PEOPLE, 5);
      // Signed, then changed: the signature no longer covers the outputs. Signatures are checked
      // at the end of the run, after the block's outputs were already written in the transaction.
      Transaction paid = source.pay(MINER, ALICE, 1);
      TxOut first = paid.outputs().get(0);
      List<TxOut> changed = new ArrayList<>(paid.outputs());
      changed.set(0, new TxOut(first.value().minus(Amount.units(1)), first.scriptPubKey()));
      BlockIndexEntry fifth = source.tip();
      Block bad = source.blockOn(fifth, ChainBuilder.withOutputs(paid, changed));
      Block afterBad =
          source.blockOn(
              new BlockIndexEntry(
                  bad.header(),
                  6,
                  fifth.chainWork().add(CompactTarget.work(ChainBuilder.BITS)),
                  BlockStatus.STORED));
      List<Block> run = new ArrayList<>(blocks(source, 1, 5));
      run.add(bad);
      run.add(afterBad);
      List<io.minicoin.core.UnspentOutput> before = fresh.utxoSet();

      assertThat(fresh.chain().acceptRun(run)).isEmpty();

      assertThat(fresh.tip().height()).isZero();
      assertThat(fresh.utxoSet()).isEqualTo(before);
      for (Block b : run) {
        assertThat(fresh.chain().header(b.hash())).as("block %s stored", b.hash()).isEmpty();
      }
      for (Block good : run.subList(0, 5)) {
        fresh.accept(good);
      }
      VerificationException refused =
          catchThrowableOfType(VerificationException.class, () -> fresh.chain().accept(bad));
      assertThat(refused.reason()).isEqualTo(RejectReason.BAD_SIG);
      assertThat(fresh.tip()).isEqualTo(fifth);
      assertUtxoSetMatchesReindex(fresh.chain());
    }
  }

  @Test
  void aRunThatDoesNotStartAtTheTipWritesNothing() {
    try (ChainBuilder source = ChainBuilder.onDisk(dir.resolve("source.db"));
        ChainBuilder fresh = ChainBuilder.onDisk(dir.resolve("fresh.db"))) {
      source.mineBusyBlocks(PEOPLE, 6);

      assertThat(fresh.chain().acceptRun(blocks(source, 2, 6))).isEmpty(); // block 1 is missing

      assertThat(fresh.tip().height()).isZero();
      assertThat(fresh.chain().header(source.hashAt(2))).isEmpty();
    }
  }
}
