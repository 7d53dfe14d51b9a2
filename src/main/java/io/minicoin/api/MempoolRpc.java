package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.Mempool;
import io.minicoin.core.OutPoint;
import io.minicoin.core.TxIn;
import io.minicoin.crypto.Sha256Hash;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Core's mempool methods: what the pool holds, per transaction and in total. */
final class MempoolRpc {
  /** minicoin has no fee-rate floor; Core shows these in coins per kvB. */
  private static final BigDecimal NO_FEE_RATE = BigDecimal.ZERO.setScale(8);

  private MempoolRpc() {}

  static void register(RpcMethods methods, NodeServices node) {
    methods.add(
        new RpcMethod(
            "getrawmempool",
            List.of("verbose", "mempool_sequence"),
            0,
            "Returns all transaction ids in memory pool as a json array of string transaction"
                + " ids (verbose false), or a json object keyed by txid (verbose true).",
            args -> {
              List<Mempool.Entry> entries = node.mempool().entries();
              if (args.flag(0, false)) {
                ObjectNode o = RpcJson.object();
                for (Mempool.Entry e : entries) {
                  o.set(e.tx().txid().toString(), entry(e, entries, node));
                }
                return o;
              }
              ArrayNode a = RpcJson.array();
              entries.forEach(e -> a.add(e.tx().txid().toString()));
              return a;
            }));
    methods.add(
        new RpcMethod(
            "getmempoolentry",
            List.of("txid"),
            1,
            "Returns mempool data for given transaction.",
            args -> {
              Sha256Hash txid = args.hash(0);
              Mempool.Entry e =
                  node.mempool()
                      .entry(txid)
                      .orElseThrow(
                          () ->
                              new RpcException(
                                  RpcException.INVALID_ADDRESS_OR_KEY,
                                  "Transaction not in mempool"));
              return entry(e, node.mempool().entries(), node);
            }));
    methods.add(
        new RpcMethod(
            "getmempoolinfo",
            List.of(),
            0,
            "Returns details on the active state of the TX memory pool.",
            args -> {
              List<Mempool.Entry> entries = node.mempool().entries();
              long fees = 0;
              long bytes = 0;
              for (Mempool.Entry e : entries) {
                fees += e.fee().units();
                bytes += e.tx().size();
              }
              ObjectNode o = RpcJson.object();
              o.put("loaded", true);
              o.put("size", entries.size());
              o.put("bytes", bytes);
              o.put("usage", bytes);
              o.put("total_fee", BigDecimal.valueOf(fees, 8));
              o.put("maxmempool", Mempool.MAX_BYTES);
              o.put("mempoolminfee", NO_FEE_RATE);
              o.put("minrelaytxfee", NO_FEE_RATE);
              o.put("incrementalrelayfee", NO_FEE_RATE);
              o.put("unbroadcastcount", 0);
              o.put("fullrbf", false);
              return o;
            }));
  }

  /** Core's mempool entry; ancestors and descendants are counted within the pool, self included. */
  private static ObjectNode entry(Mempool.Entry e, List<Mempool.Entry> all, NodeServices node) {
    Sha256Hash txid = e.tx().txid();
    Set<Sha256Hash> pooled = new HashSet<>();
    all.forEach(x -> pooled.add(x.tx().txid()));
    List<String> depends = new ArrayList<>();
    for (TxIn in : e.tx().inputs()) {
      String parent = in.previous().txid().toString();
      if (pooled.contains(in.previous().txid()) && !depends.contains(parent)) {
        depends.add(parent);
      }
    }
    List<String> spentBy = new ArrayList<>();
    for (int i = 0; i < e.tx().outputs().size(); i++) {
      node.mempool()
          .spender(new OutPoint(txid, i))
          .map(Sha256Hash::toString)
          .filter(s -> !spentBy.contains(s))
          .ifPresent(spentBy::add);
    }
    ObjectNode o = RpcJson.object();
    o.put("vsize", e.tx().size());
    o.put("weight", 4 * e.tx().size());
    o.put("time", e.time());
    o.put("height", node.chain().tip().height());
    o.put("descendantcount", 1 + spentBy.size());
    o.put("ancestorcount", 1 + depends.size());
    o.put("wtxid", txid.toString());
    ObjectNode fees = o.putObject("fees");
    fees.put("base", RpcJson.coins(e.fee()));
    fees.put("modified", RpcJson.coins(e.fee()));
    ArrayNode d = o.putArray("depends");
    depends.forEach(d::add);
    ArrayNode s = o.putArray("spentby");
    spentBy.forEach(s::add);
    o.put("bip125-replaceable", false);
    o.put("unbroadcast", false);
    return o;
  }
}
