package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.InvMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch pipelining: the sync peer is asked for its next batch ({@code getblocks} from the last hash
 * of the batch just asked for) before that batch has arrived. The peer answers while the blocks are
 * still coming, so the next batch follows them without a round trip's pause, and a download group
 * may span two batches. This keeps what that needs: whether such an answer is awaited, and the
 * answers that must wait while part of the current batch is asked again. Used on the event thread
 * only, by {@link BlockSync}.
 */
final class NextBatchRequest {
  private final Blockchain chain;

  /** The next batch was asked for and its {@code inv} is awaited. */
  private boolean awaited;

  /** Blocks that answer holds, if the sync peer's chain is as it said. */
  private long answerBlocks;

  /**
   * The sync peer answered part of a batch notfound (it sends at most 4 MiB per getdata) and the
   * rest was asked again: until it arrives, the next batch's inv waits here, or its blocks would
   * come before their parents.
   */
  private boolean refetching;

  private final List<InvMessage> deferred = new ArrayList<>();

  /** getblocks sent early: a count a test reads. */
  int sent;

  NextBatchRequest(Blockchain chain) {
    this.chain = chain;
  }

  /**
   * Asks {@code p} for the batch after {@code last}, the last block of the batch just asked for,
   * when it has more than that batch.
   *
   * @param heightOfLast the height {@code last} will have once connected
   */
  void ask(Peer p, Sha256Hash last, long heightOfLast) {
    if (heightOfLast < p.bestHeight) {
      List<Sha256Hash> locator = new ArrayList<>();
      locator.add(last); // not stored yet, but the peer knows it: it answers from there
      locator.addAll(chain.locator());
      p.send(new GetBlocksMessage(Node.PROTOCOL_VERSION, locator, Sha256Hash.ZERO));
      sent++;
      awaited = true;
      answerBlocks = Math.min(BlockServer.MAX_BLOCKS_PER_INV, p.bestHeight - heightOfLast);
    }
  }

  /** Whether the next batch was asked for and its {@code inv} is awaited. */
  boolean isAwaited() {
    return awaited;
  }

  /**
   * An inv of {@code blocks} block hashes from the sync peer: the awaited answer, unless it is a
   * one-block tip announcement that came first (and one block is not all the answer holds).
   */
  void onInv(int blocks) {
    if (awaited && (blocks > 1 || answerBlocks <= 1)) {
      awaited = false;
    }
  }

  /** Part of the current batch was asked again: later invs wait until it came. */
  void refetch() {
    refetching = true;
  }

  /** Holds {@code inv} if part of the current batch is still asked again; false if not. */
  boolean deferIfRefetching(InvMessage inv) {
    if (refetching) {
      deferred.add(inv);
    }
    return refetching;
  }

  /** What was asked again has all come: the invs that waited for it, in order. */
  List<InvMessage> refetched() {
    refetching = false;
    List<InvMessage> waited = List.copyOf(deferred);
    deferred.clear();
    return waited;
  }

  boolean isRefetching() {
    return refetching;
  }

  /** The download ended, or what it awaited will not come: the next batch is asked for afresh. */
  void reset() {
    awaited = false;
    refetching = false;
    deferred.clear();
  }
}
