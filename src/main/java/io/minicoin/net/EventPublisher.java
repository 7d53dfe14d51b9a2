package io.minicoin.net;

import io.minicoin.crypto.Sha256Hash;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
   * Runs a change to the pool (a new tip, a revalidation) and, if someone listens, publishes each
   * transaction that left it: {@code mined} if a connected block holds it, else {@code otherwise}.
   */
  void changePool(Runnable change, Set<Sha256Hash> mined, String otherwise) {
    if (listener == null) {
      change.run();
      return;
    }
    List<Sha256Hash> before = node.mempool.entries().stream().map(e -> e.tx().txid()).toList();
    change.run();
    Instant now = Instant.now();
    for (Sha256Hash txid : before) {
      if (!node.mempool.contains(txid)) {
        publish(new NodeEvent.TxRemoved(now, txid, mined.contains(txid) ? "mined" : otherwise));
      }
    }
  }
}
