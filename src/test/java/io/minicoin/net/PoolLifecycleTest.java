package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.MempoolFile;
import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.core.UnspentOutput;
import io.minicoin.store.ChainStore;
import io.minicoin.wallet.TransactionBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lone payment gets mined after -max-wait; the pool survives a restart, validated again. */
class PoolLifecycleTest {
  @TempDir Path dir;

  private static Node startNode(int port, Blockchain chain, Optional<Duration> mineAfter, Path pool)
      throws Exception {
    NodeConfig config =
        new NodeConfig(
            port,
            "localhost",
            new HostPort("localhost", port),
            mineAfter.map(d -> BOB_ADDR),
            2,
            3,
            Duration.ofMillis(200),
            mineAfter.orElse(NodeConfig.DEFAULT_MAX_WAIT));
    Node node = new Node(config, chain);
    if (pool != null) {
      node.persistPoolIn(pool);
    }
    node.start();
    return node;
  }

  private static Transaction pay(UnspentOutput coin, String coins) {
    return TransactionBuilder.pay(
        ALICE, List.of(coin), BOB_ADDR, Amount.parseCoins(coins), Amount.ZERO);
  }

  @Test
  void aLoneTransactionIsMinedOnceItHasWaitedMaxWait() throws Exception {
    Blockchain chain = newChain(dir.resolve("a.db"));
    Transaction tx = pay(chain.unspentOf(ALICE_ADDR).get(0), "1");
    int port = freePort();
    Duration maxWait = Duration.ofSeconds(2);
    try (Node node = startNode(port, chain, Optional.of(maxWait), null)) {
      long sent = System.nanoTime();
      TransactionSender.submit(
          tx, List.of(new HostPort("localhost", port)), Duration.ofSeconds(10));
      await("the lone transaction mined", () -> chain.tip().height() == 1);
      long waited = System.nanoTime() - sent;
      // The seed's rule (two transactions) never fires here: only the wait can have mined it.
      assertThat(chain.block(chain.tip().hash()).orElseThrow().transactions())
          .extracting(Transaction::txid)
          .contains(tx.txid());
      assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(maxWait);
      assertThat(node.mempool().size()).isZero();
    }
  }

  @Test
  void thePoolIsSavedOnShutdownAndReloadedValidatedAgain() throws Exception {
    Path chainFile = dir.resolve("a.db");
    Path poolFile = dir.resolve("mempool_a.dat");
    Blockchain chain = newChain(chainFile);
    extend(chain, 1); // a second coin for alice
    List<UnspentOutput> coins = chain.unspentOf(ALICE_ADDR);
    Transaction first = pay(coins.get(0), "1");
    Transaction child =
        TransactionBuilder.pay(
            BOB,
            List.of(
                new UnspentOutput(
                    new io.minicoin.core.OutPoint(first.txid(), 0),
                    first.outputs().get(0),
                    0,
                    false)),
            ALICE_ADDR,
            Amount.parseCoins("0.5"),
            Amount.ZERO);
    Transaction second = pay(coins.get(1), "2");
    int port = freePort();
    HostPort self = new HostPort("localhost", port);
    try (Node node = startNode(port, chain, Optional.empty(), poolFile)) {
      for (Transaction tx : List.of(first, child, second)) {
        TransactionSender.submit(tx, List.of(self), Duration.ofSeconds(10));
      }
      assertThat(node.mempool().size()).isEqualTo(3);
    }
    assertThat(poolFile).exists();

    // Restarted as it was: all three come back, the child after its parent.
    Blockchain reopened = new Blockchain(ChainStore.open(chainFile));
    try (Node node = startNode(port, reopened, Optional.empty(), poolFile)) {
      assertThat(node.mempool().entries())
          .extracting(e -> e.tx().txid())
          .containsExactly(first.txid(), child.txid(), second.txid());
    }

    // Meanwhile the second was mined elsewhere: it does not come back, the others do.
    Blockchain moved = new Blockchain(ChainStore.open(chainFile));
    moved.accept(mineOn(moved, List.of(second), Amount.ZERO, ALICE_ADDR));
    try (Node node = startNode(port, moved, Optional.empty(), poolFile)) {
      assertThat(node.mempool().entries())
          .extracting(e -> e.tx().txid())
          .containsExactly(first.txid(), child.txid());
    }
  }

  @Test
  void aDamagedPoolFileIsAnEmptyPoolNotADeadNode() throws Exception {
    Path poolFile = dir.resolve("mempool_a.dat");
    Files.write(poolFile, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 9, 9});
    Blockchain chain = newChain(dir.resolve("a.db"));
    try (Node node = startNode(freePort(), chain, Optional.empty(), poolFile)) {
      assertThat(node.mempool().size()).isZero();
    }
    // Shut down cleanly, it wrote a good (empty) file over the damaged one.
    Blockchain reopened = new Blockchain(ChainStore.open(dir.resolve("a.db")));
    assertThat(MempoolFile.load(poolFile, new io.minicoin.chain.Mempool(), reopened).accepted())
        .isZero();
    reopened.close();
  }
}
