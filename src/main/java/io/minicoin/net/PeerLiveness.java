package io.minicoin.net;

import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;

/**
 * Keeps peers honest about being alive, as Bitcoin Core does: every peer that finished its
 * handshake is pinged every {@link #pingIntervalMs}, and one that leaves a ping unanswered for
 * {@link #pingTimeoutMs} is dropped. The round trip a pong measures is what {@link InboundEviction}
 * favors. Runs on the event thread.
 */
final class PeerLiveness {
  /**
   * Bitcoin Core's PING_INTERVAL (2 minutes) and TIMEOUT_INTERVAL (20 minutes): every peer is
   * pinged, and one that leaves a ping unanswered that long is dropped. Not final: tests shorten
   * them.
   */
  static volatile long pingIntervalMs = 2 * 60_000;

  static volatile long pingTimeoutMs = 20 * 60_000;

  private final Node node;

  PeerLiveness(Node node) {
    this.node = node;
  }

  /** Pings every peer that finished its handshake; drops one whose last ping went unanswered. */
  void pingPeers() {
    long now = System.nanoTime();
    for (Peer p : node.peers) {
      if (!p.versionReceived || p.isClosing()) {
        continue;
      }
      if (p.pingNonce != 0) {
        if (now - p.pingSentNanos > pingTimeoutMs * 1_000_000) {
          node.misbehaving(p, "ping timeout: no pong for " + pingTimeoutMs / 1000.0 + " s");
        }
      } else if (now - p.pingSentNanos >= pingIntervalMs * 1_000_000 || p.pingSentNanos == 0) {
        long nonce = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1;
        p.pingNonce = nonce;
        p.pingSentNanos = now;
        p.send(new PingMessage(nonce));
      }
    }
  }

  void onPong(Peer p, PongMessage pong) {
    if (p.pingNonce != 0 && pong.nonce() == p.pingNonce) {
      p.minPingNanos = Math.min(p.minPingNanos, System.nanoTime() - p.pingSentNanos);
      p.pingNonce = 0;
    }
  }
}
