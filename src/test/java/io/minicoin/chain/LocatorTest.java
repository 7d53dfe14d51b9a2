package io.minicoin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block locators, and the answer to one: which blocks a peer that sent it is missing. */
class LocatorTest {
  @TempDir Path dir;
  ChainBuilder b;

  @BeforeEach
  void fiftyBlocks() {
    b = ChainBuilder.onDisk(dir.resolve("chain.db"));
    b.extend(b.tip(), 50);
  }

  @AfterEach
  void close() {
    b.close();
  }

  private Sha256Hash at(int height) {
    return b.hashAt(height);
  }

  private List<Sha256Hash> at(int... heights) {
    return IntStream.of(heights).mapToObj(this::at).toList();
  }

  private List<Sha256Hash> range(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(this::at).toList();
  }

  @Test
  void theLocatorIsDenseForTenBlocksThenDoublesItsStepAndEndsAtGenesis() {
    assertThat(b.chain().locator())
        .containsExactlyElementsOf(at(50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 39, 35, 27, 11, 0));
  }

  @Test
  void theLocatorOfAChainOfOnlyGenesisIsGenesis(@TempDir Path other) {
    try (ChainBuilder fresh = ChainBuilder.onDisk(other.resolve("chain.db"))) {
      assertThat(fresh.chain().locator()).containsExactly(fresh.chain().genesisHash());
    }
  }

  @Test
  void hashesAfterStartsAfterTheNewestLocatorBlockOnTheBestChain() {
    // A peer whose chain forked off ours after block 30: its own blocks come first, we do not know
    // them.
    BlockIndexEntry sideTip = b.extend(b.entry(at(30)).orElseThrow(), 3);
    List<Sha256Hash> peerLocator = new ArrayList<>();
    peerLocator.add(Sha256Hash.of(new byte[] {9})); // unknown to us
    peerLocator.add(sideTip.hash()); // known, but not on our best chain
    peerLocator.addAll(at(30, 29, 27, 23, 15, 0));

    assertThat(b.chain().hashesAfter(peerLocator, Sha256Hash.ZERO, 500))
        .containsExactlyElementsOf(range(31, 50));
  }

  @Test
  void hashesAfterHonorsMax() {
    assertThat(b.chain().hashesAfter(List.of(at(10)), Sha256Hash.ZERO, 3))
        .containsExactlyElementsOf(range(11, 13));
  }

  @Test
  void hashesAfterStopsAtTheStopHash() {
    assertThat(b.chain().hashesAfter(List.of(at(10)), at(14), 500))
        .containsExactlyElementsOf(range(11, 14));
  }

  @Test
  void hashesAfterOurOwnTipIsEmpty() {
    assertThat(b.chain().hashesAfter(b.chain().locator(), Sha256Hash.ZERO, 500)).isEmpty();
  }
}
