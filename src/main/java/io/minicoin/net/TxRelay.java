package io.minicoin.net;

import io.minicoin.chain.RejectReason;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.NotFoundMessage;
import io.minicoin.net.wire.RejectMessage;
import io.minicoin.net.wire.TxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction relay, the seed's rule: a new valid transaction enters the pool and is announced with
 * {@code inv} to every peer except the one it came from; a peer that lacks it asks with {@code
 * getdata}. The sender of a refused one gets a {@code reject} saying why, and is dropped if the
 * refusal shows it at fault.
 */
final class TxRelay {
  /** BIP 61 reject codes. */
  static final int REJECT_INVALID = 0x10;

  static final int REJECT_DUPLICATE = 0x12;
  static final int REJECT_NONSTANDARD = 0x40;
  private static final Logger log = LoggerFactory.getLogger(TxRelay.class);

  private final Node node;

  TxRelay(Node node) {
    this.node = node;
  }

  void onInv(Peer p, InvMessage inv) {
    List<InvVector> wanted = new ArrayList<>();
    for (InvVector v : inv.items()) {
      // While downloading blocks, a transaction would only look like it spends nothing.
      if (v.type() == InvType.TX
          && !node.blockSync.isSyncing()
          && !node.mempool.contains(v.hash())
          && node.chain
              .unspent(new OutPoint(v.hash(), 0))
              .isEmpty()) { // already confirmed (mostly)
        wanted.add(v);
      }
    }
    if (!wanted.isEmpty()) {
      p.send(new GetDataMessage(wanted));
    }
  }

  void onGetData(Peer p, GetDataMessage g) {
    List<InvVector> missing = new ArrayList<>();
    for (InvVector v : g.items()) {
      if (v.type() != InvType.TX) {
        continue;
      }
      Optional<Transaction> tx = node.mempool.get(v.hash());
      if (tx.isPresent()) {
        p.send(new TxMessage(tx.get()));
      } else {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      p.send(new NotFoundMessage(missing));
    }
  }

  void onTx(Peer p, Transaction tx) {
    Amount fee;
    try {
      fee = node.mempool.accept(tx, node.chain);
    } catch (VerificationException e) {
      if (e.reason() == RejectReason.TXN_ALREADY_KNOWN) {
        return; // heard it from two peers: not a fault
      }
      log.warn("rejected transaction {} from {}: {}", tx.txid(), p, e.getMessage());
      node.publisher.publish(
          new NodeEvent.Rejected(
              Instant.now(), "tx", tx.txid(), e.reason().code(), e.getMessage(), p.toString()));
      p.send(new RejectMessage("tx", codeFor(e.reason()), e.getMessage(), tx.txid()));
      if (isFault(e.reason(), p)) {
        node.misbehaving(p, "sent an invalid transaction: " + e.reason());
      }
      return;
    }
    p.lastUsefulTxNanos = System.nanoTime(); // kept when inbound slots run out
    log.info(
        "added transaction {} from {} to the pool (fee {}, pool size {})",
        tx.txid(),
        p,
        fee,
        node.mempool.size());
    node.publisher.publish(
        new NodeEvent.TxAdded(Instant.now(), tx.txid(), fee.units(), tx.size(), p.toString()));
    node.broadcast(new InvMessage(List.of(new InvVector(InvType.TX, tx.txid()))), p);
    node.poolChanged();
  }

  /** A transaction from a local user: into the pool and announced to every peer, or refused. */
  Amount acceptLocal(Transaction tx) throws VerificationException {
    Amount fee;
    try {
      fee = node.mempool.accept(tx, node.chain);
    } catch (VerificationException e) {
      node.publisher.publish(
          new NodeEvent.Rejected(
              Instant.now(), "tx", tx.txid(), e.reason().code(), e.getMessage(), "a local user"));
      throw e;
    }
    node.publisher.publish(
        new NodeEvent.TxAdded(Instant.now(), tx.txid(), fee.units(), tx.size(), "a local user"));
    log.info(
        "added transaction {} from a local user to the pool (fee {}, pool size {})",
        tx.txid(),
        fee,
        node.mempool.size());
    node.broadcast(new InvMessage(List.of(new InvVector(InvType.TX, tx.txid()))), null);
    node.poolChanged();
    return fee;
  }

  /**
   * Whether a refusal shows the sender is broken or hostile. Pool policy (conflicts, size, a full
   * pool, high S) is not a fault, and neither are missing inputs from a node relaying in good faith
   * (the parent may have been mined or not reached us yet); from a client they are.
   */
  private static boolean isFault(RejectReason r, Peer p) {
    return switch (r) {
      case TXN_MEMPOOL_CONFLICT, MEMPOOL_FULL, TX_SIZE, NON_CANONICAL_SIGNATURE -> false;
      case MISSING_INPUTS -> p.listenAddress == null;
      default -> true;
    };
  }

  private static int codeFor(RejectReason r) {
    return switch (r) {
      case TXN_MEMPOOL_CONFLICT, TXN_ALREADY_KNOWN -> REJECT_DUPLICATE;
      case BAD_TXNS_NONSTANDARD, TX_SIZE, NON_CANONICAL_SIGNATURE -> REJECT_NONSTANDARD;
      default -> REJECT_INVALID;
    };
  }
}
