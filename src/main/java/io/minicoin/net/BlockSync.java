package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.HeaderView;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.NotFoundMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block download, acceptance and relay (the side that wants blocks; {@link BlockServer} is the side
 * that has them, as btcd's {@code netsync} and {@code server.go}): the lower node sends {@code
 * getblocks} with a block locator, the other answers {@code inv} with up to 500 hashes it lacks,
 * the downloader asks for all of them at once with {@code getdata} and connects each {@code block}
 * as it arrives; the next {@code getblocks} starts where that batch ended, so a heavier branch
 * longer than one batch downloads too. A new tip is announced to every peer but the one it came
 * from. Everything here runs on the node's event thread.
 *
 * <p>During a download, blocks that extend our tip one after another wait in a {@link
 * DownloadGroup} and are connected together in one store transaction (group commit), not one by
 * one: see there for what that trades.
 */
final class BlockSync {
  /** Requests a peer may have open: two batches. */
  static final int MAX_IN_FLIGHT_PER_PEER = 2 * BlockServer.MAX_BLOCKS_PER_INV;

  private static final int PROGRESS_EVERY = 100;
  private static final Logger log = LoggerFactory.getLogger(BlockSync.class);

  private final Node node;
  private final Blockchain chain;
  private final OrphanBlocks orphans = new OrphanBlocks(100, 20L << 20);
  private final BlockRequests inFlight = new BlockRequests();
  private final BlockOutcomes outcomes;
  private final DownloadGroup group = new DownloadGroup();

  /**
   * The peer we are downloading from after a version told us it is ahead; null when in sync.
   * Written on the event thread only, like every other field here, but volatile because {@link
   * Node#isDownloadingBlocks()} reads it from the HTTP API's threads.
   */
  private volatile Peer syncPeer;

  /** The sync peer's next batch, asked for before the current one arrived. */
  final NextBatchRequest nextBatch;

  /** Counts a test reads: getblocks sent (beside nextBatch's), and blocks held as orphans. */
  int getBlocksSent;

  int orphansHeld;

  private int syncTarget;
  private int downloaded;
  private int expected;
  private long syncStart;

  BlockSync(Node node) {
    this.node = node;
    this.chain = node.chain;
    this.nextBatch = new NextBatchRequest(chain);
    this.outcomes = new BlockOutcomes(node);
  }

  void onVersion(Peer p) {
    connectGroup();
    int ours = chain.tip().height();
    if (p.bestHeight > ours && syncPeer == null) {
      syncPeer = p;
      syncTarget = p.bestHeight;
      downloaded = 0;
      expected = p.bestHeight - ours;
      syncStart = System.nanoTime();
      p.lastDelivery = System.nanoTime();
      log.info("{} has {} blocks we lack: downloading", p, expected);
      askForBlocks(p);
      node.loadSecp256k1Early(); // while the peer answers
    }
  }

  /** While downloading, transactions would only look like they spend nothing. */
  boolean isSyncing() {
    return syncPeer != null;
  }

  private void endSync(String how) {
    nextBatch.reset();
    if (node.downloadProgress != null) {
      node.downloadProgress.ended();
    }
    log.info(how);
    syncPeer = null;
  }

  /**
   * Asks for the blocks after the last one this peer sent us, if that one is on a branch of its own
   * (a heavier branch is being downloaded); otherwise after our tip.
   */
  private void askForBlocks(Peer p) {
    Sha256Hash from =
        p.lastBlock != null && !chain.isOnBestChain(p.lastBlock) ? p.lastBlock : chain.tip().hash();
    p.send(new GetBlocksMessage(Node.PROTOCOL_VERSION, chain.locatorFrom(from), Sha256Hash.ZERO));
    getBlocksSent++;
  }

  void onInv(Peer p, InvMessage inv) {
    List<InvVector> items = inv.items().stream().filter(v -> v.type() == InvType.BLOCK).toList();
    if (items.isEmpty()) {
      return; // transactions only: TxRelay's
    }
    if (p == syncPeer) {
      if (nextBatch.deferIfRefetching(inv)) {
        return; // after the blocks asked again: see resumeAfterRefetch
      }
      nextBatch.onInv(items.size());
    } else if (items.stream().anyMatch(v -> isUnknown(v.hash()))) {
      connectGroup(); // another peer's news is judged against the chain as it is
    }
    long now = System.nanoTime();
    long open = inFlight.openWith(p, now);
    List<InvVector> wanted = new ArrayList<>();
    Sha256Hash last = null;
    int blocks = 0;
    for (InvVector v : items) {
      blocks++;
      last = v.hash();
      BlockRequests.Request r = inFlight.get(v.hash());
      if (open + wanted.size() < MAX_IN_FLIGHT_PER_PEER
          && (r == null || !r.isOpen(now))
          && !orphans.contains(v.hash())
          && isUnknown(v.hash())) {
        wanted.add(v);
        inFlight.asked(v.hash(), p, now);
      }
    }
    if (!wanted.isEmpty()) {
      log.info("asking {} for {} block(s)", p, wanted.size());
      p.send(new GetDataMessage(wanted));
      // Only when all of the batch was asked for: the next one starts after its last hash.
      if (p == syncPeer && blocks == BlockServer.MAX_BLOCKS_PER_INV && wanted.size() == blocks) {
        nextBatch.ask(p, last, chain.tip().height() + group.size() + open + wanted.size());
      }
    } else if (blocks == BlockServer.MAX_BLOCKS_PER_INV && chain.header(last).isPresent()) {
      // A whole batch we already hold (its fork point lay far below): carry on after its end. Not
      // when its blocks are still on their way: then what follows them is asked for already.
      connectGroup();
      p.lastBlock = last;
      askForBlocks(p);
    }
  }

  /** Neither stored nor waiting in the download group. */
  private boolean isUnknown(Sha256Hash hash) {
    return !group.contains(hash) && chain.header(hash).isEmpty();
  }

  /** Whether the next batch of {@code p} was already asked for, and its {@code inv} is awaited. */
  private boolean nextBatchAskedOf(Peer p) {
    return p == syncPeer && nextBatch.isAwaited();
  }

  /** The peer did not send what we asked for (yet): ask again, or let another peer be asked. */
  void onNotFound(Peer p, NotFoundMessage m) {
    connectGroup();
    long now = System.nanoTime();
    List<InvVector> again = new ArrayList<>();
    for (InvVector v : m.items()) {
      BlockRequests.Request r = inFlight.get(v.hash());
      if (r == null || r.peer() != p) {
        continue;
      }
      if (p == syncPeer && v.type() == InvType.BLOCK && p.lastDelivery > r.askedAt()) {
        // It sent blocks since we asked, so it has them but sent no more at once: ask again.
        again.add(v);
        inFlight.asked(v.hash(), p, now);
      } else {
        inFlight.remove(v.hash());
      }
    }
    if (!again.isEmpty()) {
      log.info("asking {} again for {} block(s) it did not send at once", p, again.size());
      p.send(new GetDataMessage(again));
      nextBatch.refetch();
      return;
    }
    if (p == syncPeer) {
      // Asked again below, from what we hold: invs that waited on blocks asked again go too, or
      // the next one would wait for blocks it does not have.
      nextBatch.reset();
    }
    if (!isWaitingFor(p)) {
      askForBlocks(p);
    }
  }

  private boolean isWaitingFor(Peer p) {
    return inFlight.isWaitingFor(p);
  }

  /** Now and then: forgets long-dead requests, and ends a download that stopped. */
  void expireRequests() {
    connectGroup();
    long now = System.nanoTime();
    inFlight.expire(now);
    if (syncPeer != null
        && !isWaitingFor(syncPeer)
        && now - syncPeer.lastDelivery > BlockRequests.TIMEOUT_NANOS) {
      endSync(
          "download from "
              + syncPeer
              + " ended at height "
              + chain.tip().height()
              + " (it claimed "
              + syncTarget
              + ")");
    }
  }

  void onBlock(Peer p, Block block) {
    Sha256Hash hash = block.hash();
    BlockRequests.Request request = inFlight.remove(hash);
    if (request != null
        && p == syncPeer
        && group.continues(p, block, group.isEmpty() ? chain.tip().hash() : null)) {
      addToGroup(p, block);
      return;
    }
    connectGroup();
    if (request == null
        && chain.header(block.header().previous()).isPresent()
        && !chain.wouldBeNewTip(block.header())) {
      // Unasked-for blocks are stored only if they would win: anything else is free storage for
      // strangers.
      log.info(
          "ignoring block {} from {}: not asked for, and not more work than our chain", hash, p);
      return;
    }
    if (!accept(block, p)) {
      return;
    }
    p.lastBlock = hash;
    p.lastDelivery = System.nanoTime();
    chain.header(hash).ifPresent(e -> p.bestHeight = Math.max(p.bestHeight, e.height()));
    if (p == syncPeer) {
      countDownloaded(p);
    }
    HeaderView tip = chain.tip();
    boolean waiting = isWaitingFor(p);
    if (p == syncPeer
        && (tip.height() >= syncTarget || !waiting || downloaded % PROGRESS_EVERY == 0)) {
      logProgress(tip);
    }
    if (!waiting && !nextBatchAskedOf(p) && p.bestHeight > tip.height()) {
      askForBlocks(p); // the next batch of 500, from where this one ended
    }
    resumeAfterRefetch(p);
  }

  /** Blocks we asked a peer that left for can be asked of the next peer that announces them. */
  void peerGone(Peer p) {
    connectGroup(); // what it sent is as good as ever
    inFlight.forget(p);
    if (p == syncPeer) {
      endSync("download from " + p + " stopped: it left");
    }
  }

  /** A block our own miner found. */
  void onOwnBlock(Block block) {
    connectGroup();
    accept(block, null);
  }

  /** A downloaded block that extends the group: held, and the group connected when it is due. */
  private void addToGroup(Peer p, Block block) {
    group.add(p, block);
    p.lastBlock = block.hash();
    p.lastDelivery = System.nanoTime();
    countDownloaded(p);
    if (shouldConnect(p)) {
      connectGroup();
    }
    resumeAfterRefetch(p);
  }

  /**
   * Whether to connect the group now: it is due (full or old), the batch ended and the next one was
   * not asked for already (its blocks would join), or it holds {@link DownloadGroup#EARLY_BLOCKS}
   * and nothing else waits for the event thread, which would otherwise sit idle until the next
   * block: connecting then overlaps the download instead of following it.
   */
  private boolean shouldConnect(Peer p) {
    return group.isDue(System.nanoTime())
        || (!isWaitingFor(p) && !nextBatch.isAwaited())
        || (group.size() >= DownloadGroup.EARLY_BLOCKS && !node.hasWaitingEvents());
  }

  /** Once the blocks asked again have all come: the batches that waited for them, in order. */
  private void resumeAfterRefetch(Peer p) {
    if (p != syncPeer || !nextBatch.isRefetching() || isWaitingFor(p)) {
      return;
    }
    for (InvMessage inv : nextBatch.refetched()) {
      onInv(p, inv);
    }
  }

  private void countDownloaded(Peer p) {
    if (++downloaded == 1) {
      log.info("first block of the download received from {}", p);
    }
    if (node.downloadProgress != null) {
      node.downloadProgress.block(downloaded, expected, (System.nanoTime() - syncStart) / 1e9);
    }
  }

  /** On the event thread, now and then: connects a group old enough, if the peer went quiet. */
  void connectGroupIfDue() {
    if (group.isDue(System.nanoTime())) {
      connectGroup();
    }
  }

  /**
   * Connects the waiting group in one store transaction; if the chain refuses it whole (a block
   * breaks a rule), offers its blocks one at a time, so the bad one is refused as usual. Then, as
   * after any downloaded block: progress, the end of the download, or the next batch.
   */
  void connectGroup() {
    if (group.isEmpty()) {
      return;
    }
    Peer from = group.source();
    List<Block> run = group.take();
    Optional<Blockchain.Result> result = chain.acceptRun(run);
    if (result.isPresent()) {
      connected(result.get(), from);
      for (Block b : run) { // held orphans are rare mid-download, but may wait on any of these
        for (OrphanBlocks.Orphan o : orphans.takeChildrenOf(b.hash())) {
          accept(o.block(), o.source());
        }
      }
    } else {
      log.info(
          "a group of {} downloaded blocks was refused whole: connecting them one by one",
          run.size());
      for (Block b : run) {
        if (!accept(b, from)) {
          break; // the rest build on a refused block
        }
      }
    }
    HeaderView tip = chain.tip();
    from.bestHeight = Math.max(from.bestHeight, tip.height());
    if (from == syncPeer) {
      logProgress(tip);
    }
    if (!from.isClosing()
        && !isWaitingFor(from)
        && !nextBatchAskedOf(from)
        && from.bestHeight > tip.height()) {
      askForBlocks(from); // the next batch of 500, from where this one ended
    }
  }

  /** How far the download is; its end once the tip reached the height the sync peer claimed. */
  private void logProgress(HeaderView tip) {
    log.info(
        downloaded <= expected
            ? "downloaded {} of {} blocks"
            : "downloaded {} blocks ({} expected: a longer branch)",
        downloaded,
        expected);
    if (tip.height() >= syncTarget) {
      endSync("in sync at height " + tip.height() + ", tip " + tip.hash());
    }
  }

  /** What {@link #accept} does after a new tip, once for a whole group. */
  private void connected(Blockchain.Result r, Peer from) {
    outcomes.runConnected(r, from, !isWaitingFor(from));
    node.tipChanged();
  }

  /**
   * Accepts a block and any orphans waiting on it; relays a new tip. A block that breaks a rule
   * gets its own sender dropped (for an orphan, whoever sent the orphan).
   *
   * @return false if {@code block} itself was invalid
   */
  private boolean accept(Block block, Peer source) {
    Deque<OrphanBlocks.Orphan> queue =
        new ArrayDeque<>(List.of(new OrphanBlocks.Orphan(block, source, 0)));
    boolean newTip = false;
    boolean valid = true;
    while (!queue.isEmpty()) {
      OrphanBlocks.Orphan next = queue.poll();
      Block b = next.block();
      Peer from = next.source();
      Blockchain.Result r;
      try {
        r = chain.accept(b);
      } catch (VerificationException e) {
        if (outcomes.refused(b, from, e) && b == block) {
          valid = false;
        }
        continue;
      }
      switch (r.status()) {
        case ORPHAN -> {
          orphans.add(b, from);
          orphansHeld++;
          log.info(
              "block {} has an unknown parent: holding it ({} orphans) and asking {} for the blocks between",
              b.hash(),
              orphans.size(),
              from);
          if (from != null && !from.isClosing()) {
            askForBlocks(from);
          }
          continue;
        }
        case SIDE_BRANCH -> log.info("stored block {} on a side branch", b.hash());
        case NEW_TIP -> {
          newTip = true;
          outcomes.newTip(b, r, from, from != null && from == syncPeer);
        }
      }
      queue.addAll(orphans.takeChildrenOf(b.hash()));
    }
    if (newTip) {
      HeaderView tip = chain.tip();
      if (source != null && source.bestHeight < tip.height()) {
        source.bestHeight = tip.height();
      }
      if (source == null || !isWaitingFor(source)) {
        outcomes.announceTip(source); // mid-download, the batch's last block announces them all
      }
      node.tipChanged();
    }
    return valid;
  }

  /**
   * Tells every peer but {@code except} about our tip; a peer missing blocks before it asks for
   * them.
   */
  void announceTip(Peer except) {
    outcomes.announceTip(except);
  }
}
