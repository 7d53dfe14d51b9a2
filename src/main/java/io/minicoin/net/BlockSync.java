package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.RejectReason;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.NotFoundMessage;
import io.minicoin.store.BlockIndexEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block download and relay, the seed's flow with a locator: the lower node sends {@code
 * getblocks} with a block locator, the other answers {@code inv} with up to 500 hashes it lacks,
 * the downloader asks for all of them at once with {@code getdata} and connects each {@code block}
 * as it arrives. A new tip is announced to every peer but the one it came from.
 */
final class BlockSync {
  static final int MAX_BLOCKS_PER_INV = 500;
  private static final int PROGRESS_EVERY = 100;
  private static final Logger log = LoggerFactory.getLogger(BlockSync.class);

  private final Node node;
  private final Blockchain chain;
  private final OrphanBlocks orphans = new OrphanBlocks(100);
  /** Blocks asked for and not yet received, and whom we asked. */
  private final Map<Sha256Hash, Peer> inFlight = new HashMap<>();
  private int syncTarget;
  private int syncStart;

  BlockSync(Node node) {
    this.node = node;
    this.chain = node.chain;
  }

  void onVersion(Peer p) {
    int ours = chain.tip().height();
    if (p.bestHeight > ours) {
      syncStart = ours;
      syncTarget = p.bestHeight;
      log.info("{} has {} blocks we lack: downloading", p, p.bestHeight - ours);
      askForBlocks(p);
    }
  }

  private void askForBlocks(Peer p) {
    p.send(new GetBlocksMessage(Node.PROTOCOL_VERSION, chain.locator(), Sha256Hash.ZERO));
  }

  void onGetBlocks(Peer p, GetBlocksMessage g) {
    List<Sha256Hash> hashes = chain.hashesAfter(g.locator(), g.hashStop(), MAX_BLOCKS_PER_INV);
    if (!hashes.isEmpty()) {
      log.info("sending {} block hashes to {}", hashes.size(), p);
      p.send(new InvMessage(hashes.stream().map(h -> new InvVector(InvType.BLOCK, h)).toList()));
    }
  }

  void onInv(Peer p, InvMessage inv) {
    List<InvVector> wanted = new ArrayList<>();
    for (InvVector v : inv.items()) {
      if (v.type() == InvType.BLOCK && !inFlight.containsKey(v.hash()) && !orphans.contains(v.hash())
          && chain.entry(v.hash()).isEmpty()) {
        wanted.add(v);
        inFlight.put(v.hash(), p);
      }
    }
    if (!wanted.isEmpty()) {
      log.info("asking {} for {} block(s)", p, wanted.size());
      p.send(new GetDataMessage(wanted));
    }
  }

  void onGetData(Peer p, GetDataMessage g) {
    List<InvVector> missing = new ArrayList<>();
    for (InvVector v : g.items()) {
      if (v.type() != InvType.BLOCK) {
        continue;
      }
      Optional<Block> b = chain.block(v.hash());
      if (b.isPresent()) {
        p.send(new BlockMessage(b.get()));
      } else {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      p.send(new NotFoundMessage(missing));
    }
  }

  void onBlock(Peer p, Block block) {
    Sha256Hash hash = block.hash();
    inFlight.remove(hash);
    if (!accept(block, p)) {
      return;
    }
    BlockIndexEntry tip = chain.tip();
    boolean waiting = inFlight.containsValue(p);
    if (syncTarget > 0 && (tip.height() >= syncTarget || !waiting)) {
      log.info("downloaded {} of {} blocks", tip.height() - syncStart, syncTarget - syncStart);
      if (tip.height() >= syncTarget) {
        log.info("in sync at height {}, tip {}", tip.height(), tip.hash());
        syncTarget = 0;
      }
    }
    if (!waiting && p.bestHeight > tip.height()) {
      askForBlocks(p); // the next batch of 500
    }
  }

  /** Blocks we asked a peer that left for can be asked of the next peer that announces them. */
  void peerGone(Peer p) {
    inFlight.values().removeIf(asked -> asked == p);
  }

  /** A block our own miner found. */
  void onOwnBlock(Block block) {
    accept(block, null);
  }

  /**
   * Accepts a block and any orphans waiting on it; relays a new tip.
   *
   * @return false if the block was invalid (and its sender dropped)
   */
  private boolean accept(Block block, Peer source) {
    Deque<Block> queue = new ArrayDeque<>(List.of(block));
    boolean newTip = false;
    while (!queue.isEmpty()) {
      Block b = queue.poll();
      Blockchain.Result r;
      try {
        r = chain.accept(b);
      } catch (VerificationException e) {
        if (e.reason() == RejectReason.DUPLICATE) {
          continue;
        }
        log.warn("rejected block {} from {}: {}", b.hash(), source == null ? "our miner" : source, e.getMessage());
        if (source != null) {
          node.misbehaving(source, "sent an invalid block: " + e.reason());
        }
        return false;
      }
      switch (r.status()) {
        case ORPHAN -> {
          orphans.add(b);
          log.info("block {} has an unknown parent: holding it ({} orphans) and asking {} for the blocks between",
              b.hash(), orphans.size(), source);
          if (source != null) {
            askForBlocks(source);
          }
          continue;
        }
        case SIDE_BRANCH -> log.info("stored block {} on a side branch", b.hash());
        case NEW_TIP -> {
          newTip = true;
          logNewTip(b, r, source);
          node.mempool.update(chain, r.disconnected());
        }
      }
      queue.addAll(orphans.takeChildrenOf(b.hash()));
    }
    if (newTip) {
      BlockIndexEntry tip = chain.tip();
      if (source != null && source.bestHeight < tip.height()) {
        source.bestHeight = tip.height();
      }
      if (source == null || !inFlight.containsValue(source)) {
        announceTip(source); // mid-download, the batch's last block announces them all
      }
      node.tipChanged();
    }
    return true;
  }

  /** Tells every peer but {@code except} about our tip; a peer missing blocks before it asks for them. */
  void announceTip(Peer except) {
    node.broadcast(new InvMessage(List.of(new InvVector(InvType.BLOCK, chain.tip().hash()))), except);
  }

  private void logNewTip(Block b, Blockchain.Result r, Peer source) {
    BlockIndexEntry tip = chain.tip();
    if (!r.disconnected().isEmpty()) {
      int fork = tip.height() - r.connected().size();
      log.info("reorganized: {} blocks disconnected, {} connected, fork at height {}",
          r.disconnected().size(), r.connected().size(), fork);
    }
    if (syncTarget == 0 || source == null) {
      log.info("new tip {} at height {} ({} transactions) from {}", b.hash(), tip.height(),
          b.transactions().size(), source == null ? "our miner" : source);
    }
  }
}
