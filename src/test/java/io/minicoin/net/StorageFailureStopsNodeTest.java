package io.minicoin.net;

import static io.minicoin.net.NodeHostileInputTest.VERSION;
import static io.minicoin.net.NodeHostileInputTest.blockFrame;
import static io.minicoin.net.NodeHostileInputTest.concat;
import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the chain file stops taking writes, the node stops with a message saying so, instead of
 * running on and refusing every block.
 */
class StorageFailureStopsNodeTest {
  @TempDir Path dir;

  private static boolean chattr(String flag, Path file) throws Exception {
    try {
      return new ProcessBuilder("chattr", flag, file.toString()).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void aChainFileThatRefusesWritesStopsTheNode() throws Exception {
    Path file = dir.resolve("chain.db");
    Blockchain chain = newChain(file);
    int port = freePort();
    Node node = start(port, port, chain, Optional.empty());
    Block block = mineOn(chain, List.of(), Amount.ZERO, ALICE_ADDR);
    // The immutable attribute makes writes through LMDB's open file fail (EPERM), as a failing
    // disk would; only root may set it.
    assumeTrue(chattr("+i", file), "cannot make the chain file immutable here");
    try (Socket s = new Socket("localhost", port)) {
      s.getOutputStream().write(concat(VERSION, blockFrame(block)));
      s.getOutputStream().flush();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  node.awaitStopped();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      waiter.start();
      waiter.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(waiter.isAlive()).as("the node stopped").isFalse();
      assertThat(node.failure()).get().asString().contains("the chain file failed");
      assertThat(node.isStopping()).isTrue();
    } finally {
      chattr("-i", file);
      node.close();
    }
  }

  @Test
  void aBestChainEntryTheFileLostStopsTheNodeNamingIt() throws Exception {
    Path file = dir.resolve("lost.db");
    Blockchain chain = newChain(file);
    extend(chain, 5);
    chain.close();
    // The heights table loses height 3, as a damaged file might: the blocks are all there, but
    // the best chain has a hole that the next peer asking for blocks walks into.
    try (io.minicoin.store.ChainStore store = io.minicoin.store.ChainStore.open(file)) {
      store.writeAll(w -> w.clearBest(3));
    }
    Node node = null;
    try {
      chain = Blockchain.open(file);
      int port = freePort();
      node = start(port, port, chain, Optional.empty());
      Node running = node;
      try (Socket s = new Socket("localhost", port)) {
        byte[] getblocks =
            io.minicoin.net.wire.FrameCodec.encode(
                new io.minicoin.net.wire.GetBlocksMessage(
                    Node.PROTOCOL_VERSION,
                    List.of(GENESIS.hash()),
                    io.minicoin.crypto.Sha256Hash.ZERO));
        s.getOutputStream().write(concat(VERSION, getblocks));
        s.getOutputStream().flush();
        Thread waiter =
            new Thread(
                () -> {
                  try {
                    running.awaitStopped();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(60));
        // Before, a NoSuchElementException was logged with its stack trace and the node ran on.
        assertThat(waiter.isAlive()).as("the node stopped").isFalse();
        assertThat(node.failure())
            .get()
            .asString()
            .contains("damaged", "no block at height 3", "restore it from a copy");
      }
    } finally {
      if (node != null) {
        node.close();
      }
    }
  }
}
