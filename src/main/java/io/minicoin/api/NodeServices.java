package io.minicoin.api;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Mempool;
import io.minicoin.net.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the API may see and do of a running node: its chain and pool (read from any thread: both are
 * safe for concurrent readers), the node itself (peers, and handing it a transaction to accept and
 * relay on its event thread), the wallet file, and a way to stop it.
 *
 * @param stop asks the node to shut down (returns at once; the shutdown happens on another thread)
 */
public record NodeServices(
    Node node, Path chainFile, Path walletFile, Runnable stop, Instant started) {
  public Blockchain chain() {
    return node.chain();
  }

  public Mempool mempool() {
    return node.mempool();
  }

  /** The chain file's size in bytes (Core's {@code size_on_disk}); 0 if it cannot be read. */
  public long chainFileSize() {
    try {
      return Files.size(chainFile);
    } catch (IOException e) {
      return 0;
    }
  }
}
