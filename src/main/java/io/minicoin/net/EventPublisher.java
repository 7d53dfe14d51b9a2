package io.minicoin.net;

import io.minicoin.chain.Mempool;
import io.minicoin.crypto.Sha256Hash;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a node's events (peers coming and going, messages, pool changes) to the one {@link
 * NodeListener}, if any. It is called on whichever thread the event happened, so it only reads.
 */
final class EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  private final Node node;
  private volatile NodeListener listener;

  EventPublisher(Node node) {
    this.node = node;
  }

  void setListener(NodeListener listener) {
    this.listener = listener;
  }

  /** True when someone listens: callers skip building events nobody would see. */
  boolean hasListener() {
    return listener != null;
  }

  /** Hands an event to the listener, if any; a listener that fails never harms the node. */
  void publish(NodeEvent event) {
    NodeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.onEvent(event);
    } catch (RuntimeException e) {
      log.warn(
          "the event listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
    }
  }

  /**
   * Runs a change to the pool (a new tip, a reorganization, a revalidation) and, if someone
   * listens, publishes each transaction that left it ({@code mined} if a connected block holds it,
   * else {@code otherwise}) and each that joined it: the payments of blocks a reorganization
   * disconnected, back in the pool.
   */
  void changePool(Runnable change, Set<Sha256Hash> mined, String otherwise) {
    if (listener == null) {
      change.run();
      return;
    }
    Set<Sha256Hash> before =
        node.mempool.entries().stream()
            .map(e -> e.tx().txid())
            .collect(Collectors.toCollection(HashSet::new));
    change.run();
    Instant now = Instant.now();
    for (Sha256Hash txid : before) {
      if (!node.mempool.contains(txid)) {
        publish(new NodeEvent.TxRemoved(now, txid, mined.contains(txid) ? "mined" : otherwise));
      }
    }
    for (Mempool.Entry e : node.mempool.entries()) {
      if (!before.contains(e.tx().txid())) {
        publish(
            new NodeEvent.TxAdded(
                now, e.tx().txid(), e.fee().units(), e.tx().size(), "a disconnected block"));
      }
    }
  }
}
