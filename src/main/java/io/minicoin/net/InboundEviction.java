package io.minicoin.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which inbound peer makes room when every inbound slot is taken, as Bitcoin Core's {@code
 * AttemptToEvictConnection} chooses: without it, connections that say {@code version} and then
 * nothing would hold every slot and lock real peers out.
 *
 * <p>Peers that are useful or hard for an attacker to imitate are protected first: the 4 with the
 * lowest ping time, the 4 that most recently gave us a new pool transaction, the 4 that most
 * recently gave us a block that became our tip, then half of the rest, those connected longest. Of
 * those left, the most recently connected is evicted. Outbound peers are never candidates (we chose
 * them). Core also protects 4 peers of distinct network groups; in a classroom every peer shares
 * one group (loopback or one LAN), so that step would protect nobody in particular and is left out.
 */
final class InboundEviction {
  static final int PROTECT_BY_PING = 4;
  static final int PROTECT_BY_TX = 4;
  static final int PROTECT_BY_BLOCK = 4;

  private InboundEviction() {}

  /** The peer to evict among {@code inbound}, or null if every one of them is protected. */
  static Peer select(List<Peer> inbound) {
    List<Peer> candidates = new ArrayList<>(inbound);
    candidates.removeIf(Peer::isOutbound);
    protect(
        candidates,
        Comparator.comparingLong((Peer p) -> p.minPingNanos),
        PROTECT_BY_PING,
        p -> p.minPingNanos != Long.MAX_VALUE);
    protect(
        candidates,
        Comparator.comparingLong((Peer p) -> p.lastUsefulTxNanos).reversed(),
        PROTECT_BY_TX,
        p -> p.lastUsefulTxNanos != 0);
    protect(
        candidates,
        Comparator.comparingLong((Peer p) -> p.lastUsefulBlockNanos).reversed(),
        PROTECT_BY_BLOCK,
        p -> p.lastUsefulBlockNanos != 0);
    protect(
        candidates,
        Comparator.comparingLong((Peer p) -> p.connectedNanos),
        candidates.size() / 2,
        p -> true);
    return candidates.stream().max(Comparator.comparingLong(p -> p.connectedNanos)).orElse(null);
  }

  /** Removes from {@code candidates} the first {@code n} in {@code order} that {@code qualify}. */
  private static void protect(
      List<Peer> candidates,
      Comparator<Peer> order,
      int n,
      java.util.function.Predicate<Peer> qualify) {
    List<Peer> sorted = new ArrayList<>(candidates);
    sorted.sort(order);
    sorted.stream().filter(qualify).limit(n).forEach(candidates::remove);
  }
}
