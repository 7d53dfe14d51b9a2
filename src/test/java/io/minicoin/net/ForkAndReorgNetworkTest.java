package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static io.minicoin.testing.ChainAssertions.assertUtxoSetMatchesReindex;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.wallet.TransactionBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes that disagree end up on the chain with the most work, and their UTXO sets stay exact. */
@SuppressWarnings("try") // nodes are opened in try-with-resources to be closed, often unnamed
class ForkAndReorgNetworkTest {
  @TempDir Path dir;

  private static void announce(Node node, Block block) {
    node.submit(() -> node.blockSync.onOwnBlock(block));
  }

  @Test
  void twoMinersFindABlockAtTheSameHeightAndTheNextBlockDecides() throws Exception {
    Blockchain a = newChain(dir.resolve("a.db"));
    extend(a, 2);
    Blockchain b = newChain(dir.resolve("b.db"));
    Blockchain c = newChain(dir.resolve("c.db"));
    int pa = freePort();
    try (Node central = start(pa, pa, a, Optional.empty());
        Node minerB = start(freePort(), pa, b, Optional.empty());
        Node minerC = start(freePort(), pa, c, Optional.empty())) {
      await("all in sync", () -> b.tip().height() == 2 && c.tip().height() == 2);

      Block fromB = mineOn(b, List.of(), Amount.ZERO, ALICE_ADDR);
      Block fromC = mineOn(c, List.of(), Amount.ZERO, BOB_ADDR);
      announce(minerB, fromB);
      announce(minerC, fromC);
      await(
          "both blocks reached the central node",
          () -> a.header(fromB.hash()).isPresent() && a.header(fromC.hash()).isPresent());
      assertThat(a.tip().height()).isEqualTo(3);

      // B finds the next block: its branch has more work, and everyone follows it.
      await("B holds its own block", () -> b.tip().hash().equals(fromB.hash()));
      Block decider = mineOn(b, List.of(), Amount.ZERO, ALICE_ADDR);
      announce(minerB, decider);
      await(
          "every node on the decider",
          () ->
              a.tip().hash().equals(decider.hash())
                  && b.tip().hash().equals(decider.hash())
                  && c.tip().hash().equals(decider.hash()));
      assertThat(c.balance(BOB_ADDR)).as("C's own block was disconnected").isEqualTo(Amount.ZERO);
      for (Blockchain chain : List.of(a, b, c)) {
        assertUtxoSetMatchesReindex(chain);
      }
    }
  }

  @Test
  void aPartitionHealsOnTheLongerSideAndTheLosersTransactionsReturnToItsPool() throws Exception {
    Blockchain a = newChain(dir.resolve("a.db"));
    Blockchain c = newChain(dir.resolve("c.db"));
    // The shorter side (C) mines a payment from the genesis coin, which the longer side never
    // spends.
    Transaction payment =
        TransactionBuilder.pay(
            ALICE, c.unspentOf(ALICE_ADDR), BOB_ADDR, Amount.coins(4), Amount.ZERO);
    c.accept(mineOn(c, List.of(payment), Amount.ZERO, BOB_ADDR));
    extend(c, 1);
    extend(a, 4);
    assertThat(c.balance(BOB_ADDR)).isEqualTo(Amount.coins(14));

    int pa = freePort();
    int pc = freePort();
    try (Node longer = start(pa, pa, a, Optional.empty());
        Node shorter = start(pc, pc, c, Optional.empty())) { // its own central: cut off
      shorter.submit(
          () -> {
            try {
              shorter.connect(loopback(pa));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      await("the shorter side reorganized", () -> c.tip().hash().equals(a.tip().hash()));
      assertThat(c.balance(BOB_ADDR)).isEqualTo(a.balance(BOB_ADDR)).isEqualTo(Amount.ZERO);
      assertThat(c.balance(ALICE_ADDR)).isEqualTo(a.balance(ALICE_ADDR));
      await("the lost payment is back in the pool", () -> shorter.mempool.contains(payment.txid()));
      assertUtxoSetMatchesReindex(c);
    }
  }

  @Test
  void aReorganizationDeeperThanOneBatchOf500HashesCompletes() throws Exception {
    Blockchain a = newChain(dir.resolve("a.db"));
    Blockchain c = newChain(dir.resolve("c.db"));
    extend(c, 510);
    extend(a, 1020);
    int pa = freePort();
    int pc = freePort();
    try (Node longer = start(pa, pa, a, Optional.empty());
        Node shorter = start(pc, pa, c, Optional.empty())) {
      await("510 blocks replaced by 1020", () -> c.tip().hash().equals(a.tip().hash()));
      assertThat(c.tip().height()).isEqualTo(1020);
      assertUtxoSetMatchesReindex(c);
    }
  }
}
