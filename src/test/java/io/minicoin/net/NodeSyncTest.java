package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.TxMessage;
import io.minicoin.wallet.TransactionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real nodes on loopback, in this JVM: download, relay, mining, reconnection. */
@SuppressWarnings("try") // nodes are opened in try-with-resources to be closed, often unnamed
class NodeSyncTest {
  @TempDir Path dir;

  @Test
  void aNewNodeDownloadsEveryBlockInBatchesOf500() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    extend(centralChain, 620); // more than one inv batch
    Blockchain walletChain = newChain(dir.resolve("b.db"));
    int a = freePort();
    int b = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty());
        Node wallet = start(b, a, walletChain, Optional.empty())) {
      await("wallet in sync", () -> walletChain.tip().height() == 620);
      assertThat(walletChain.tip().hash()).isEqualTo(centralChain.tip().hash());
      assertThat(walletChain.balance(ALICE_ADDR)).isEqualTo(centralChain.balance(ALICE_ADDR));
    }
  }

  @Test
  void transactionsRelayThroughTheCentralNodeToTheMinerWhichMinesAndAnnouncesTheBlock()
      throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    extend(centralChain, 2);
    Blockchain minerChain = newChain(dir.resolve("m.db"));
    Blockchain walletChain = newChain(dir.resolve("w.db"));
    int a = freePort();
    int m = freePort();
    int w = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty());
        Node miner = start(m, a, minerChain, Optional.of(BOB_ADDR));
        Node wallet = start(w, a, walletChain, Optional.empty())) {
      await("miner in sync", () -> minerChain.tip().height() == 2);
      await("wallet in sync", () -> walletChain.tip().height() == 2);
      await("central knows both", () -> central.knownNodes.list().size() == 2);

      // Two transactions in one batch: one write holds both frames, read by the node together.
      var coins = centralChain.unspentOf(ALICE_ADDR);
      Transaction t1 =
          TransactionBuilder.pay(
              ALICE, List.of(coins.get(0)), BOB_ADDR, Amount.coins(1), Amount.ZERO);
      Transaction t2 =
          TransactionBuilder.pay(
              ALICE, List.of(coins.get(1)), BOB_ADDR, Amount.coins(2), Amount.units(1000));
      try (java.net.Socket s = new java.net.Socket("localhost", a)) {
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
        batch.writeBytes(FrameCodec.encode(TestNetwork.clientVersion(0, "test")));
        batch.writeBytes(FrameCodec.encode(new TxMessage(t1)));
        batch.writeBytes(FrameCodec.encode(new TxMessage(t2)));
        s.getOutputStream().write(batch.toByteArray());
        await(
            "block mined and relayed to everyone",
            () ->
                centralChain.tip().height() == 3
                    && walletChain.tip().height() == 3
                    && minerChain.tip().height() == 3);
      }
      assertThat(centralChain.block(centralChain.tip().hash()).orElseThrow().transactions())
          .as("the mined block holds both transactions after its coinbase")
          .hasSize(3)
          .contains(t1, t2);
      assertThat(walletChain.tip().hash())
          .isEqualTo(centralChain.tip().hash())
          .isEqualTo(minerChain.tip().hash());
      // BOB: 1 + 2 from the payments, 10 + the fee as the miner's reward.
      assertThat(walletChain.balance(BOB_ADDR))
          .isEqualTo(Amount.coins(13).plus(Amount.units(1000)));
      await("pools emptied", () -> central.mempool.size() == 0 && miner.mempool.size() == 0);
    }
  }

  @Test
  void aSecondSpendOfTheSameOutputIsRefusedWithAClearReason() throws Exception {
    Blockchain chain = newChain(dir.resolve("a.db"));
    int a = freePort();
    try (Node central = start(a, a, chain, Optional.empty())) {
      var coin = chain.unspentOf(ALICE_ADDR);
      Transaction first =
          TransactionBuilder.pay(ALICE, coin, BOB_ADDR, Amount.coins(1), Amount.ZERO);
      Transaction second =
          TransactionBuilder.pay(ALICE, coin, BOB_ADDR, Amount.coins(2), Amount.ZERO);
      TransactionSender.submit(first, List.of(new HostPort("localhost", a)), Duration.ofSeconds(5));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  TransactionSender.submit(
                      second, List.of(new HostPort("localhost", a)), Duration.ofSeconds(5)))
          .hasMessageContaining("txn-mempool-conflict")
          .hasMessageContaining("waiting for confirmation");
      assertThat(central.mempool.size()).isEqualTo(1);
    }
  }

  @Test
  void sendingToNoRunningNodeNamesTheAddressesTried() throws Exception {
    int nobody = freePort();
    Blockchain chain = newChain(dir.resolve("a.db"));
    Transaction tx =
        TransactionBuilder.pay(
            ALICE, chain.unspentOf(ALICE_ADDR), BOB_ADDR, Amount.coins(1), Amount.ZERO);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TransactionSender.submit(
                    tx, List.of(new HostPort("localhost", nobody)), Duration.ofSeconds(2)))
        .hasMessageContaining("localhost:" + nobody);
    chain.close();
  }

  @Test
  void peersReconnectAfterTheCentralNodeRestartsAndRelayingResumes() throws Exception {
    Path centralFile = dir.resolve("a.db");
    Blockchain centralChain = newChain(centralFile);
    Blockchain walletChain = newChain(dir.resolve("w.db"));
    int a = freePort();
    int w = freePort();
    try (Node wallet = start(w, a, walletChain, Optional.empty())) {
      Node central = start(a, a, centralChain, Optional.empty());
      await("connected", () -> central.knownNodes.list().size() == 1);
      central.close(); // also closes its store

      Blockchain reopened = new Blockchain(io.minicoin.store.ChainStore.open(centralFile));
      extend(reopened, 3);
      try (Node restarted = start(a, a, reopened, Optional.empty())) {
        await("wallet reconnected and synced", () -> walletChain.tip().height() == 3);
        reopened.accept(mineOn(reopened, List.of(), Amount.ZERO, ALICE_ADDR));
        // A block found on the central node now is announced to the reconnected wallet.
        restarted.submit(() -> restarted.blockSync.announceTip(null));
        await("new block relayed", () -> walletChain.tip().height() == 4);
      }
    }
  }

  @Test
  void theCentralNodeForgetsANodeThatStaysGoneAfterSeveralAttemptsNotOne() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    int a = freePort();
    int w = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty())) {
      Node wallet = start(w, a, newChain(dir.resolve("w.db")), Optional.empty());
      await("known", () -> central.knownNodes.list().size() == 1);
      long goneAt = System.nanoTime();
      wallet.close();
      await("forgotten", () -> central.knownNodes.list().isEmpty());
      // Three attempts, 200 ms apart and doubling: not dropped at the first failure.
      assertThat(Duration.ofNanos(System.nanoTime() - goneAt)).isGreaterThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aNodeThatComesBackBeforeTheAttemptsRunOutIsKept() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    int a = freePort();
    int w = freePort();
    Path walletFile = dir.resolve("w.db");
    try (Node central = start(a, a, centralChain, Optional.empty())) {
      Node first = start(w, a, newChain(walletFile), Optional.empty());
      // Closed before the central node handled its version, the node would never be known, so no
      // reconnection would start and the test would not exercise the retries it is about.
      await(
          "the central node to know the node",
          () -> central.knownNodes.list().contains(loopback(w)));
      first.close();
      try (Node back =
          start(
              w,
              a,
              new Blockchain(io.minicoin.store.ChainStore.open(walletFile)),
              Optional.empty())) {
        await(
            "the central node's reconnection to end",
            () -> central.knownNodes.reconnectsEnded.get() > 0);
        assertThat(central.knownNodes.list()).containsExactly(loopback(w));
      }
    }
  }

  @Test
  void aNodeRestartingMidSyncCarriesOnWhereItStopped() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    extend(centralChain, 1500);
    Path walletFile = dir.resolve("w.db");
    Blockchain walletChain = newChain(walletFile);
    int a = freePort();
    int w = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty())) {
      Node wallet = start(w, a, walletChain, Optional.empty());
      await("some blocks", () -> walletChain.tip().height() > 0);
      wallet.close();
      Blockchain again = new Blockchain(io.minicoin.store.ChainStore.open(walletFile));
      int before = again.tip().height();
      assertThat(again.reindexUtxo()).isPositive(); // the store is consistent after the stop
      try (Node restarted = start(w, a, again, Optional.empty())) {
        await("restarted node in sync", () -> again.tip().height() == 1500);
        assertThat(before).isLessThanOrEqualTo(1500);
        assertThat(again.tip().hash()).isEqualTo(centralChain.tip().hash());
      }
    }
  }
}
