package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.VersionMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version exchange between real nodes on loopback: who is who, and who is oneself. */
class HandshakeTest {
  @TempDir Path dir;

  @Test
  void aNodeThatDialsItselfSeesItsOwnNonceAndDropsBothEnds() throws Exception {
    int a = freePort();
    try (Node node = start(a, a, newChain(dir.resolve("a.db")), Optional.empty())) {
      Peer out = node.connect(loopback(a));
      await("both ends dropped", () -> out.isClosed() && node.peers.isEmpty());
      assertThat(out.toSelf).as("the outbound end knows it reached itself").isTrue();
      assertThat(out.versionReceived).isFalse();
      assertThat(node.knownNodes.list()).as("never gossiped as a node").isEmpty();
    }
  }

  @Test
  void aPeerOlderThanBitcoinCoresMinimumProtocolVersionIsDropped() throws Exception {
    int a = freePort();
    try (Node node = start(a, a, newChain(dir.resolve("a.db")), Optional.empty());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), a)) {
      VersionMessage v = clientVersion(0, "/old:0.1/");
      VersionMessage old =
          new VersionMessage(
              Node.MIN_PEER_PROTO_VERSION - 1,
              v.services(),
              v.timestamp(),
              v.receiver(),
              v.sender(),
              v.nonce(),
              v.userAgent(),
              v.startHeight(),
              v.relay());
      s.setSoTimeout(10_000);
      s.getOutputStream().write(FrameCodec.encode(old));
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // no version back: the node hangs up
      }
      await("dropped", () -> node.peers.isEmpty());
    }
  }

  @Test
  void eachPeersVersionIsKeptAndNodesLearnEachOtherFromTheCentralNodesAddr() throws Exception {
    int a = freePort();
    int m = freePort();
    int w = freePort();
    try (Node central = start(a, a, newChain(dir.resolve("a.db")), Optional.empty());
        Node miner = start(m, a, newChain(dir.resolve("m.db")), Optional.empty());
        Node wallet = start(w, a, newChain(dir.resolve("w.db")), Optional.empty())) {
      await("central knows both", () -> central.knownNodes.list().size() == 2);
      await(
          "each learned the other from addr",
          () ->
              miner.knownNodes.list().contains(loopback(w))
                  && wallet.knownNodes.list().contains(loopback(m)));
      assertThat(miner.knownNodes.list())
          .as("a node never lists itself")
          .doesNotContain(loopback(m));
      for (Peer p : central.peers) {
        VersionMessage v = p.version();
        assertThat(v.userAgent()).isEqualTo("/minicoin:0.1.0/");
        assertThat(v.protocolVersion()).isEqualTo(70002);
        assertThat(v.services()).isZero();
        assertThat(v.relay()).isTrue();
        assertThat(v.receiver().socketAddress()).isEqualTo(loopback(a));
        assertThat(p.listenAddress).isIn(loopback(m), loopback(w));
      }
    }
  }
}
