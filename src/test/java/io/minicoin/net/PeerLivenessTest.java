package io.minicoin.net;

import static io.minicoin.net.NodeHostileInputTest.VERSION;
import static io.minicoin.net.NodeHostileInputTest.blockFrame;
import static io.minicoin.net.NodeHostileInputTest.frame;
import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.ChainParams;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that take a slot and give nothing back do not keep it: a message that trickles is cut
 * at its deadline, a peer that stops answering pings is dropped, and when inbound slots are full a
 * newcomer gets one by evicting an idle peer, never a useful one. Real sockets on loopback.
 */
class PeerLivenessTest {
  @TempDir Path dir;
  private final List<Socket> sockets = new ArrayList<>();
  private Node node;
  private final long deadlineBefore = Peer.messageDeadlineMs;
  private final long pingIntervalBefore = PeerLiveness.pingIntervalMs;
  private final long pingTimeoutBefore = PeerLiveness.pingTimeoutMs;

  @AfterEach
  void cleanUp() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    if (node != null) {
      node.close();
    }
    Peer.messageDeadlineMs = deadlineBefore;
    PeerLiveness.pingIntervalMs = pingIntervalBefore;
    PeerLiveness.pingTimeoutMs = pingTimeoutBefore;
  }

  private Node startNode(String name) throws Exception {
    Blockchain chain = newChain(dir.resolve(name + ".db"));
    int port = freePort();
    node = start(port, port, chain, Optional.empty());
    return node;
  }

  private Socket connect(byte[] hello) throws Exception {
    Socket s = new Socket("localhost", node.config.port());
    sockets.add(s);
    s.setSoTimeout(20_000);
    s.getOutputStream().write(hello);
    s.getOutputStream().flush();
    return s;
  }

  /** True once the node has closed the connection (end of stream or reset). */
  private static boolean closedByNode(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // whatever the node still says before it closes
      }
      return true;
    } catch (java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Reads messages until one of type {@code type} arrives. */
  private static <T extends Message> T readUntil(Socket s, Class<T> type) throws Exception {
    while (true) {
      Message m = FrameCodec.read(s.getInputStream());
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
  }

  @Test
  void aMessageThatTricklesIsCutAtItsDeadline() throws Exception {
    Peer.messageDeadlineMs = 1_500;
    startNode("trickle");
    // A block header claiming a 1 MB payload, then one byte every 300 ms: no single read ever
    // waits the 5 s stall limit, so only a deadline for the whole message ends it.
    ByteWriter w = new ByteWriter();
    w.writeInt32(ChainParams.MAGIC);
    w.writeBytes(Arrays.copyOf("block".getBytes(StandardCharsets.US_ASCII), 12));
    w.writeInt32(1_000_000);
    w.writeBytes(new byte[4]);
    Socket s = connect(VERSION);
    readUntil(s, io.minicoin.net.wire.VerackMessage.class);
    OutputStream out = s.getOutputStream();
    out.write(w.toByteArray());
    out.flush();
    CountDownLatch closed = new CountDownLatch(1);
    Thread trickler =
        new Thread(
            () -> {
              try {
                // One byte every 300 ms is the peer's pace, not a wait for a result; the
                // latch ends it as soon as the test is over.
                do {
                  out.write(0);
                  out.flush();
                } while (!closed.await(300, TimeUnit.MILLISECONDS));
              } catch (Exception e) {
                // the node hung up
              }
            });
    trickler.setDaemon(true);
    trickler.start();
    try {
      assertThat(closedByNode(s)).as("the node drops the trickling peer").isTrue();
    } finally {
      closed.countDown();
    }
  }

  @Test
  void aPeerThatLeavesPingsUnansweredIsDroppedAndOneThatAnswersStays() throws Exception {
    // The answering peer must answer within the timeout even on a loaded machine (a thread may
    // wait seconds for a core there), so the timeout is generous; the silent peer is dropped
    // after it all the same.
    PeerLiveness.pingIntervalMs = 200;
    PeerLiveness.pingTimeoutMs = 5_000;
    startNode("ping");
    Socket silent = connect(VERSION);
    Socket alive = connect(VERSION);
    Thread answering =
        new Thread(
            () -> {
              try {
                while (true) {
                  PingMessage ping = readUntil(alive, PingMessage.class);
                  alive.getOutputStream().write(FrameCodec.encode(new PongMessage(ping.nonce())));
                  alive.getOutputStream().flush();
                }
              } catch (Exception e) {
                // closed at the end of the test
              }
            });
    answering.setDaemon(true);
    answering.start();
    assertThat(closedByNode(silent)).as("the silent peer is dropped").isTrue();
    // The answering peer went through at least as many ping rounds and is still connected.
    await(
        "the answering peer to still be connected",
        () ->
            node.peers.stream()
                .anyMatch(p -> p.versionReceived && p.minPingNanos < Long.MAX_VALUE));
    await("the silent peer to be gone from the peer set", () -> node.peers.size() == 1);
    assertThat(alive.isClosed()).isFalse();
  }

  @Test
  void fullInboundSlotsEvictAnIdlePeerAndKeepTheOneThatGaveUsABlock() throws Exception {
    startNode("evict");
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < Node.MAX_INBOUND - 1; i++) {
      idle.add(connect(VERSION));
    }
    await(
        "the idle peers' handshakes",
        () -> node.peers.stream().filter(p -> p.versionReceived).count() == Node.MAX_INBOUND - 1);
    // The youngest connection: the one Core's rule would evict first, had it not been useful.
    Block block = mineOn(node.chain(), List.of(), Amount.ZERO, ALICE_ADDR);
    Socket useful = connect(NodeHostileInputTest.concat(VERSION, blockFrame(block)));
    await("the block to become the tip", () -> node.chain().tip().hash().equals(block.hash()));

    Socket newcomer = connect(VERSION);
    // Accepted: the node answers its version (before, it was refused at once).
    readUntil(newcomer, io.minicoin.net.wire.VerackMessage.class);
    await("an idle peer to be evicted", () -> node.peers.size() == Node.MAX_INBOUND);
    assertThat(closedByNode(idle.get(idle.size() - 1)))
        .as("the youngest idle peer is evicted")
        .isTrue();
    useful.setSoTimeout(500);
    assertThat(closedByNode(useful)).as("the peer that gave us a block stays").isFalse();
    idle.get(0).setSoTimeout(500);
    assertThat(closedByNode(idle.get(0))).as("the oldest connection stays").isFalse();
  }

  @Test
  void aStoppingNodeReleasesEveryReaderThread() throws Exception {
    startNode("permits");
    CountDownLatch blockEvents = new CountDownLatch(1);
    CountDownLatch eventThreadBlocked = new CountDownLatch(1);
    node.submit(
        () -> {
          eventThreadBlocked.countDown();
          try {
            blockEvents.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(eventThreadBlocked.await(10, TimeUnit.SECONDS)).isTrue();
    // Far more messages than the reader may hold for the node, all in the socket at once.
    byte[] pings = VERSION;
    for (int i = 0; i < Peer.MAX_PENDING + 40; i++) {
      pings = NodeHostileInputTest.concat(pings, frame("ping", new byte[8]));
    }
    connect(pings);
    await(
        "the reader to wait for the node",
        () ->
            Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(
                    e ->
                        e.getKey().getName().startsWith("peer-reader")
                            && e.getKey().getState() != Thread.State.RUNNABLE));
    Thread closer = new Thread(node::close);
    closer.start();
    await("the node to start stopping", node::isStopping);
    blockEvents.countDown();
    closer.join(30_000);
    await(
        "every peer reader thread to end",
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("peer-reader") && t.isAlive()));
  }
}
