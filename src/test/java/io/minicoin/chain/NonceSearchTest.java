package io.minicoin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.BlockHeader;
import io.minicoin.core.ByteReader;
import io.minicoin.crypto.Sha256Hash;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NonceSearchTest {
  private static final String BLOCK_100000 =
      "0100000050120119172a610421a6c3011dd330d9df07b63616c2cc1f1cd00200000000006657a9252"
          + "aacd5c0b2940996ecff952228c3067cc38d4885efb5a4ac4247e9f337221b4d4c86041b0f2b5710";
  private static final int REAL_NONCE = 0x10572b0f;

  private static BlockHeader template(int bits, int nonce) {
    return new BlockHeader(
        1,
        Sha256Hash.fromHex("00000000000000000000000000000000000000000000000000000000000000ab"),
        Sha256Hash.fromHex("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"),
        1_700_000_000L,
        bits,
        nonce);
  }

  private static void assertOnlyNonceDiffers(BlockHeader solved, BlockHeader template) {
    assertThat(solved.meetsOwnTarget()).isTrue();
    assertThat(solved.version()).isEqualTo(template.version());
    assertThat(solved.previous()).isEqualTo(template.previous());
    assertThat(solved.merkleRoot()).isEqualTo(template.merkleRoot());
    assertThat(solved.time()).isEqualTo(template.time());
    assertThat(solved.bits()).isEqualTo(template.bits());
    assertThat(solved.withNonce(template.nonce())).isEqualTo(template);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x207fffff, 0x1f00ffff})
  void solvesEasyTargets(int bits) {
    for (int threads : new int[] {1, 2, 4}) {
      BlockHeader template = template(bits, 12345);
      NonceSearch.Result r = NonceSearch.search(template, threads, () -> false);
      assertThat(r.outcome()).isEqualTo(NonceSearch.Outcome.FOUND);
      assertThat(r.hashes()).isPositive();
      assertOnlyNonceDiffers(r.header().orElseThrow(), template);
      assertOnlyNonceDiffers(
          NonceSearch.solve(template, threads, () -> false).orElseThrow(), template);
    }
    assertOnlyNonceDiffers(
        NonceSearch.solve(template(bits, -7), () -> false).orElseThrow(), template(bits, -7));
  }

  @Test
  @Timeout(60) // a search that ignores cancellation would run for hours
  void cancellationStopsTheSearchAndItsWorkers() {
    BlockHeader template = template(0x1d00ffff, 0);
    AtomicInteger polls = new AtomicInteger();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    NonceSearch.Result r =
        NonceSearch.search(
            template, NonceSearch.defaultThreads(), () -> polls.incrementAndGet() >= 3);
    assertThat(r.outcome()).isEqualTo(NonceSearch.Outcome.CANCELLED);
    assertThat(r.header()).isEmpty();
    assertThat(polls.get()).isEqualTo(3);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("every worker of this search has ended when it returns")
        .noneMatch(t -> t.getName().startsWith("pow-") && !before.contains(t));
    assertThat(NonceSearch.solve(template, 2, () -> true)).isEmpty();
  }

  @Test
  @Timeout(60)
  void interruptCancelsAndKeepsTheFlag() throws Exception {
    AtomicReference<NonceSearch.Outcome> outcome = new AtomicReference<>();
    AtomicBoolean keptFlag = new AtomicBoolean();
    CountDownLatch searching = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              NonceSearch.Result r =
                  NonceSearch.search(
                      template(0x1d00ffff, 0),
                      2,
                      () -> {
                        searching.countDown();
                        return false;
                      });
              outcome.set(r.outcome());
              keptFlag.set(Thread.currentThread().isInterrupted());
            });
    t.start();
    searching.await(); // the search is polling: its workers run
    t.interrupt();
    t.join();
    assertThat(outcome.get()).isEqualTo(NonceSearch.Outcome.CANCELLED);
    assertThat(keptFlag.get()).as("the interrupt flag is set again").isTrue();
  }

  @Test
  void findsTheRealNonceOfMainnetBlock100000() {
    BlockHeader real = BlockHeader.read(new ByteReader(HexFormat.of().parseHex(BLOCK_100000)));
    assertThat(real.nonce()).isEqualTo(REAL_NONCE);
    assertThat(real.hash().toString())
        .isEqualTo("000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506");
    BlockHeader template = real.withNonce(REAL_NONCE - 50_000);
    for (int threads : new int[] {1, 2, 3}) {
      NonceSearch.Result r = NonceSearch.search(template, threads, () -> false);
      assertThat(r.outcome()).isEqualTo(NonceSearch.Outcome.FOUND);
      assertThat(r.header()).contains(real);
      assertThat(r.header().orElseThrow().nonce()).isEqualTo(REAL_NONCE);
      // Chunks are claimed in ascending order and each is searched from its start, so every nonce
      // before the real one was tried; one thread tries exactly those. (With more threads, how many
      // chunks the others claim before the finder stops them depends on the scheduler.)
      if (threads == 1) {
        assertThat(r.hashes()).isEqualTo(50_001L);
      } else {
        assertThat(r.hashes()).isGreaterThanOrEqualTo(50_001L);
      }
    }
  }

  @Test
  void reportsExhaustionWhenNoNonceInTheSpaceMeetsTheTarget() {
    long before = NonceSearch.totalHashes();
    long space = 3L * NonceSearch.CHUNK + 5; // the last chunk is partial
    // bits 0x03000001: target 1, impossible in practice; start near 2^32 to wrap around.
    NonceSearch.Result r =
        NonceSearch.search(template(0x03000001, -100_000), 2, () -> false, space);
    assertThat(r.outcome()).isEqualTo(NonceSearch.Outcome.EXHAUSTED);
    assertThat(r.header()).isEmpty();
    assertThat(r.hashes()).isEqualTo(space);
    assertThat(NonceSearch.totalHashes()).isGreaterThanOrEqualTo(before + space);
  }
}
