package io.minicoin.cli;

import static io.minicoin.testing.ChainAssertions.assertUtxoSetMatchesReindex;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import io.minicoin.store.ChainStore;
import io.minicoin.testing.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node process killed with SIGKILL while it downloads a heavier branch and reorganizes onto it
 * leaves a chain file holding one consistent chain (its old one or part of the new one), whose UTXO
 * set is exactly what {@code reindexutxo} rebuilds.
 */
class CrashDuringSyncTest {
  private static final Miner MINER = new Miner(1, () -> System.currentTimeMillis() / 1000);
  private static final Address OURS =
      Address.fromPublicKey(PrivateKey.fromBytes(key(1)).publicKey());
  private static final Address THEIRS =
      Address.fromPublicKey(PrivateKey.fromBytes(key(2)).publicKey());

  @TempDir Path dir;

  private static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return k;
  }

  private static Blockchain chainOf(Path file, Block genesis, int blocks, Address payTo)
      throws Exception {
    Blockchain chain = Blockchain.initialize(ChainStore.create(file), genesis);
    for (int i = 0; i < blocks; i++) {
      chain.accept(
          MINER.mineOnTip(chain, List.of(), Amount.ZERO, payTo, () -> false).orElseThrow());
    }
    return chain;
  }

  @ParameterizedTest(name = "killed {0} ms after it started")
  @ValueSource(ints = {150, 400, 800})
  void aKilledNodeLeavesOneConsistentChain(int killAfterMs) throws Exception {
    int central = Ports.free();
    int wallet = Ports.free();
    Block genesis = MINER.mineGenesis(OURS, ChainParams.EASIEST_BITS);
    chainOf(dir.resolve("blockchain_" + wallet + ".db"), genesis, 100, OURS).close();
    Blockchain heavier = chainOf(dir.resolve("central.db"), genesis, 600, THEIRS);
    NodeConfig config =
        new NodeConfig(
            central,
            "localhost",
            new HostPort("localhost", central),
            Optional.empty(),
            2,
            3,
            Duration.ofSeconds(1));
    try (Node centralNode = new Node(config, heavier)) {
      centralNode.start();
      NodeProcess node =
          NodeProcess.start(
              dir,
              wallet,
              dir.resolve("wallet.log"),
              null,
              "startnode",
              "-central",
              "localhost:" + central);
      node.awaitLine("listening on", Duration.ofSeconds(30));
      Thread.sleep(killAfterMs);
      node.kill();
      while (node.isAlive()) {
        Thread.sleep(10);
      }
    }

    Blockchain survivor =
        new Blockchain(ChainStore.open(dir.resolve("blockchain_" + wallet + ".db")));
    try {
      int height = survivor.tip().height();
      System.out.println("killed after " + killAfterMs + " ms: chain file at height " + height);
      Sha256Hash below = survivor.hashAt(height).orElseThrow();
      assertThat(below).isEqualTo(survivor.tip().hash());
      for (int h = height; h > 0; h--) { // every best-chain block links to the one below it
        int at = h;
        Sha256Hash parent =
            survivor.header(survivor.hashAt(at).orElseThrow()).orElseThrow().parent();
        assertThat(parent).isEqualTo(survivor.hashAt(at - 1).orElseThrow());
      }
      // No payments: the coins in existence are exactly one reward per block of the best chain.
      Amount total = survivor.balance(OURS).plus(survivor.balance(THEIRS));
      assertThat(total).isEqualTo(Amount.coins(10L * (height + 1)));
      assertUtxoSetMatchesReindex(survivor);
    } finally {
      survivor.close();
    }
  }
}
