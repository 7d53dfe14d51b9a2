package io.minicoin.net;

import io.minicoin.net.wire.AddrMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes this node knows. The central node remembers every node that said version to it and
 * shares the list with {@code addr}; when one goes away it tries to reach it again a few times
 * before forgetting it. Every other node keeps its connection to the central node, reconnecting for
 * as long as it runs.
 */
final class KnownNodes {
  private static final Logger log = LoggerFactory.getLogger(KnownNodes.class);
  private static final long MAX_RETRY_MS = 5_000;

  private final Node node;
  private final Set<HostPort> known = new CopyOnWriteArraySet<>();
  private volatile boolean centralUnreachableLogged;

  KnownNodes(Node node) {
    this.node = node;
  }

  List<HostPort> list() {
    return new ArrayList<>(known);
  }

  void connectToCentral() {
    HostPort central = node.config.central();
    if (node.isStopping() || isConnected(central)) {
      return;
    }
    try {
      node.connect(central);
      if (centralUnreachableLogged) {
        log.info("reconnected to the central node {}", central);
      }
      centralUnreachableLogged = false;
    } catch (IOException e) {
      if (!centralUnreachableLogged) {
        log.warn(
            "central node {} unreachable ({}): retrying until it answers", central, e.getMessage());
        centralUnreachableLogged = true;
      }
      schedule(this::connectToCentral, node.config.reconnectDelay().toMillis());
    }
  }

  void onVersion(Peer p) {
    HostPort addr = p.listenAddress;
    if (!node.config.isCentral() || addr == null || addr.equals(node.config.self())) {
      return;
    }
    if (known.add(addr)) {
      log.info("new node {}; known nodes: {}", addr, known);
    }
    node.broadcast(new AddrMessage(known.stream().map(HostPort::toString).toList()), null);
  }

  void onAddr(Peer p, AddrMessage a) {
    List<HostPort> heard = new ArrayList<>();
    for (String s : a.addresses()) {
      try {
        heard.add(HostPort.parse(s));
      } catch (IllegalArgumentException e) {
        node.misbehaving(p, "bad address in addr: " + e.getMessage());
        return;
      }
    }
    heard.remove(node.config.self());
    if (!node.config.isCentral() && known.addAll(heard)) {
      log.info("known nodes from {}: {}", p, known);
    }
  }

  /** A connection ended while we keep running: reach the node again if it matters. */
  void peerGone(Peer p) {
    HostPort addr = p.listenAddress;
    if (addr == null) {
      return; // a command-line client
    }
    if (!node.config.isCentral() && addr.equals(node.config.central()) && p.isOutbound()) {
      log.info("lost the central node {}: reconnecting", addr);
      schedule(this::connectToCentral, node.config.reconnectDelay().toMillis());
    } else if (node.config.isCentral() && known.contains(addr)) {
      schedule(() -> reconnect(addr, 1), node.config.reconnectDelay().toMillis());
    }
  }

  private void reconnect(HostPort addr, int attempt) {
    if (node.isStopping() || isConnected(addr)) {
      return;
    }
    try {
      node.connect(addr);
      log.info("reconnected to {}", addr);
    } catch (IOException e) {
      if (attempt >= node.config.reconnectAttempts()) {
        known.remove(addr);
        log.info("forgot node {} after {} failed attempts; known nodes: {}", addr, attempt, known);
      } else {
        log.info(
            "node {} unreachable (attempt {} of {}): trying again",
            addr,
            attempt,
            node.config.reconnectAttempts());
        schedule(
            () -> reconnect(addr, attempt + 1),
            Math.min(MAX_RETRY_MS, node.config.reconnectDelay().toMillis() << attempt));
      }
    }
  }

  private boolean isConnected(HostPort addr) {
    return node.peers.stream().anyMatch(p -> addr.equals(p.listenAddress) && !p.isClosing());
  }

  private void schedule(Runnable task, long delayMs) {
    if (!node.isStopping()) {
      node.timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }
  }
}
