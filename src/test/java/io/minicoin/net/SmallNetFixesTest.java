package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.PingMessage;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes and hangs found by reading the networking code, each with the case that showed it. */
class SmallNetFixesTest {
  @TempDir Path dir;

  @Test
  void aNodeThatKeepsTalkingWithoutAnsweringDoesNotHoldTheSenderPastItsTimeout() throws Exception {
    CountDownLatch testOver = new CountDownLatch(1);
    try (ServerSocket chatty = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread talker =
          new Thread(
              () -> {
                try (Socket s = chatty.accept()) {
                  // Pings until the test is over, never the pong or reject the sender waits for;
                  // one every 100 ms is the pace of a talkative peer, not a wait for a result.
                  do {
                    s.getOutputStream().write(FrameCodec.encode(new PingMessage(1)));
                    s.getOutputStream().flush();
                  } while (!testOver.await(100, TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                  // the sender hung up
                }
              });
      talker.setDaemon(true);
      talker.start();
      Transaction tx = Transaction.coinbase(1, 7, List.of(TxOut.to(ALICE_ADDR, Amount.coins(1))));
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(
                      () ->
                          TransactionSender.submit(
                              tx,
                              List.of(new HostPort("localhost", chatty.getLocalPort())),
                              Duration.ofSeconds(1)))
                  .isInstanceOf(TransactionSender.SendException.class)
                  .hasMessageContaining("did not answer within 1 s"));
    } finally {
      testOver.countDown();
    }
  }

  @Test
  void anOrphanHeardTwiceDoesNotEvictAnother() throws Exception {
    Blockchain chain = newChain(dir.resolve("orphans.db"));
    try {
      Block a = mineOn(chain, List.of(), Amount.ZERO, ALICE_ADDR);
      Block b = mineOn(chain, List.of(), Amount.ZERO, BOB_ADDR);
      OrphanBlocks orphans = new OrphanBlocks(2, 1 << 20);
      orphans.add(a, null);
      orphans.add(b, null);
      orphans.add(b, null); // full, and b again: nothing may be dropped for it
      assertThat(orphans.contains(a.hash())).isTrue();
      assertThat(orphans.contains(b.hash())).isTrue();
      assertThat(orphans.size()).isEqualTo(2);
    } finally {
      chain.close();
    }
  }
}
