package io.minicoin.net;

import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.VerackMessage;
import io.minicoin.net.wire.VersionMessage;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version exchange that opens every connection, as in Bitcoin: each side says {@code version}
 * (the dialing side first) and answers the other's with {@code verack}. From the peer's version the
 * node learns its chain height (so the shorter side asks for blocks), where it listens (believed
 * only for the host it connects from), and its nonce, which tells a node that dialed itself. Runs
 * on the node's event thread.
 */
final class Handshake {
  private static final Logger log = LoggerFactory.getLogger(Handshake.class);

  private final Node node;

  Handshake(Node node) {
    this.node = node;
  }

  /** Our version for {@code p}: where we listen, and a nonce that is this connection's own. */
  VersionMessage version(Peer p) {
    return new VersionMessage(
        Node.PROTOCOL_VERSION,
        Node.SERVICES,
        System.currentTimeMillis() / 1000,
        NetworkAddress.of(p.remoteSocketAddress()),
        NetworkAddress.of(node.addresses.listen()),
        p.localNonce,
        Node.USER_AGENT,
        node.chain.tip().height(),
        true);
  }

  void onVersion(Peer p, VersionMessage v) {
    if (p.versionReceived) {
      node.misbehaving(p, "sent version twice");
      return;
    }
    if (!p.isOutbound() && connectedToSelf(p, v.nonce())) {
      return;
    }
    if (v.protocolVersion() < Node.MIN_PEER_PROTO_VERSION) {
      node.misbehaving(p, "obsolete protocol version " + v.protocolVersion());
      return;
    }
    p.versionReceived = true;
    p.version = v;
    p.bestHeight = v.startHeight();
    if (v.sender().port() != 0 && !p.isOutbound()) {
      // Believed only for the host it connects from: we gossip and dial these addresses.
      InetSocketAddress claimed = v.sender().socketAddress();
      InetSocketAddress believed = ListenAddressClaim.believe(claimed, p.remoteAddress());
      if (believed == null) {
        node.misbehaving(
            p,
            "claims to listen on "
                + NetworkAddress.format(claimed)
                + " but connects from "
                + p.remoteAddress().getHostAddress());
        return;
      }
      p.listenAddress = believed;
    }
    log.info(
        "received version from {}: {} protocol {}, height {}",
        p,
        v.userAgent(),
        v.protocolVersion(),
        v.startHeight());
    if (!p.isOutbound()) {
      p.send(version(p));
    }
    p.send(new VerackMessage());
    node.knownNodes.onVersion(p);
    node.blockSync.onVersion(p);
  }

  /**
   * Bitcoin Core's self-connection check: an inbound version carrying the nonce we sent on one of
   * our own outbound connections, still waiting for its answer, means that connection reached this
   * very node. Both ends are dropped and the address is not dialed again.
   */
  private boolean connectedToSelf(Peer inbound, long nonce) {
    for (Peer q : node.peers) {
      if (q.isOutbound() && !q.versionReceived && q.localNonce == nonce) {
        log.warn("connected to self at {}, disconnecting", q);
        q.toSelf = true;
        q.close("connected to self");
        inbound.close("connected to self");
        return true;
      }
    }
    return false;
  }
}
