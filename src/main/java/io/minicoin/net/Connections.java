package io.minicoin.net;

import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's connections, from first byte to last: accepting inbound ones (evicting an inbound peer
 * when the slots are full), dialing outbound ones, the handshake deadline, handing each message a
 * peer's reader decoded to the event thread, and the clean-up when a connection ends.
 */
final class Connections {
  private static final Logger log = LoggerFactory.getLogger(Connections.class);

  static final int HANDSHAKE_TIMEOUT_S = 30;

  private final Node node;

  Connections(Node node) {
    this.node = node;
  }

  /** The {@code node-accept} thread: accepts connections until the listening socket closes. */
  void acceptLoop(ServerSocket server) {
    while (!node.isStopping()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        addPeer(new Peer(s, false));
      } catch (SocketException e) {
        return; // closed by stop()
      } catch (IOException e) {
        log.warn("accepting a connection failed: {}", e.getMessage());
      }
    }
  }

  /** Opens an outbound connection and says version; returns the peer, or throws if unreachable. */
  Peer connect(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(Peer.RECEIVE_BUFFER_BYTES);
    s.connect(address, 3000);
    s.setTcpNoDelay(true);
    Peer p = new Peer(s, true);
    p.listenAddress = address;
    addPeer(p);
    p.send(node.handshake.version(p));
    return p;
  }

  private void addPeer(Peer p) {
    if (!p.isOutbound()) {
      List<Peer> inbound =
          node.peers.stream().filter(q -> !q.isOutbound() && !q.isClosing()).toList();
      if (inbound.size() >= Node.MAX_INBOUND) {
        Peer victim = InboundEviction.select(inbound);
        if (victim == null) {
          log.warn("refusing {}: {} inbound connections, none can be evicted", p, Node.MAX_INBOUND);
          p.close("too many connections");
          return;
        }
        log.info("evicting inbound peer {} to make room for {}", victim, p);
        victim.close("evicted: inbound connections full");
      }
    }
    node.peers.add(p);
    log.info("connected to {} ({})", p, p.isOutbound() ? "outbound" : "inbound");
    if (node.publisher.hasListener()) {
      node.publisher.publish(
          new NodeEvent.PeerConnected(Instant.now(), p.id, p.toString(), p.isOutbound()));
    }
    Future<?> unused =
        node.timers.schedule(
            () ->
                node.submit(
                    () -> {
                      if (!p.versionReceived && !p.isClosed()) {
                        node.misbehaving(
                            p, "no version message within " + HANDSHAKE_TIMEOUT_S + " s");
                      }
                    }),
            HANDSHAKE_TIMEOUT_S,
            TimeUnit.SECONDS);
    p.start(
        new Peer.Listener() {
          @Override
          public void onMessage(Peer peer, FrameCodec.Frame received) {
            Message message = received.message();
            // The frame exactly as it arrived, put together here, off the event thread.
            byte[] frame = node.publisher.hasListener() ? received.bytes() : null;
            Message shown = frame != null ? received.forListener() : null;
            boolean queued =
                node.submit(
                    () -> {
                      try {
                        if (frame != null) {
                          node.publisher.publish(
                              new NodeEvent.PeerMessage(
                                  Instant.now(),
                                  peer.id,
                                  peer.toString(),
                                  NodeEvent.Direction.RECEIVED,
                                  shown,
                                  frame));
                        }
                        node.dispatch.handle(peer, message);
                      } finally {
                        peer.handled(received);
                      }
                    });
            if (!queued) {
              peer.handled(
                  received); // the node is stopping: the message is dropped, its permit is not
            }
          }

          @Override
          public void onClosed(Peer peer, String reason) {
            node.submit(() -> peerClosed(peer, reason));
          }

          @Override
          public void onSent(Peer peer, Message message, byte[] frame) {
            if (node.publisher.hasListener()) {
              node.publisher.publish(
                  new NodeEvent.PeerMessage(
                      Instant.now(),
                      peer.id,
                      peer.toString(),
                      NodeEvent.Direction.SENT,
                      message,
                      frame));
            }
          }
        });
  }

  private void peerClosed(Peer p, String reason) {
    if (node.peers.remove(p)) {
      log.info("disconnected from {}: {}", p, reason);
      if (node.publisher.hasListener()) {
        node.publisher.publish(
            new NodeEvent.PeerDisconnected(Instant.now(), p.id, p.toString(), reason));
      }
      node.blockSync.peerGone(p);
      if (!node.isStopping()) {
        node.knownNodes.peerGone(p, reason);
      }
    }
  }
}
