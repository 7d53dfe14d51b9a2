package io.minicoin.chain;

import static io.minicoin.testing.ChainAssertions.assertRefused;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.NOW;
import static io.minicoin.testing.ChainBuilder.REWARD;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per header and block-structure rule: each hand-built block is refused with its reason
 * and changes nothing.
 */
class BlockRejectionTest {
  @TempDir Path dir;
  ChainBuilder b;

  @BeforeEach
  void chainWithOneBlock() {
    b = ChainBuilder.onDisk(dir.resolve("chain.db"));
    b.mineOnTip();
  }

  @AfterEach
  void close() {
    b.close();
  }

  private int nextHeight() {
    return b.tip().height() + 1;
  }

  @Test
  void aHashAboveTheTargetIsHighHash() {
    assertRefused(b, ChainBuilder.withFailingNonce(b.nextBlock()), RejectReason.HIGH_HASH);
  }

  @Test
  void bitsOtherThanTheChainsAreBadDiffbits() {
    assertRefused(b, ChainBuilder.withBits(b.nextBlock(), 0x207ffffe), RejectReason.BAD_DIFFBITS);
  }

  @Test
  void aTimeMoreThanTwoHoursAheadOfTheClockIsTimeTooNew() {
    Block next = b.nextBlock();
    assertRefused(
        b,
        ChainBuilder.withTime(next, NOW + ChainParams.MAX_FUTURE_BLOCK_TIME + 1),
        RejectReason.TIME_TOO_NEW);
    assertThat(
            b.accept(ChainBuilder.withTime(next, NOW + ChainParams.MAX_FUTURE_BLOCK_TIME)).status())
        .isEqualTo(Blockchain.Status.NEW_TIP);
  }

  @Test
  void aTimeNotAfterTheMedianOfTheLastElevenIsTimeTooOld() {
    b.extend(b.tip(), 11);
    long median = b.chain().medianTimePast(b.tip().hash());
    assertThat(median).isEqualTo(b.tip().header().time() - 5 * 600);
    Block next = b.nextBlock();
    assertRefused(b, ChainBuilder.withTime(next, median), RejectReason.TIME_TOO_OLD);
    assertThat(b.accept(ChainBuilder.withTime(next, median + 1)).status())
        .isEqualTo(Blockchain.Status.NEW_TIP);
  }

  @Test
  void transactionsTheMerkleRootDoesNotCoverAreBadTxnmrklroot() {
    Block honest = b.nextBlock();
    Transaction otherCoinbase = b.coinbase(nextHeight(), REWARD, address(ALICE));
    assertRefused(
        b,
        ChainBuilder.withUncommittedTransactions(honest, List.of(otherCoinbase)),
        RejectReason.BAD_MERKLE_ROOT);
    b.accept(honest);
  }

  @Test
  void
      aRepeatedLastTransactionKeepingTheMerkleRootIsBadTxnsDuplicateAndTheHonestBlockIsStillAccepted() {
    Transaction toAlice =
        ChainBuilder.signed(
            MINER, List.of(b.coin(genesisOutput())), List.of(TxOut.to(address(ALICE), REWARD)));
    Transaction toBob =
        ChainBuilder.signed(
            MINER, List.of(b.coin(firstBlockOutput())), List.of(TxOut.to(address(BOB), REWARD)));
    Block honest = b.nextBlock(toAlice, toBob);
    List<Transaction> repeated = List.of(honest.transactions().get(0), toAlice, toBob, toBob);
    Block mutated = ChainBuilder.withUncommittedTransactions(honest, repeated);
    assertThat(mutated.hash()).isEqualTo(honest.hash());
    assertThat(mutated.computeMerkleRoot().root()).isEqualTo(honest.header().merkleRoot());

    assertRefused(b, mutated, RejectReason.BAD_TXNS_DUPLICATE);

    assertThat(b.accept(honest).status()).isEqualTo(Blockchain.Status.NEW_TIP);
    assertThat(b.balance(ALICE)).isEqualTo(REWARD);
    assertThat(b.balance(BOB)).isEqualTo(REWARD);
  }

  @Test
  void aBlockWithoutTransactionsIsBadBlkLength() {
    BlockIndexEntry tip = b.tip();
    Block empty =
        ChainBuilder.mine(
            ChainBuilder.header(tip.hash(), tip.header().time() + 600, List.of()), List.of());
    assertRefused(b, empty, RejectReason.BAD_BLOCK_LENGTH);
  }

  @Test
  void aBlockNotStartingWithACoinbaseIsBadCbMissing() {
    Transaction payment = b.pay(MINER, ALICE, 1);
    assertRefused(
        b,
        ChainBuilder.withTransactions(b.nextBlock(), List.of(payment)),
        RejectReason.BAD_CB_MISSING);
  }

  @Test
  void aSecondCoinbaseIsBadCbMultiple() {
    Block next = b.nextBlock();
    Transaction second = b.coinbase(nextHeight(), Amount.coins(1), address(ALICE));
    assertRefused(
        b,
        ChainBuilder.withTransactions(next, List.of(next.transactions().get(0), second)),
        RejectReason.BAD_CB_MULTIPLE);
  }

  @Test
  void aCoinbaseWithTheWrongHeightIsBadCbHeight() {
    Transaction wrongHeight = b.coinbase(nextHeight() + 1, REWARD, address(MINER));
    assertRefused(
        b,
        ChainBuilder.withTransactions(b.nextBlock(), List.of(wrongHeight)),
        RejectReason.BAD_CB_HEIGHT);
  }

  @Test
  void aCoinbaseTakingOneUnitMoreThanRewardPlusFeesIsBadCbAmount() {
    Transaction payment = b.pay(MINER, ALICE, Amount.coins(1), Amount.units(5000));
    Amount tooMuch = REWARD.plus(Amount.units(5000)).plus(Amount.units(1));
    assertRefused(b, b.blockOn(b.tip(), tooMuch, List.of(payment)), RejectReason.BAD_CB_AMOUNT);
    assertThat(b.accept(b.nextBlock(payment)).status()).isEqualTo(Blockchain.Status.NEW_TIP);
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(1));
  }

  @Test
  void theSameBlockTwiceIsDuplicate() {
    Block next = b.mineOnTip();
    assertRefused(b, next, RejectReason.DUPLICATE);
  }

  @Test
  void aBlockOnABlockThatWasRefusedIsBadPrevblk() {
    Block bad = b.blockOn(b.tip(), REWARD.plus(Amount.units(1)), List.of());
    assertRefused(b, bad, RejectReason.BAD_CB_AMOUNT);
    BlockIndexEntry badEntry = b.entry(bad);
    assertThat(badEntry.status()).isEqualTo(BlockStatus.INVALID);

    Block child = b.blockOn(badEntry);
    assertRefused(b, child, RejectReason.BAD_PREVBLK);
    assertRefused(b, b.blockOn(b.entry(child)), RejectReason.BAD_PREVBLK);
    assertRefused(b, bad, RejectReason.DUPLICATE_INVALID); // offered again: remembered as invalid
  }

  private OutPoint genesisOutput() {
    return new OutPoint(
        b.chain().block(b.chain().genesisHash()).orElseThrow().transactions().get(0).txid(), 0);
  }

  private OutPoint firstBlockOutput() {
    return new OutPoint(
        b.chain().block(b.tip().hash()).orElseThrow().transactions().get(0).txid(), 0);
  }
}
