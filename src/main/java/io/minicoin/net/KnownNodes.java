package io.minicoin.net;

import io.minicoin.net.wire.AddrMessage;
import io.minicoin.net.wire.NetworkAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes this node knows, by address. The central node remembers every node that said version to
 * it and shares the list with {@code addr}; when one goes away it tries to reach it again a few
 * times before forgetting it. Every other node keeps its connection to the central node,
 * reconnecting for as long as it runs.
 */
final class KnownNodes {
  private static final Logger log = LoggerFactory.getLogger(KnownNodes.class);
  private static final long MAX_RETRY_MS = 5_000;

  private final Node node;

  /** Each known node and when it was last heard of (seconds since 1970), as {@code addr} says. */
  private final Map<InetSocketAddress, Long> known = new ConcurrentHashMap<>();

  /**
   * How many of the central node's reconnections to a lost node have ended: the node was back
   * already, was reached, or was forgotten. Tests wait on it instead of sleeping through the
   * retries.
   */
  final AtomicInteger reconnectsEnded = new AtomicInteger();

  private volatile boolean centralUnreachableLogged;
  private volatile boolean centralNotMinicoinLogged;

  KnownNodes(Node node) {
    this.node = node;
  }

  List<InetSocketAddress> list() {
    return new ArrayList<>(known.keySet());
  }

  private String describe() {
    return known.keySet().stream().map(NetworkAddress::format).sorted().toList().toString();
  }

  void connectToCentral() {
    InetSocketAddress central = node.addresses.central();
    String name = NetworkAddress.format(central);
    if (node.isStopping() || isConnected(central)) {
      return;
    }
    try {
      node.connect(central);
      if (centralUnreachableLogged) {
        log.info("reconnected to the central node {}", name);
      }
      centralUnreachableLogged = false;
    } catch (IOException e) {
      if (!centralUnreachableLogged) {
        log.warn(
            "central node {} unreachable ({}): retrying until it answers"
                + " (a central node elsewhere: startnode -central HOST:PORT)",
            name,
            e.getMessage());
        centralUnreachableLogged = true;
      }
      schedule(this::connectToCentral, node.config.reconnectDelay().toMillis());
    }
  }

  void onVersion(Peer p) {
    InetSocketAddress addr = p.listenAddress;
    if (p.isOutbound() && addr != null && addr.equals(node.addresses.central())) {
      centralNotMinicoinLogged = false; // a minicoin node answers there now
    }
    if (!node.addresses.isCentral() || addr == null || node.addresses.isSelf(addr)) {
      return;
    }
    if (known.put(addr, now()) == null) {
      log.info("new node {}; known nodes: {}", NetworkAddress.format(addr), describe());
    }
    node.broadcast(addrMessage(), null);
  }

  /** The most recently heard of nodes, as many as one {@code addr} may carry. */
  private AddrMessage addrMessage() {
    return new AddrMessage(
        known.entrySet().stream()
            .sorted(Map.Entry.<InetSocketAddress, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(AddrMessage.MAX_ADDRESSES)
            .map(e -> new AddrMessage.Entry(e.getValue(), NetworkAddress.of(e.getKey())))
            .toList());
  }

  void onAddr(Peer p, AddrMessage a) {
    if (node.addresses.isCentral()) {
      return; // the central node learns of nodes from their connections, not from hearsay
    }
    boolean learned = false;
    for (AddrMessage.Entry e : a.entries()) {
      InetSocketAddress addr = e.address().socketAddress();
      // As Bitcoin Core does, addresses no one can dial are ignored, not held against the sender.
      if (addr.getPort() == 0 || addr.getAddress().isAnyLocalAddress()) {
        continue;
      }
      if (!node.addresses.isSelf(addr) && known.put(addr, e.time()) == null) {
        learned = true;
      }
    }
    if (learned) {
      log.info("known nodes from {}: {}", p, describe());
    }
  }

  /** A connection ended while we keep running: reach the node again if it matters. */
  void peerGone(Peer p, String reason) {
    InetSocketAddress addr = p.listenAddress;
    if (addr == null) {
      return; // a command-line client
    }
    if (p.toSelf) {
      log.warn("not dialing {} again: it is this node", NetworkAddress.format(addr));
      known.remove(addr);
      return;
    }
    boolean central = node.addresses.isCentral();
    if (!central && addr.equals(node.addresses.central()) && p.isOutbound()) {
      if (!p.versionReceived && reason.startsWith("protocol violation")) {
        // Something answers on that port, but not a minicoin node (a web server, say).
        if (!centralNotMinicoinLogged) {
          log.warn(
              "central node {} answered with something that is not minicoin ({}): is -central"
                  + " right? retrying until a minicoin node answers",
              NetworkAddress.format(addr),
              reason);
          centralNotMinicoinLogged = true;
        }
      } else {
        log.info("lost the central node {}: reconnecting", NetworkAddress.format(addr));
      }
      schedule(this::connectToCentral, node.config.reconnectDelay().toMillis());
    } else if (central && known.containsKey(addr)) {
      schedule(() -> reconnect(addr, 1), node.config.reconnectDelay().toMillis());
    }
  }

  private void reconnect(InetSocketAddress addr, int attempt) {
    if (node.isStopping()) {
      return;
    }
    if (isConnected(addr)) {
      reconnectsEnded.incrementAndGet(); // it came back by itself
      return;
    }
    String name = NetworkAddress.format(addr);
    try {
      node.connect(addr);
      log.info("reconnected to {}", name);
      reconnectsEnded.incrementAndGet();
    } catch (IOException e) {
      if (attempt >= node.config.reconnectAttempts()) {
        known.remove(addr);
        log.info(
            "forgot node {} after {} failed attempts; known nodes: {}", name, attempt, describe());
        reconnectsEnded.incrementAndGet();
      } else {
        log.info(
            "node {} unreachable (attempt {} of {}): trying again",
            name,
            attempt,
            node.config.reconnectAttempts());
        schedule(
            () -> reconnect(addr, attempt + 1),
            Math.min(MAX_RETRY_MS, node.config.reconnectDelay().toMillis() << attempt));
      }
    }
  }

  private boolean isConnected(InetSocketAddress addr) {
    return node.peers.stream().anyMatch(p -> addr.equals(p.listenAddress) && !p.isClosing());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /**
   * Runs a dial after {@code delayMs}: the timer only hands it to the dialer thread, since a dial
   * can wait seconds for a dead address and the timer thread runs every other timeout.
   */
  private void schedule(Runnable task, long delayMs) {
    if (!node.isStopping()) {
      try {
        Future<?> unused =
            node.timers.schedule(
                () -> {
                  try {
                    node.dialer.execute(task);
                  } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // the node is stopping: no more dials
                  }
                },
                delayMs,
                TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // the node is stopping: no more dials
      }
    }
  }
}
