package io.minicoin.net;

import io.minicoin.net.wire.AddrMessage;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NotFoundMessage;
import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;
import io.minicoin.net.wire.RejectMessage;
import io.minicoin.net.wire.TxMessage;
import io.minicoin.net.wire.VerackMessage;
import io.minicoin.net.wire.VersionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each peer message goes: one branch per kind of message, handing it to the class that owns
 * that concept. Runs on the event thread, one message at a time.
 */
final class MessageDispatch {
  private static final Logger log = LoggerFactory.getLogger(MessageDispatch.class);

  private final Node node;

  MessageDispatch(Node node) {
    this.node = node;
  }

  void handle(Peer p, Message m) {
    if (p.isClosing()) {
      return; // we said goodbye: nothing more it says counts
    }
    if (!p.versionReceived && !(m instanceof VersionMessage)) {
      node.misbehaving(p, "sent " + m.command() + " before version");
      return;
    }
    // One branch per permitted Message type, in the order Message lists them; the compiler
    // checks that each type exists, and the last branch catches a type added without a branch.
    if (m instanceof VersionMessage v) {
      node.handshake.onVersion(p, v);
    } else if (m instanceof VerackMessage) {
      // nothing to do: the version exchange is complete
    } else if (m instanceof PingMessage ping) {
      p.send(new PongMessage(ping.nonce()));
    } else if (m instanceof PongMessage pong) {
      node.liveness.onPong(p, pong); // liveness, and the round trip that eviction favors
    } else if (m instanceof AddrMessage a) {
      node.knownNodes.onAddr(p, a);
    } else if (m instanceof GetBlocksMessage g) {
      node.blockServer.onGetBlocks(p, g);
    } else if (m instanceof InvMessage inv) {
      node.blockSync.onInv(p, inv);
      node.txRelay.onInv(p, inv);
    } else if (m instanceof GetDataMessage g) {
      node.blockServer.onGetData(p, g);
      node.txRelay.onGetData(p, g);
    } else if (m instanceof NotFoundMessage nf) {
      node.blockSync.onNotFound(p, nf);
    } else if (m instanceof BlockMessage b) {
      node.blockSync.onBlock(p, b.block());
    } else if (m instanceof TxMessage t) {
      node.txRelay.onTx(p, t.tx());
    } else if (m instanceof RejectMessage r) {
      // A peer refusing what we sent: we change nothing, as Bitcoin Core only logs it.
      log.info("{} rejected {}: {} ({})", p, r.message(), r.reason(), r.code());
    } else {
      throw new IllegalStateException("no handler for " + m.getClass().getSimpleName());
    }
  }
}
