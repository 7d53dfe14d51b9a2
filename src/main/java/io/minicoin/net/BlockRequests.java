package io.minicoin.net;

import io.minicoin.crypto.Sha256Hash;
import java.util.HashMap;
import java.util.Map;

/**
 * The blocks asked for and not delivered yet (Bitcoin Core's "blocks in flight"), each with the
 * peer asked and when. A request is open while that peer keeps delivering; one whose peer has
 * delivered nothing for {@link #TIMEOUT_NANOS} is overdue, and its block may be asked of another
 * peer. Used on the event thread only, by {@link BlockSync}.
 */
final class BlockRequests {
  /** A block asked for and not delivered by then may be asked of another peer. */
  static final long TIMEOUT_NANOS = 20_000_000_000L;

  /** A block asked of a peer; it is overdue when that peer has delivered nothing for a while. */
  record Request(Peer peer, long askedAt) {
    boolean isOpen(long now) {
      return now - Math.max(askedAt, peer.lastDelivery) <= TIMEOUT_NANOS;
    }
  }

  private final Map<Sha256Hash, Request> open = new HashMap<>();

  /** The request for {@code hash}, open or overdue; null if it was not asked for. */
  Request get(Sha256Hash hash) {
    return open.get(hash);
  }

  /** Notes that {@code hash} was asked of {@code p} at {@code now} (again, if it was before). */
  void asked(Sha256Hash hash, Peer p, long now) {
    open.put(hash, new Request(p, now));
  }

  /**
   * The block arrived, or will not come: its request, which is forgotten; null if it was not asked
   * for. An overdue request still counts: a late block was asked for.
   */
  Request remove(Sha256Hash hash) {
    return open.remove(hash);
  }

  /** How many requests to {@code p} are open. */
  long openWith(Peer p, long now) {
    return open.values().stream().filter(r -> r.peer() == p && r.isOpen(now)).count();
  }

  /** Whether a block asked of {@code p} is still expected from it. */
  boolean isWaitingFor(Peer p) {
    long now = System.nanoTime();
    return open.values().stream().anyMatch(r -> r.peer() == p && r.isOpen(now));
  }

  /** A peer left: its blocks can be asked of the next peer that announces them. */
  void forget(Peer p) {
    open.values().removeIf(r -> r.peer() == p);
  }

  /** Forgets requests far older than the timeout, whose blocks never came. */
  void expire(long now) {
    open.values().removeIf(r -> now - r.askedAt() > 10 * TIMEOUT_NANOS);
  }
}
