package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.HeaderView;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer played by the test, frame by frame: orphans wait for their parents; invalid blocks stay
 * refused.
 */
class OrphanAndInvalidBlockTest {
  @TempDir Path dir;
  private Blockchain chain;
  private Blockchain elsewhere;
  private Node node;
  private int port;

  @BeforeEach
  void nodeAndAnotherCopyOfItsChain() throws Exception {
    chain = newChain(dir.resolve("node.db"));
    extend(chain, 2);
    elsewhere = newChain(dir.resolve("elsewhere.db"));
    for (int h = 1; h <= 2; h++) {
      int at = h;
      elsewhere.accept(chain.block(chain.hashAt(at).orElseThrow()).orElseThrow());
    }
    port = freePort();
    node = start(port, port, chain, Optional.empty());
  }

  @AfterEach
  void stop() {
    node.close();
    elsewhere.close();
  }

  private static void send(OutputStream out, Message... messages) throws Exception {
    for (Message m : messages) {
      out.write(FrameCodec.encode(m));
    }
    out.flush();
  }

  /** Reads until a pong, returning everything the node sent before it. */
  private static List<Message> untilPong(Socket s) throws Exception {
    send(s.getOutputStream(), new PingMessage(99));
    InputStream in = s.getInputStream();
    List<Message> seen = new ArrayList<>();
    while (true) {
      Message m = FrameCodec.read(in);
      if (m instanceof PongMessage) {
        return seen;
      }
      seen.add(m);
    }
  }

  @Test
  void aBlockWhoseParentIsUnknownWaitsWhileTheNodeAsksItsSenderForTheBlocksBetween()
      throws Exception {
    Block third = mineOn(elsewhere, List.of(), Amount.ZERO, BOB_ADDR);
    elsewhere.accept(third);
    Block fourth = mineOn(elsewhere, List.of(), Amount.ZERO, BOB_ADDR);
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      send(s.getOutputStream(), TestNetwork.clientVersion(4, "test"), new BlockMessage(fourth));
      List<Message> answers = untilPong(s);
      assertThat(answers).anyMatch(m -> m instanceof GetBlocksMessage);
      assertThat(chain.tip().height()).as("the orphan is not connected yet").isEqualTo(2);

      send(s.getOutputStream(), new BlockMessage(third));
      untilPong(s);
      assertThat(chain.tip().hash())
          .as("the parent arrived, and the orphan followed it")
          .isEqualTo(fourth.hash());
    }
  }

  @Test
  void anInvalidOrphanCostsItsOwnSenderTheConnectionNotTheSenderOfItsParent() throws Exception {
    Block parent = mineOn(elsewhere, List.of(), Amount.ZERO, BOB_ADDR);
    elsewhere.accept(parent);
    Block honestChild = mineOn(elsewhere, List.of(), Amount.ZERO, BOB_ADDR);
    Transaction greedy = Transaction.coinbase(4, 1, List.of(TxOut.to(BOB_ADDR, Amount.coins(11))));
    Block badChild = NodeHostileInputTest.withTxs(honestChild, List.of(greedy));
    try (Socket liar = new Socket("localhost", port);
        Socket honest = new Socket("localhost", port)) {
      liar.setSoTimeout(10_000);
      honest.setSoTimeout(10_000);
      send(
          liar.getOutputStream(), TestNetwork.clientVersion(4, "liar"), new BlockMessage(badChild));
      untilPong(liar); // held as an orphan
      send(
          honest.getOutputStream(),
          TestNetwork.clientVersion(3, "honest"),
          new BlockMessage(parent));
      untilPong(honest);
      assertThat(chain.tip().hash()).as("the parent is the new tip").isEqualTo(parent.hash());
      assertThat(untilPong(honest)).as("the honest sender is still served").isNotNull();
      while (liar.getInputStream().read() >= 0) {
        // the orphan's sender is dropped
      }
    }
  }

  @Test
  void aBlockThatFailedValidationIsMarkedInvalidAndNeverFetchedAgain() throws Exception {
    Block honest = mineOn(chain, List.of(), Amount.ZERO, BOB_ADDR);
    Transaction greedy = Transaction.coinbase(3, 1, List.of(TxOut.to(BOB_ADDR, Amount.coins(11))));
    Block bad = NodeHostileInputTest.withTxs(honest, List.of(greedy));
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      send(s.getOutputStream(), TestNetwork.clientVersion(3, "test"), new BlockMessage(bad));
      while (s.getInputStream().read() >= 0) {
        // dropped for sending it
      }
    }
    assertThat(chain.header(bad.hash())).get().extracting(HeaderView::invalid).isEqualTo(true);

    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      send(
          s.getOutputStream(),
          TestNetwork.clientVersion(3, "test"),
          new InvMessage(List.of(new InvVector(InvType.BLOCK, bad.hash()))));
      assertThat(untilPong(s)).noneMatch(m -> m instanceof GetDataMessage);
    }
    assertThat(chain.tip().height()).isEqualTo(2);
  }
}
