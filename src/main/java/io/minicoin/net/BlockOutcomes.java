package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.HeaderView;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the chain's verdict on a block: a new tip updates the pool, is logged, shown to the
 * explorer's listeners and announced to the other peers; a refused block is logged, shown, and its
 * sender scored (or, for our own miner's block, the pool checked again). {@link BlockSync} decides
 * what to connect and when; this says what happened. Runs on the node's event thread.
 */
final class BlockOutcomes {
  private static final Logger log = LoggerFactory.getLogger(BlockOutcomes.class);

  private final Node node;
  private final Blockchain chain;

  BlockOutcomes(Node node) {
    this.node = node;
    this.chain = node.chain;
  }

  /**
   * A downloaded group connected as a run, the new tip its last block: one pool update for all, and
   * one announcement, unless more of the peer's blocks are on their way.
   */
  void runConnected(Blockchain.Result r, Peer from, boolean announce) {
    from.lastUsefulBlockNanos = System.nanoTime(); // kept when inbound slots run out
    if (node.publisher.hasListener()) {
      Instant now = Instant.now();
      int height = chain.tip().height() - r.connected().size();
      for (Block b : r.connected()) {
        node.publisher.publish(
            new NodeEvent.NewTip(
                now, b.hash(), ++height, b.transactions().size(), from.toString()));
      }
    }
    updatePool(r);
    if (announce) {
      announceTip(from);
    }
  }

  /**
   * {@code b} made a new tip, from {@code source} (null: our miner); a download's blocks ({@code
   * fromSyncPeer}) are not logged one by one, the download reports progress instead.
   */
  void newTip(Block b, Blockchain.Result r, Peer source, boolean fromSyncPeer) {
    if (source != null) {
      source.lastUsefulBlockNanos = System.nanoTime(); // kept when inbound slots run out
    }
    publishNewTip(b, r, source);
    updatePool(r);
    // Once the pool is updated: a log line tells what has happened.
    HeaderView tip = chain.tip();
    if (!r.disconnected().isEmpty()) {
      log.info(
          "reorganized: {} blocks disconnected, {} connected, fork at height {}",
          r.disconnected().size(),
          r.connected().size(),
          tip.height() - r.connected().size());
    }
    if (!fromSyncPeer) {
      log.info(
          "new tip {} at height {} ({} transactions) from {}",
          b.hash(),
          tip.height(),
          b.transactions().size(),
          source == null ? "our miner" : source);
    }
  }

  /** Logs a refusal and drops the sender if it was at fault; returns whether it was. */
  boolean refused(Block b, Peer from, VerificationException e) {
    String who = from == null ? "our miner" : from.toString();
    switch (e.reason()) {
      case DUPLICATE -> {
        return false; // heard twice: nothing wrong
      }
      case TIME_TOO_NEW -> {
        log.info(
            "block {} from {} is too far in the future for now: {}", b.hash(), who, e.getMessage());
        return false;
      }
      default -> {
        log.warn("rejected block {} from {}: {}", b.hash(), who, e.getMessage());
        node.publisher.publish(
            new NodeEvent.Rejected(
                Instant.now(), "block", b.hash(), e.reason().code(), e.getMessage(), who));
        if (from != null) {
          node.misbehaving(from, "sent an invalid block: " + e.reason());
        } else {
          // our own block failed: drop whatever in the pool caused it
          node.publisher.changePool(
              () -> node.mempool.revalidate(chain), Set.of(), "invalid: our own block failed");
        }
        return true;
      }
    }
  }

  /**
   * Tells every peer but {@code except} about our tip; a peer missing blocks before it asks for
   * them.
   */
  void announceTip(Peer except) {
    node.broadcast(
        new InvMessage(List.of(new InvVector(InvType.BLOCK, chain.tip().hash()))), except);
  }

  /**
   * The pool after a new tip: what the new blocks mined leaves it, what they disconnected returns.
   */
  private void updatePool(Blockchain.Result r) {
    node.publisher.changePool(
        () -> node.mempool.update(chain, r.disconnected(), r.connected()),
        minedIn(r.connected()),
        "conflict or invalid on the new chain");
  }

  /** The transactions of these blocks, when someone listens for the pool's changes. */
  private Set<Sha256Hash> minedIn(List<Block> blocks) {
    if (!node.publisher.hasListener()) {
      return Set.of();
    }
    Set<Sha256Hash> txids = new HashSet<>();
    blocks.forEach(b -> b.transactions().forEach(tx -> txids.add(tx.txid())));
    return txids;
  }

  private void publishNewTip(Block b, Blockchain.Result r, Peer source) {
    HeaderView tip = chain.tip();
    Instant now = Instant.now();
    if (!r.disconnected().isEmpty()) {
      int fork = tip.height() - r.connected().size();
      node.publisher.publish(
          new NodeEvent.Reorganized(now, r.disconnected().size(), r.connected().size(), fork));
    }
    node.publisher.publish(
        new NodeEvent.NewTip(
            now,
            b.hash(),
            tip.height(),
            b.transactions().size(),
            source == null ? "our miner" : source.toString()));
  }
}
