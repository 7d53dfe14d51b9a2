package io.minicoin.chain;

import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.REWARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain follows the branch with the most work, and its UTXO set follows the chain. */
class ForkChoiceTest {
  @TempDir Path dir;
  ChainBuilder b;
  BlockIndexEntry genesis;

  @BeforeEach
  void newChain() {
    b = ChainBuilder.onDisk(dir.resolve("chain.db"));
    genesis = b.tip();
  }

  @AfterEach
  void close() {
    b.close();
  }

  private static List<Sha256Hash> hashes(List<Block> blocks) {
    return blocks.stream().map(Block::hash).toList();
  }

  /** What the incremental updates made must equal what a rebuild from the blocks makes. */
  private void assertUtxoSetEqualsARebuild() {
    List<UnspentOutput> incremental = b.utxoSet();
    b.chain().reindexUtxo();
    assertThat(b.utxoSet()).isEqualTo(incremental);
  }

  @Test
  void severalBlocksWithPaymentsAndFeesGiveTheRightBalances() {
    b.mineOnTip(
        b.pay(MINER, ALICE, Amount.coins(5), Amount.coins(1).minus(Amount.units(90_000_000))));
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(5));
    assertThat(b.balance(MINER)).isEqualTo(Amount.coins(15)); // 10 - 5 - 0.1 fee + 10.1 reward

    Transaction aliceToBob =
        b.pay(ALICE, ChainBuilder.BOB, Amount.coins(2), Amount.units(50_000_000));
    Transaction minerToCarol = b.pay(MINER, ChainBuilder.CAROL, 1);
    Block second = b.mineOnTip(aliceToBob, minerToCarol);
    assertThat(second.transactions().get(0).totalOut())
        .isEqualTo(REWARD.plus(Amount.units(50_000_000)));

    assertThat(b.balance(ALICE)).isEqualTo(Amount.units(250_000_000));
    assertThat(b.balance(ChainBuilder.BOB)).isEqualTo(Amount.coins(2));
    assertThat(b.balance(ChainBuilder.CAROL)).isEqualTo(Amount.coins(1));
    assertThat(b.balance(MINER)).isEqualTo(Amount.units(2_450_000_000L));
    assertThat(b.tip().height()).isEqualTo(2);
    assertUtxoSetEqualsARebuild();
  }

  @Test
  void aBlockWhoseParentIsUnknownIsAnOrphanAndNothingIsStored() {
    Block parent = b.nextBlock();
    Block child =
        b.blockOn(new BlockIndexEntry(parent.header(), 1, genesis.chainWork(), BlockStatus.STORED));
    Blockchain.Result result = b.accept(child);
    assertThat(result.status()).isEqualTo(Blockchain.Status.ORPHAN);
    assertThat(b.chain().header(child.hash())).isEmpty();
    assertThat(b.accept(parent).status()).isEqualTo(Blockchain.Status.NEW_TIP);
    assertThat(b.accept(child).status()).isEqualTo(Blockchain.Status.NEW_TIP);
  }

  @Test
  void aCoinbaseMayTakeLessThanItIsOwed() {
    Block modest = b.blockOn(b.tip(), Amount.coins(3), List.of());
    assertThat(b.accept(modest).status()).isEqualTo(Blockchain.Status.NEW_TIP);
    assertThat(b.balance(MINER)).isEqualTo(Amount.coins(13));
  }

  @Test
  void aBranchWithLessOrEqualWorkIsStoredButDoesNotBecomeTheTip() {
    Block a1 = b.mineOnTip(b.pay(MINER, ALICE, 3));
    Block a2 = b.mineOnTip();
    List<UnspentOutput> utxo = b.utxoSet();

    Block b1 = b.blockOn(genesis);
    assertThat(b.accept(b1).status()).isEqualTo(Blockchain.Status.SIDE_BRANCH);
    Block b2 = b.blockOn(b.entry(b1));
    assertThat(b.accept(b2).status())
        .isEqualTo(Blockchain.Status.SIDE_BRANCH); // equal work: the first seen stays

    assertThat(b.tip().hash()).isEqualTo(a2.hash());
    assertThat(b.entry(b2).status()).isEqualTo(BlockStatus.STORED);
    assertThat(b.chain().block(b2.hash())).isPresent();
    assertThat(b.utxoSet()).isEqualTo(utxo);
    assertThat(b.entry(a1).status()).isEqualTo(BlockStatus.CONNECTED);
  }

  @Test
  void aBranchWithMoreWorkTakesOverAndTheBalancesFollowIt() {
    Block a1 = b.mineOnTip(b.pay(MINER, ALICE, 3));
    Block a2 = b.mineOnTip();
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(3));
    assertThat(b.balance(MINER)).isEqualTo(Amount.coins(27));

    Block b1 = b.blockOn(genesis);
    b.accept(b1);
    Block b2 = b.blockOn(b.entry(b1));
    b.accept(b2);
    Block b3 = b.blockOn(b.entry(b2));
    Blockchain.Result result = b.accept(b3);

    assertThat(result.status()).isEqualTo(Blockchain.Status.NEW_TIP);
    assertThat(hashes(result.disconnected())).containsExactly(a1.hash(), a2.hash());
    assertThat(hashes(result.connected())).containsExactly(b1.hash(), b2.hash(), b3.hash());
    assertThat(b.tip().hash()).isEqualTo(b3.hash());
    assertThat(b.balance(ALICE)).isEqualTo(Amount.ZERO);
    assertThat(b.balance(MINER)).isEqualTo(Amount.coins(40));
    Optional<Sha256Hash> atHeight3 = b.chain().hashAt(3);
    assertThat(atHeight3).contains(b3.hash());
    assertUtxoSetEqualsARebuild();

    // and back: the first branch grows past the second again
    Block a3 = b.blockOn(b.entry(a2));
    assertThat(b.accept(a3).status()).isEqualTo(Blockchain.Status.SIDE_BRANCH);
    Blockchain.Result back = b.accept(b.blockOn(b.entry(a3)));
    assertThat(hashes(back.disconnected())).containsExactly(b1.hash(), b2.hash(), b3.hash());
    assertThat(back.connected()).hasSize(4);
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(3));
    assertThat(b.balance(MINER)).isEqualTo(Amount.coins(47));
    assertUtxoSetEqualsARebuild();
  }

  @Test
  void aHeavierBranchHoldingAnInvalidBlockLeavesTheBestChainAsItWas() {
    Block a1 = b.mineOnTip();
    List<UnspentOutput> utxo = b.utxoSet();
    Block greedy =
        b.blockOn(
            genesis, REWARD.plus(Amount.units(1)), List.of()); // not checked while on a side branch
    assertThat(b.accept(greedy).status()).isEqualTo(Blockchain.Status.SIDE_BRANCH);

    Block overtaking = b.blockOn(b.entry(greedy));
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> b.chain().accept(overtaking));

    assertThat(e.reason()).isEqualTo(RejectReason.BAD_PREVBLK);
    assertThat(e.getMessage()).contains("bad-cb-amount");
    assertThat(b.tip().hash()).isEqualTo(a1.hash());
    assertThat(b.utxoSet()).isEqualTo(utxo);
    assertThat(b.entry(greedy).status()).isEqualTo(BlockStatus.INVALID);
    assertThat(b.entry(overtaking).status()).isEqualTo(BlockStatus.INVALID);
  }

  @Test
  void aReorganizationDeeperThanOneHundredBlocksCompletes() {
    BlockIndexEntry oldTip = b.extend(genesis, 101);
    BlockIndexEntry side = b.extend(genesis, 101);
    assertThat(b.tip().hash()).isEqualTo(oldTip.hash());

    Blockchain.Result result = b.accept(b.blockOn(side));

    assertThat(result.disconnected()).hasSize(101);
    assertThat(result.connected()).hasSize(102);
    assertThat(b.tip().height()).isEqualTo(102);
    assertThat(b.balance(MINER)).isEqualTo(Amount.coins(10 * 103));
    assertUtxoSetEqualsARebuild();
  }
}
