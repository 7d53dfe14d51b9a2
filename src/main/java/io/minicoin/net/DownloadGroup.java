package io.minicoin.net;

import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Downloaded blocks waiting to be connected together in one store transaction ({@link
 * io.minicoin.chain.Blockchain#acceptRun}, group commit): each the child of the one before, all
 * from the peer we download from. A group is connected once it holds {@link #MAX_BLOCKS} blocks,
 * {@link #MAX_BYTES} or {@link #MAX_TRANSACTIONS}, once it is {@link #MAX_AGE_NANOS} old, when the
 * peer has delivered all we asked for, when it holds {@link #EARLY_BLOCKS} blocks and the event
 * thread has nothing else to do, and before anything else reads or changes the chain.
 *
 * <p>The trade-off, written down: a block waits here about half a second at most (less when the
 * group fills up first) before it is stored: the age is checked when a block arrives and on the
 * node's 250 ms timer, so a group whose peer went quiet may wait up to three quarters of a second.
 * So the HTTP API and the command line see the chain that far behind during a download, and a crash
 * (kill -9, power loss) loses at most this group: those blocks are downloaded again after a
 * restart. The chain file stays consistent whatever happens, since a group is one store
 * transaction. In exchange the node syncs to disk once per group instead of once per block. Used on
 * the event thread only.
 */
final class DownloadGroup {
  /** At most this many blocks per store transaction. */
  static final int MAX_BLOCKS = 500;

  /** At most this many bytes of blocks held in memory (blocks may be up to 1 MB each). */
  static final long MAX_BYTES = 8L << 20;

  /**
   * At most this many transactions per store transaction. LMDB holds every page a write transaction
   * changes in memory until it commits, and each transaction changes several pages of the UTXO set
   * and the indexes, scattered by their random keys (txids): a group of 500 blocks of ten payments
   * each made the node's own memory grow past 200 MiB on a 50,000-block chain.
   */
  static final int MAX_TRANSACTIONS = 1_000;

  /** A group older than this is connected even if the peer is slow to send the rest. */
  static final long MAX_AGE_NANOS = 500_000_000L;

  /**
   * A group this big is connected as soon as the event thread would otherwise wait for the next
   * block, full or not: connecting then overlaps the download instead of following it (the first
   * blocks of a download come slower than a cold node connects them). Smaller groups would cost a
   * store commit (a sync to disk) for little.
   */
  static final int EARLY_BLOCKS = 100;

  private List<Block> blocks = new ArrayList<>();
  private final Set<Sha256Hash> hashes = new HashSet<>();
  private long bytes;
  private int transactions;
  private long startedAt;
  private Peer source;

  boolean isEmpty() {
    return blocks.isEmpty();
  }

  int size() {
    return blocks.size();
  }

  /** The peer the blocks came from; null when empty. */
  Peer source() {
    return source;
  }

  /** Whether {@code block} from {@code p} continues this group ({@code tip}: our chain's tip). */
  boolean continues(Peer p, Block block, Sha256Hash tip) {
    Sha256Hash previous = block.header().previous();
    return blocks.isEmpty()
        ? previous.equals(tip)
        : p == source && previous.equals(blocks.get(blocks.size() - 1).hash());
  }

  void add(Peer p, Block block) {
    if (blocks.isEmpty()) {
      startedAt = System.nanoTime();
      source = p;
    }
    blocks.add(block);
    hashes.add(block.hash());
    bytes += block.size();
    transactions += block.transactions().size();
  }

  boolean contains(Sha256Hash hash) {
    return hashes.contains(hash);
  }

  boolean isFull() {
    return blocks.size() >= MAX_BLOCKS || bytes >= MAX_BYTES || transactions >= MAX_TRANSACTIONS;
  }

  boolean isDue(long now) {
    return !blocks.isEmpty() && (isFull() || now - startedAt >= MAX_AGE_NANOS);
  }

  /** Empties the group, returning its blocks, oldest first. */
  List<Block> take() {
    List<Block> taken = blocks;
    blocks = new ArrayList<>();
    hashes.clear();
    bytes = 0;
    transactions = 0;
    source = null;
    return taken;
  }
}
