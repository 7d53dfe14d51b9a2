package io.minicoin.net;

import io.minicoin.chain.MempoolFile;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's pool across restarts (Bitcoin Core's mempool.dat): read once when the node starts,
 * before any peer connects, and written when it stops, after the event thread has finished. A file
 * that cannot be read or written is logged and never stops the node.
 */
final class PoolFile {
  private static final Logger log = LoggerFactory.getLogger(PoolFile.class);

  private final Node node;
  private Path poolFile;

  PoolFile(Node node) {
    this.node = node;
  }

  void use(Path file) {
    this.poolFile = file;
  }

  void load() {
    if (poolFile == null) {
      return;
    }
    try {
      MempoolFile.Loaded loaded = MempoolFile.load(poolFile, node.mempool, node.chain);
      if (loaded.accepted() + loaded.dropped() > 0) {
        log.info(
            "pool: {} transactions back from {}, {} no longer valid",
            loaded.accepted(),
            poolFile,
            loaded.dropped());
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "pool: could not read {} ({}); starting with an empty pool", poolFile, e.getMessage());
    }
  }

  /** Writes the pool, if this process is the node that owns the file (it bound the port). */
  void save(boolean started) {
    if (poolFile == null || !started) {
      return;
    }
    try {
      int n = MempoolFile.save(node.mempool, poolFile);
      log.info("pool: saved {} transactions to {}", n, poolFile);
    } catch (IOException | RuntimeException e) {
      log.warn("pool: could not save to {}: {}", poolFile, e.getMessage());
    }
  }
}
