package io.minicoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a download group takes a block, and when it must be connected. */
class DownloadGroupTest {
  private static final Peer PEER = null; // the group only compares peers

  /** {@code n} blocks, each the child of the one before, the first on the builder's tip. */
  private static List<Block> chainOf(ChainBuilder b, int n) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      blocks.add(b.mineOnTip());
    }
    return blocks;
  }

  @Test
  void theFirstBlockMustExtendTheTipAndEachNextOneTheBlockBeforeIt() {
    try (ChainBuilder b = ChainBuilder.inMemory()) {
      var tip = b.tip().hash();
      List<Block> blocks = chainOf(b, 3);
      DownloadGroup group = new DownloadGroup();

      assertThat(group.continues(PEER, blocks.get(1), tip)).isFalse();
      assertThat(group.continues(PEER, blocks.get(0), tip)).isTrue();
      group.add(PEER, blocks.get(0));
      assertThat(group.continues(PEER, blocks.get(2), null)).isFalse();
      assertThat(group.continues(PEER, blocks.get(1), null)).isTrue();
      group.add(PEER, blocks.get(1));

      assertThat(group.contains(blocks.get(1).hash())).isTrue();
      assertThat(group.contains(blocks.get(2).hash())).isFalse();
      assertThat(group.take()).containsExactly(blocks.get(0), blocks.get(1));
      assertThat(group.isEmpty()).isTrue();
      assertThat(group.contains(blocks.get(1).hash())).isFalse();
    }
  }

  @Test
  void aGroupIsDueAtItsBlockCountItsTransactionCountOrItsAge() {
    try (ChainBuilder b = ChainBuilder.inMemory()) {
      DownloadGroup byBlocks = new DownloadGroup();
      for (Block block : chainOf(b, DownloadGroup.MAX_BLOCKS)) {
        assertThat(byBlocks.isFull()).isFalse();
        byBlocks.add(PEER, block);
      }
      assertThat(byBlocks.isFull()).isTrue();
      assertThat(byBlocks.isDue(System.nanoTime())).isTrue();

      // The group counts transactions, it does not check them: one coinbase repeated will do.
      Block one = b.mineOnTip();
      Transaction coinbase = one.transactions().get(0);
      Block busy =
          new Block(
              one.header(), Collections.nCopies(DownloadGroup.MAX_TRANSACTIONS / 2, coinbase));
      DownloadGroup byTransactions = new DownloadGroup();
      byTransactions.add(PEER, busy);
      assertThat(byTransactions.isFull()).isFalse();
      byTransactions.add(PEER, busy);
      assertThat(byTransactions.isFull()).isTrue();

      DownloadGroup byAge = new DownloadGroup();
      long now = System.nanoTime();
      assertThat(byAge.isDue(now + DownloadGroup.MAX_AGE_NANOS)).as("empty").isFalse();
      byAge.add(PEER, one);
      assertThat(byAge.isDue(now - 1)).isFalse();
      assertThat(byAge.isDue(System.nanoTime() + DownloadGroup.MAX_AGE_NANOS)).isTrue();
    }
  }
}
