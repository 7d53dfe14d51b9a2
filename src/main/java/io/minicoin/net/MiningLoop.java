package io.minicoin.net;

import io.minicoin.chain.Mempool;
import io.minicoin.chain.Miner;
import io.minicoin.chain.MiningProgress;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The miner: once the pool holds enough transactions, it builds a block on the tip, searches for
 * its proof of work on all cores, and hands the block to the node, then goes on while enough
 * remain. A new tip from elsewhere interrupts the search, which restarts on the new tip.
 */
final class MiningLoop {
  /** Leave room in a block for the header and the coinbase. */
  private static final int MAX_TX_BYTES = 900_000;

  private static final Logger log = LoggerFactory.getLogger(MiningLoop.class);

  private final Node node;
  private final Address payTo;
  private final Miner miner = new Miner().onProgress(this::progress);
  private long nextProgressLog;

  /** When each pool transaction was first seen here (monotonic nanos), for {@code -max-wait}. */
  private final Map<Sha256Hash, Long> firstSeen = new HashMap<>();

  private final Object signal = new Object();
  private volatile AtomicBoolean cancelCurrent = new AtomicBoolean();
  private volatile boolean stopped;
  private boolean woken = true;
  private Thread thread;

  MiningLoop(Node node, Address payTo) {
    this.node = node;
    this.payTo = payTo;
  }

  void start() {
    thread = new Thread(this::run, "miner");
    thread.setDaemon(true);
    thread.start();
  }

  void poolChanged() {
    wake();
  }

  void tipChanged() {
    cancelCurrent.set(true);
    wake();
  }

  /**
   * Stops mining and waits for the search to wind down, so nothing reads the store after it closes.
   */
  void stop() {
    stopped = true;
    cancelCurrent.set(true);
    wake();
    try {
      if (thread != null) {
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (!stopped) {
      synchronized (signal) {
        while (!woken && !stopped) {
          try {
            signal.wait(1000);
          } catch (InterruptedException e) {
            return;
          }
          woken = woken || ready();
        }
        woken = false;
      }
      if (!stopped && ready()) {
        mineOnce();
      }
    }
  }

  /**
   * Mine once the pool holds {@code minPoolSize} transactions (the seed's rule), or once its oldest
   * transaction has waited {@code maxWait}: so a lone payment always confirms.
   */
  private boolean ready() {
    List<Mempool.Entry> entries = node.mempool.entries();
    if (entries.size() >= node.config.minPoolSize()) {
      return true;
    }
    long now = System.nanoTime();
    Set<Sha256Hash> present = new HashSet<>();
    long oldest = now;
    for (Mempool.Entry e : entries) {
      present.add(e.tx().txid());
      oldest = Math.min(oldest, firstSeen.computeIfAbsent(e.tx().txid(), id -> now));
    }
    firstSeen.keySet().retainAll(present);
    return !entries.isEmpty() && now - oldest >= node.config.maxWait().toNanos();
  }

  /** At a real difficulty a block takes minutes: say how it goes every 10 s. */
  private void progress(MiningProgress p) {
    long now = System.nanoTime();
    if (now - nextProgressLog >= 0) {
      nextProgressLog = now + 10_000_000_000L;
      if (p.seconds() >= 5) {
        log.info("mining: {}", p.describe());
      }
    }
  }

  private void mineOnce() {
    AtomicBoolean cancel = new AtomicBoolean();
    cancelCurrent = cancel;
    List<Transaction> txs = new ArrayList<>();
    Amount fees = Amount.ZERO;
    int bytes = 0;
    for (Mempool.Entry e : node.mempool.entries()) {
      if (bytes + e.tx().size() > MAX_TX_BYTES) {
        break;
      }
      txs.add(e.tx());
      fees = fees.plus(e.fee());
      bytes += e.tx().size();
    }
    int height = node.chain.tip().height() + 1;
    log.info(
        "mining a block at height {} with {} transactions{}",
        height,
        txs.size(),
        txs.size() < node.config.minPoolSize()
            ? " (the oldest waited " + node.config.maxWait().toSeconds() + " s: -max-wait)"
            : "");
    long start = System.nanoTime();
    Optional<Block> block =
        miner.mineOnTip(node.chain, txs, fees, payTo, () -> cancel.get() || stopped);
    if (block.isEmpty()) {
      log.info("mining interrupted: {}", stopped ? "shutting down" : "a new tip arrived");
      return;
    }
    log.info(
        "mined block {} at height {} with {} transactions in {} ms",
        block.get().hash(),
        height,
        txs.size(),
        (System.nanoTime() - start) / 1_000_000);
    // Wait until the node has taken the block in, so the next round sees the pool without its
    // transactions.
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean queued =
        node.submit(
            () -> {
              try {
                node.blockSync.onOwnBlock(block.get());
              } finally {
                done.complete(null);
              }
            });
    if (!queued) {
      return; // shutting down: the block is dropped, as an unfinished search would be
    }
    try {
      done.get();
    } catch (InterruptedException | ExecutionException e) {
      Thread.currentThread().interrupt();
    }
    wake();
  }
}
