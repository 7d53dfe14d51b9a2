package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.HeaderView;
import io.minicoin.chain.TransactionIndex.Confirmation;
import io.minicoin.chain.TransactionIndex.Stats;
import io.minicoin.core.Address;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of Esplora's REST API, field for field as Blockstream's electrs writes them, so
 * its client libraries read ours unchanged. Amounts are integer base units (satoshis), hashes in
 * the usual byte-reversed hex, times in seconds since 1970.
 */
final class EsploraJson {
  private static final HexFormat HEX = HexFormat.of();

  /** Difficulty 1: the target of Bitcoin's genesis block. */
  private EsploraJson() {}

  /** {@code {confirmed, block_height, block_hash, block_time}}; only the first when unconfirmed. */
  static ObjectNode status(Optional<Confirmation> c) {
    ObjectNode o = RpcJson.object().put("confirmed", c.isPresent());
    c.ifPresent(
        conf ->
            o.put("block_height", conf.height())
                .put("block_hash", conf.blockHash().toString())
                .put("block_time", conf.blockTime()));
    return o;
  }

  static ObjectNode output(TxOut out) {
    ObjectNode o =
        RpcJson.object()
            .put("scriptpubkey", HEX.formatHex(out.scriptPubKey().bytes()))
            .put("scriptpubkey_asm", ScriptAsm.asm(out.scriptPubKey()))
            .put("scriptpubkey_type", ScriptAsm.type(out.scriptPubKey()));
    out.scriptPubKey()
        .payToPubKeyHash()
        .ifPresent(h -> o.put("scriptpubkey_address", Address.fromPubKeyHash(h).toString()));
    return o.put("value", out.value().units());
  }

  /**
   * A transaction with its inputs' spent outputs ({@code prevouts} in input order, empty for a
   * coinbase; an unknown one is null) and its status.
   */
  static ObjectNode transaction(
      Transaction tx, Optional<Confirmation> confirmation, List<TxOut> prevouts) {
    ObjectNode o =
        RpcJson.object()
            .put("txid", tx.txid().toString())
            .put("version", tx.version() & 0xffffffffL)
            .put("locktime", tx.lockTime());
    ArrayNode vin = o.putArray("vin");
    long in = 0;
    boolean allKnown = true;
    for (int i = 0; i < tx.inputs().size(); i++) {
      TxIn input = tx.inputs().get(i);
      TxOut prev = tx.isCoinbase() || i >= prevouts.size() ? null : prevouts.get(i);
      ObjectNode v =
          vin.addObject()
              .put("txid", input.previous().txid().toString())
              .put("vout", input.previous().index());
      if (prev == null) {
        v.putNull("prevout");
        allKnown &= tx.isCoinbase();
      } else {
        v.set("prevout", output(prev));
        in += prev.value().units();
      }
      v.put("scriptsig", HEX.formatHex(input.scriptSig().bytes()))
          .put("scriptsig_asm", ScriptAsm.asm(input.scriptSig()))
          .put("is_coinbase", tx.isCoinbase())
          .put("sequence", input.sequence());
    }
    ArrayNode vout = o.putArray("vout");
    long out = 0;
    for (TxOut txOut : tx.outputs()) {
      vout.add(output(txOut));
      out += txOut.value().units();
    }
    o.put("size", tx.size()).put("weight", 4L * tx.size());
    o.put("fee", tx.isCoinbase() || !allKnown ? 0 : in - out);
    o.set("status", status(confirmation));
    return o;
  }

  /** Esplora's block summary. */
  static ObjectNode block(HeaderView e, Block b, long medianTime) {
    ObjectNode o =
        RpcJson.object()
            .put("id", e.hash().toString())
            .put("height", e.height())
            .put("version", e.header().version() & 0xffffffffL)
            .put("timestamp", e.header().time())
            .put("tx_count", b.transactions().size())
            .put("size", b.size())
            .put("weight", 4L * b.size())
            .put("merkle_root", e.header().merkleRoot().toString());
    if (e.height() == 0) {
      o.putNull("previousblockhash");
    } else {
      o.put("previousblockhash", e.parent().toString());
    }
    return o.put("mediantime", medianTime)
        .put("nonce", e.header().nonce() & 0xffffffffL)
        .put("bits", e.header().bits() & 0xffffffffL)
        .put("difficulty", RpcViews.difficulty(e.header().bits()));
  }

  /**
   * The pool's {@code txs}, each as Esplora's {@code mempool/recent} lists it: {@code {txid, fee,
   * vsize, value}}.
   */
  static ArrayNode poolTxs(List<MempoolView.PoolTx> txs) {
    ArrayNode a = RpcJson.array();
    for (MempoolView.PoolTx t : txs) {
      a.addObject()
          .put("txid", t.tx().txid().toString())
          .put("fee", t.fee().units())
          .put("vsize", t.tx().size())
          .put("value", t.tx().totalOut().units());
    }
    return a;
  }

  /** {@code {in_best_chain, height, next_best}}, the last two null off the best chain. */
  static ObjectNode blockStatus(Optional<Integer> height, Optional<Sha256Hash> nextBest) {
    ObjectNode o = RpcJson.object().put("in_best_chain", height.isPresent());
    if (height.isPresent()) {
      o.put("height", height.get());
    } else {
      o.putNull("height");
    }
    if (nextBest.isPresent()) {
      o.put("next_best", nextBest.get().toString());
    } else {
      o.putNull("next_best");
    }
    return o;
  }

  static ObjectNode stats(Stats s) {
    return RpcJson.object()
        .put("funded_txo_count", s.fundedTxoCount())
        .put("funded_txo_sum", s.fundedTxoSum())
        .put("spent_txo_count", s.spentTxoCount())
        .put("spent_txo_sum", s.spentTxoSum())
        .put("tx_count", s.txCount());
  }

  static ObjectNode utxo(OutPoint p, Optional<Confirmation> c, long value) {
    ObjectNode o = RpcJson.object().put("txid", p.txid().toString()).put("vout", p.index());
    o.set("status", status(c));
    return o.put("value", value);
  }

  /** {@code {spent: false}}, or the spending input with its status. */
  static ObjectNode outspend(Optional<Sha256Hash> txid, int vin, Optional<Confirmation> c) {
    ObjectNode o = RpcJson.object().put("spent", txid.isPresent());
    if (txid.isPresent()) {
      o.put("txid", txid.get().toString()).put("vin", vin);
      o.set("status", status(c));
    }
    return o;
  }
}
