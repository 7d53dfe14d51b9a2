package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.RejectReason;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.TransactionIndex.Confirmation;
import io.minicoin.chain.TransactionIndex.LocatedTransaction;
import io.minicoin.chain.TransactionIndex.Spend;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.Sha256Hash;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Esplora's transaction paths: {@code tx/:txid[/hex|/raw|/status|/outspend/:vout|/outspends]},
 * {@code POST tx} and {@code fee-estimates}. A transaction is looked up in the pool first, then in
 * the transaction index (best chain only).
 */
final class EsploraTransactions {
  /** Esplora's confirmation targets for {@code fee-estimates}. */
  private static final int[] TARGETS = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 144,
    504, 1008
  };

  private final NodeServices node;
  private final TransactionIndex index;
  private final MempoolView pool;

  EsploraTransactions(NodeServices node, TransactionIndex index, MempoolView pool) {
    this.node = node;
    this.index = index;
    this.pool = pool;
  }

  RestReply get(List<String> p) {
    int n = p.size();
    if (n < 2 || n > 4) {
      return null;
    }
    Sha256Hash txid = EsploraRoutes.hash(p.get(1));
    String what = n == 2 ? "" : p.get(2);
    LocatedTransaction t = find(txid);
    return switch (what) {
      case "" -> RestReply.json(EsploraJson.transaction(t.tx(), t.confirmation(), t.prevouts()));
      case "hex" -> n == 3 ? RestReply.text(HexFormat.of().formatHex(t.tx().serialize())) : null;
      case "raw" -> n == 3 ? RestReply.binary(t.tx().serialize()) : null;
      case "status" -> n == 3 ? RestReply.json(EsploraJson.status(t.confirmation())) : null;
      case "outspend" -> {
        if (n != 4) {
          yield null;
        }
        int vout = EsploraRoutes.number(p.get(3));
        if (vout >= t.tx().outputs().size()) {
          throw RestReply.Error.notFound("Output not found");
        }
        yield RestReply.json(outspend(new OutPoint(txid, vout)));
      }
      case "outspends" -> {
        if (n != 3) {
          yield null;
        }
        ArrayNode a = RpcJson.array();
        for (int i = 0; i < t.tx().outputs().size(); i++) {
          a.add(outspend(new OutPoint(txid, i)));
        }
        yield RestReply.json(a);
      }
      default -> null;
    };
  }

  private LocatedTransaction find(Sha256Hash txid) {
    Optional<MempoolView.PoolTx> pooled = pool.get(txid);
    if (pooled.isPresent()) {
      return new LocatedTransaction(pooled.get().tx(), Optional.empty(), pooled.get().prevouts());
    }
    return index
        .transaction(txid)
        .orElseThrow(() -> RestReply.Error.notFound("Transaction not found"));
  }

  private ObjectNode outspend(OutPoint out) {
    Optional<Spend> confirmed = index.spender(out);
    if (confirmed.isPresent()) {
      Spend s = confirmed.get();
      return EsploraJson.outspend(Optional.of(s.txid()), s.vin(), Optional.of(s.confirmation()));
    }
    Optional<MempoolView.Spend> pooled = pool.spender(out);
    if (pooled.isPresent()) {
      return EsploraJson.outspend(
          Optional.of(pooled.get().tx().txid()), pooled.get().vin(), Optional.empty());
    }
    return EsploraJson.outspend(Optional.empty(), 0, Optional.<Confirmation>empty());
  }

  /**
   * {@code POST /api/tx}: the body is the transaction's hex; the answer its txid. A refusal is 400
   * with the text Esplora passes on from Bitcoin Core's {@code sendrawtransaction}, e.g. {@code
   * sendrawtransaction RPC error: {"code":-26,"message":"txn-mempool-conflict"}}.
   */
  RestReply broadcast(byte[] body) {
    Transaction tx;
    try {
      String hex = new String(body, StandardCharsets.US_ASCII).strip();
      tx = Transaction.fromBytes(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw refused(-22, "TX decode failed");
    }
    if (index.confirmation(tx.txid()).isPresent()) {
      throw refused(-27, "Transaction already in block chain");
    }
    try {
      node.node().submitTransaction(tx).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof VerificationException v) {
        if (v.reason() != RejectReason.TXN_ALREADY_KNOWN) { // Core answers the txid again
          throw v.reason() == RejectReason.MISSING_INPUTS
              ? refused(-25, "bad-txns-inputs-missingorspent")
              : refused(-26, v.reason().code());
        }
      } else {
        throw new RestReply.Error(503, "the node is stopping");
      }
    } catch (TimeoutException e) {
      throw new RestReply.Error(503, "the node did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestReply.Error(503, "interrupted");
    }
    return RestReply.text(tx.txid().toString());
  }

  private static RestReply.Error refused(int code, String message) {
    ObjectNode error = RpcJson.object().put("code", code).put("message", message);
    return RestReply.Error.badRequest(
        "sendrawtransaction RPC error: "
            + new String(RpcJson.write(error), StandardCharsets.UTF_8));
  }

  /**
   * {@code fee-estimates}: sat/vB by confirmation target. minicoin keeps no fee statistics and its
   * blocks are rarely full, so we answer Bitcoin Core's minimum relay fee, 1 sat/vB, for each
   * target Esplora lists, rather than an empty map, which clients treat as an error.
   */
  RestReply feeEstimates() {
    ObjectNode o = RpcJson.object();
    for (int t : TARGETS) {
      o.put(String.valueOf(t), 1.0);
    }
    return RestReply.json(o);
  }
}
