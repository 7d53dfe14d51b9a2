package io.minicoin.cli;

import static io.minicoin.testing.ChainAssertions.assertUtxoSetMatchesReindex;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.bench.SyncChain;
import io.minicoin.chain.Blockchain;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import io.minicoin.store.ChainStore;
import io.minicoin.testing.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit and SIGKILL: a node process killed while it downloads a straight chain of busy
 * blocks (payments spending earlier blocks' outputs), just after its first group was committed and
 * while the next is being gathered, leaves a chain file holding a prefix of the chain whose UTXO
 * set and indexes are exactly what {@code reindexutxo} rebuilds; started again, it downloads the
 * rest.
 */
class KillDuringGroupCommitTest {
  private static final int BLOCKS = 3_000;

  @TempDir Path dir;

  @Test
  void aNodeKilledBetweenTwoGroupsKeepsAConsistentPrefixAndResumes() throws Exception {
    int central = Ports.free();
    int fresh = Ports.free();
    Path freshFile = dir.resolve("blockchain_" + fresh + ".db");
    SyncChain.build(dir.resolve("central.db"), freshFile, BLOCKS, 2, null);
    NodeConfig config =
        new NodeConfig(
            central,
            "localhost",
            new HostPort("localhost", central),
            Optional.empty(),
            2,
            3,
            Duration.ofSeconds(1));
    try (Node centralNode = new Node(config, Blockchain.open(dir.resolve("central.db")))) {
      centralNode.start();
      String[] args = {"startnode", "-central", "localhost:" + central};
      NodeProcess node = NodeProcess.start(dir, fresh, dir.resolve("first.log"), null, args);
      // The first group is committed; the next is on its way. No sleep: the kill follows the event.
      node.awaitLine("downloaded \\d+ of " + BLOCKS + " blocks", Duration.ofMinutes(2));
      node.kill();
      while (node.isAlive()) {
        Thread.onSpinWait();
      }

      int height;
      Blockchain survivor = openChain(freshFile);
      try {
        height = survivor.tip().height();
        System.out.println("killed after a group: chain file at height " + height);
        assertThat(height).isBetween(1, BLOCKS - 1);
        for (int h = height; h > 0; h--) { // every best-chain block links to the one below it
          Sha256Hash parent = survivor.header(survivor.requireHashAt(h)).orElseThrow().parent();
          assertThat(parent).isEqualTo(survivor.requireHashAt(h - 1));
        }
        assertUtxoSetMatchesReindex(survivor);
      } finally {
        survivor.close();
      }

      NodeProcess again = NodeProcess.start(dir, fresh, dir.resolve("second.log"), null, args);
      try {
        again.awaitLine("chain height " + height + ",", Duration.ofMinutes(1));
        again.awaitLine("in sync at height " + BLOCKS + ",", Duration.ofMinutes(2));
      } finally {
        again.stop();
      }
    }
    Blockchain synced = openChain(freshFile);
    try {
      assertThat(synced.tip().height()).isEqualTo(BLOCKS);
      assertUtxoSetMatchesReindex(synced);
    } finally {
      synced.close();
    }
  }

  private static Blockchain openChain(Path file) {
    return new Blockchain(ChainStore.open(file));
  }
}
