package io.minicoin.net;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.Message;
import java.time.Instant;

/**
 * Something a running node did, as a learner would want to watch it: a message sent or received, a
 * peer coming or going, a new tip, a reorganization, the pool gaining or losing a transaction, a
 * block or transaction refused. Published to a {@link NodeListener} in the order it happened.
 *
 * <p>A peer is named by {@code peerId}, a number that stays the same for the whole connection
 * (unlike its label, which becomes its listening address once its {@code version} arrives).
 */
public sealed interface NodeEvent {
  Instant time();

  /** Which way a message went, seen from this node. */
  enum Direction {
    SENT,
    RECEIVED
  }

  /**
   * A P2P message on the wire.
   *
   * @param frame the whole frame exactly as sent or received: magic, command, length, checksum,
   *     payload (never modified: listeners must not write to it)
   */
  @SuppressWarnings("ArrayRecordComponent") // the frame as sent; events are not compared
  record PeerMessage(
      Instant time, long peerId, String peer, Direction direction, Message message, byte[] frame)
      implements NodeEvent {}

  record PeerConnected(Instant time, long peerId, String peer, boolean outbound)
      implements NodeEvent {}

  record PeerDisconnected(Instant time, long peerId, String peer, String reason)
      implements NodeEvent {}

  /**
   * The best chain has a new tip.
   *
   * @param source the peer that sent the block, or "our miner"
   */
  record NewTip(Instant time, Sha256Hash hash, int height, int transactions, String source)
      implements NodeEvent {}

  /** A heavier branch replaced the end of the best chain. */
  record Reorganized(Instant time, int disconnected, int connected, int forkHeight)
      implements NodeEvent {}

  record TxAdded(Instant time, Sha256Hash txid, long feeUnits, int size, String source)
      implements NodeEvent {}

  /**
   * A transaction left the pool.
   *
   * @param reason {@code mined}, or why it can no longer be mined ({@code conflict or invalid on
   *     the new chain})
   */
  record TxRemoved(Instant time, Sha256Hash txid, String reason) implements NodeEvent {}

  /**
   * A block or transaction was refused.
   *
   * @param what {@code block} or {@code tx}
   * @param reason Bitcoin Core's name for the broken rule, such as {@code bad-txnmrklroot}
   */
  record Rejected(
      Instant time, String what, Sha256Hash hash, String reason, String detail, String source)
      implements NodeEvent {}
}
