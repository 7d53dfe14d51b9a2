package io.minicoin.chain;

import static io.minicoin.testing.ChainAssertions.assertRefused;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block's signatures are checked together on all cores, after its inputs are looked up in order:
 * a good block still connects, a bad signature anywhere still refuses it, and with several bad ones
 * the reason names the first in block order.
 */
class ParallelSignatureChecksTest {
  /** More than two chunks handed to other threads, and a tail the connecting thread runs. */
  private static final int PAYMENTS = 2 * SignatureChecks.CHUNK + 5;

  @TempDir Path dir;
  ChainBuilder b;
  List<OutPoint> coinbases = new ArrayList<>();

  @BeforeEach
  void minerHasACoinbasePerPayment() {
    b = ChainBuilder.onDisk(dir.resolve("chain.db"));
    for (int i = 0; i < PAYMENTS; i++) {
      Block block = b.mineOnTip();
      coinbases.add(new OutPoint(block.transactions().get(0).txid(), 0));
    }
  }

  @AfterEach
  void close() {
    b.close();
  }

  private List<Transaction> payments() {
    List<Transaction> txs = new ArrayList<>();
    for (OutPoint coinbase : coinbases) {
      txs.add(
          ChainBuilder.signed(
              MINER,
              List.of(b.coin(coinbase)),
              List.of(TxOut.to(address(ALICE), Amount.coins(1)))));
    }
    return txs;
  }

  /** The same transaction paying one unit more: its signature no longer covers it. */
  private static Transaction tampered(Transaction tx) {
    TxOut out = tx.outputs().get(0);
    return ChainBuilder.withOutputs(
        tx, List.of(new TxOut(out.value().plus(Amount.units(1)), out.scriptPubKey())));
  }

  @Test
  void aBlockOfManyGoodSignaturesConnects() {
    b.mineOnTip(payments().toArray(Transaction[]::new));
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(PAYMENTS));
  }

  @Test
  void oneBadSignatureAmongManyRefusesTheBlock() {
    List<Transaction> txs = payments();
    txs.set(11, tampered(txs.get(11)));
    VerificationException e =
        assertRefused(b, b.nextBlock(txs.toArray(Transaction[]::new)), RejectReason.BAD_SIG);
    assertThat(e.getMessage()).contains(txs.get(11).txid() + " input 0");
  }

  @Test
  void withSeveralBadSignaturesTheFirstInBlockOrderIsNamed() {
    for (int attempt = 0; attempt < 20; attempt++) { // thread timing must never change the answer
      List<Transaction> txs = payments();
      for (int bad : new int[] {3, 9, 14}) {
        txs.set(bad, tampered(txs.get(bad)));
      }
      VerificationException e =
          assertRefused(b, b.nextBlock(txs.toArray(Transaction[]::new)), RejectReason.BAD_SIG);
      assertThat(e.getMessage()).contains(txs.get(3).txid() + " input 0");
    }
  }

  @Test
  void aBadSignatureInALaterChunkOrInTheTailIsFoundAndNamedFirstInBlockOrder() {
    for (int[] bads : new int[][] {{SignatureChecks.CHUNK + 7, PAYMENTS - 2}, {PAYMENTS - 1}}) {
      List<Transaction> txs = payments();
      for (int bad : bads) {
        txs.set(bad, tampered(txs.get(bad)));
      }
      VerificationException e =
          assertRefused(b, b.nextBlock(txs.toArray(Transaction[]::new)), RejectReason.BAD_SIG);
      assertThat(e.getMessage()).contains(txs.get(bads[0]).txid() + " input 0");
    }
  }

  @Test
  void everyCheckRunsExactlyOnceAndTheFirstFailureInOrderIsThrown() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      int n = 5 * SignatureChecks.CHUNK + 3;
      AtomicIntegerArray runs = new AtomicIntegerArray(n);
      SignatureChecks checks = new SignatureChecks();
      for (int i = 0; i < n; i++) {
        int index = i;
        checks.add(
            () -> {
              runs.incrementAndGet(index);
              if (index == 70 || index == 71 || index == 150) {
                throw new VerificationException(RejectReason.BAD_SIG, "check " + index);
              }
            });
      }
      assertThat(checks.size()).isEqualTo(n);
      VerificationException e = assertThrows(VerificationException.class, checks::runAll);
      assertThat(e.getMessage()).contains("check 70");
      // runAll throws at the first failing chunk in order; a later one may still be running on a
      // pool thread (its run is not closed here, so nothing stops it).
      assertThat(ForkJoinPool.commonPool().awaitQuiescence(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < n; i++) {
        // A chunk stops at its first failure; every other check ran, and none twice.
        int expected = skipped(i, 70) || skipped(i, 150) ? 0 : 1;
        assertThat(runs.get(i)).as("runs of check %d", i).isEqualTo(expected);
      }
    }
  }

  @Test
  void anErrorOnAnotherThreadRefusesTheRunInsteadOfPassingIt() throws Exception {
    // A check that fails with an Error (out of memory, a native library that did not link) on a
    // pool thread must reach the connecting thread: a run whose checks did not all pass is never
    // valid. Every chunk is left to the pool (the caller waits until each was taken) so the errors
    // happen on other threads only.
    assumeTrue(
        Runtime.getRuntime().availableProcessors() >= 2, "checks are handed off on 2+ cores only");
    for (int attempt = 0; attempt < 20; attempt++) {
      int chunks = 3;
      // A chunk stops at its first failure: one check runs per chunk.
      CountDownLatch taken = new CountDownLatch(chunks);
      SignatureChecks checks = new SignatureChecks();
      for (int i = 0; i < chunks * SignatureChecks.CHUNK; i++) {
        checks.add(
            () -> {
              taken.countDown();
              throw new OutOfMemoryError("check on another thread");
            });
      }
      assertThat(taken.await(30, TimeUnit.SECONDS)).as("the pool took the chunks").isTrue();
      OutOfMemoryError e = assertThrows(OutOfMemoryError.class, checks::runAll);
      assertThat(e).hasMessage("check on another thread");
    }
  }

  @Test
  void aCancelledRunStopsTheChecksAlreadyHandedToOtherThreads() throws Exception {
    // A download group given up before its checks ran (a missing input, BIP 30, a store that must
    // grow) cancels them: a chunk a pool thread is in stops before its next check, a chunk not yet
    // taken runs none. Every check waits until the cancel, so each chunk a thread took has run
    // exactly one check by then, however many threads the pool has.
    assumeTrue(
        Runtime.getRuntime().availableProcessors() >= 2, "checks are handed off on 2+ cores only");
    int chunks = 5;
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch firstTaken = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    SignatureChecks checks = new SignatureChecks();
    for (int i = 0; i < chunks * SignatureChecks.CHUNK; i++) {
      checks.add(
          () -> {
            ran.incrementAndGet();
            firstTaken.countDown();
            try {
              cancelled.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    assertThat(firstTaken.await(30, TimeUnit.SECONDS)).as("the pool took a chunk").isTrue();
    checks.close(); // without runAll: given up
    cancelled.countDown();
    assertThat(ForkJoinPool.commonPool().awaitQuiescence(30, TimeUnit.SECONDS))
        .as("the pool finished")
        .isTrue();
    // Without the cancel every one of the 160 checks would have run.
    assertThat(ran.get()).isBetween(1, chunks);
    assertThrows(IllegalStateException.class, checks::runAll);
  }

  @Test
  void closingAfterRunAllPassedGivesNothingUpAndClosingBeforeRefusesRunAll() throws Exception {
    SignatureChecks passed = new SignatureChecks();
    passed.add(() -> {});
    passed.runAll();
    passed.close();
    passed.runAll(); // still a pass: nothing was given up

    SignatureChecks abandoned = new SignatureChecks();
    abandoned.add(() -> {});
    abandoned.close();
    assertThrows(IllegalStateException.class, abandoned::runAll);
  }

  @Test
  void aBlockRefusedAfterItsChecksWereHandedOffGivesThemUp() throws Exception {
    // Block by block (BlockRules.checkConnect): a missing input after two chunks of good
    // signatures were handed off refuses the block before its checks run; the handed-off chunks
    // must then run none of them.
    Block block = b.nextBlock(withAMissingInputAfter(payments()).toArray(Transaction[]::new));
    long givenUp =
        givenUpWhileThePoolIsBusy(
            () -> assertRefused(b, block, RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT));
    assertThat(givenUp).isEqualTo(2 * SignatureChecks.CHUNK);
  }

  @Test
  void aDownloadedRunGivenUpAfterItsChecksWereHandedOffGivesThemUp() throws Exception {
    // The same block offered as a run (GroupCommit): nothing is written, and the chunks handed
    // off run none of their checks.
    Block block = b.nextBlock(withAMissingInputAfter(payments()).toArray(Transaction[]::new));
    long givenUp =
        givenUpWhileThePoolIsBusy(() -> assertThat(b.chain().acceptRun(List.of(block))).isEmpty());
    assertThat(givenUp).isEqualTo(2 * SignatureChecks.CHUNK);
  }

  /** {@code txs} and after them one spending an output that does not exist. */
  private List<Transaction> withAMissingInputAfter(List<Transaction> txs) {
    UnspentOutput missing =
        new UnspentOutput(
            new OutPoint(coinbases.get(0).txid(), 7),
            TxOut.to(address(MINER), Amount.coins(1)),
            1,
            false);
    List<Transaction> all = new ArrayList<>(txs);
    all.add(
        ChainBuilder.signed(
            MINER, List.of(missing), List.of(TxOut.to(address(ALICE), Amount.coins(1)))));
    return all;
  }

  /**
   * How many signature checks the process gave up during {@code action}, run while every thread of
   * the common pool is held: the chunks {@code action} hands off wait in the pool's queue and are
   * taken only after it returned, so each either runs all its checks or gives them all up.
   */
  private static long givenUpWhileThePoolIsBusy(Runnable action) throws InterruptedException {
    assumeTrue(
        Runtime.getRuntime().availableProcessors() >= 2, "checks are handed off on 2+ cores only");
    int threads = ForkJoinPool.getCommonPoolParallelism();
    CountDownLatch held = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < threads; i++) {
      ForkJoinPool.commonPool()
          .execute(
              () -> {
                held.countDown();
                awaitUninterruptibly(release);
              });
    }
    long before;
    try {
      assertThat(held.await(30, TimeUnit.SECONDS)).as("every pool thread is held").isTrue();
      before = SignatureChecks.givenUp();
      action.run();
    } finally {
      release.countDown();
    }
    assertThat(ForkJoinPool.commonPool().awaitQuiescence(30, TimeUnit.SECONDS))
        .as("the pool finished")
        .isTrue();
    return SignatureChecks.givenUp() - before;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether check {@code i} comes after {@code failed} in the same chunk. */
  private static boolean skipped(int i, int failed) {
    return i > failed && i / SignatureChecks.CHUNK == failed / SignatureChecks.CHUNK;
  }
}
