package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.TransactionIndex.ConfirmedCoin;
import io.minicoin.chain.TransactionIndex.LocatedTransaction;
import io.minicoin.core.Address;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Esplora's script paths, each under {@code address/:address} and {@code scripthash/:hash} (the
 * SHA-256 of the output script, Electrum's name for a script): the totals, {@code txs}, {@code
 * txs/chain[/:last_seen_txid]}, {@code txs/mempool} and {@code utxo}; and the pool's own paths
 * {@code mempool}, {@code mempool/txids}, {@code mempool/recent}.
 */
final class EsploraAddresses {
  /** At most this many pool transactions in a script's list, as Esplora. */
  static final int MAX_MEMPOOL_TXS = 50;

  /** {@code mempool/recent} shows this many, as Esplora. */
  static final int RECENT_TXS = 10;

  /** The width of a bar of {@code fee_histogram}, in virtual bytes, as Esplora. */
  static final int VSIZE_BIN_WIDTH = 50_000;

  private final TransactionIndex index;
  private final MempoolView pool;

  EsploraAddresses(TransactionIndex index, MempoolView pool) {
    this.index = index;
    this.pool = pool;
  }

  RestReply get(List<String> p) {
    int n = p.size();
    if (n < 2) {
      return null;
    }
    boolean isAddress = p.get(0).equals("address");
    Optional<Address> address =
        isAddress ? Optional.of(EsploraRoutes.address(p.get(1))) : Optional.empty();
    byte[] scriptHash =
        address
            .map(a -> TransactionIndex.scriptHash(a.lockingScript()))
            .orElseGet(() -> EsploraRoutes.scriptHash(p.get(1)));
    String what = n == 2 ? "" : p.get(2);
    switch (what) {
      case "" -> {
        ObjectNode o = RpcJson.object().put(p.get(0), p.get(1));
        o.set("chain_stats", EsploraJson.stats(index.stats(scriptHash)));
        o.set("mempool_stats", EsploraJson.stats(pool.stats(scriptHash)));
        return RestReply.json(o);
      }
      case "utxo" -> {
        return n == 3 ? utxo(address, scriptHash) : null;
      }
      case "txs" -> {
        if (n == 3) {
          ArrayNode a = RpcJson.array();
          addPool(a, scriptHash);
          addChain(a, scriptHash, Optional.empty());
          return RestReply.json(a);
        }
        if (n == 4 && p.get(3).equals("mempool")) {
          ArrayNode a = RpcJson.array();
          addPool(a, scriptHash);
          return RestReply.json(a);
        }
        if ((n == 4 || n == 5) && p.get(3).equals("chain")) {
          ArrayNode a = RpcJson.array();
          addChain(
              a, scriptHash, n == 5 ? Optional.of(EsploraRoutes.hash(p.get(4))) : Optional.empty());
          return RestReply.json(a);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private void addPool(ArrayNode a, byte[] scriptHash) {
    for (MempoolView.PoolTx t : pool.history(scriptHash, MAX_MEMPOOL_TXS)) {
      a.add(EsploraJson.transaction(t.tx(), Optional.empty(), t.prevouts()));
    }
  }

  private void addChain(ArrayNode a, byte[] scriptHash, Optional<Sha256Hash> lastSeen) {
    for (LocatedTransaction t : index.history(scriptHash, lastSeen, EsploraBlocks.TXS_PER_PAGE)) {
      a.add(EsploraJson.transaction(t.tx(), t.confirmation(), t.prevouts()));
    }
  }

  /**
   * The script's coins as a wallet sees them: confirmed ones not spent in the pool, then the pool's
   * unspent outputs to it. An address's confirmed coins come from the address index, a bare script
   * hash's from its history.
   */
  private RestReply utxo(Optional<Address> address, byte[] scriptHash) {
    List<ConfirmedCoin> confirmed =
        address.isPresent() ? index.unspent(address.get()) : index.unspent(scriptHash);
    ArrayNode a = RpcJson.array();
    for (UnspentOutput c : pool.unspent(scriptHash)) {
      a.add(EsploraJson.utxo(c.outPoint(), Optional.empty(), c.value().units()));
    }
    List<ConfirmedCoin> sorted = new ArrayList<>(confirmed);
    sorted.sort(Comparator.comparingInt((ConfirmedCoin c) -> -c.coin().height()));
    for (ConfirmedCoin c : sorted) {
      if (!pool.spentInPool(c.coin().outPoint())) {
        a.add(
            EsploraJson.utxo(
                c.coin().outPoint(), Optional.of(c.confirmation()), c.coin().value().units()));
      }
    }
    return RestReply.json(a);
  }

  RestReply mempool(List<String> p) {
    if (p.size() == 1) {
      return backlog();
    }
    if (p.size() != 2) {
      return null;
    }
    return switch (p.get(1)) {
      case "txids" -> {
        ArrayNode a = RpcJson.array();
        pool.newestFirst().forEach(t -> a.add(t.tx().txid().toString()));
        yield RestReply.json(a);
      }
      case "recent" ->
          RestReply.json(
              EsploraJson.poolTxs(pool.newestFirst().stream().limit(RECENT_TXS).toList()));
      default -> null;
    };
  }

  /**
   * {@code {count, vsize, total_fee, fee_histogram}}: the histogram lists {@code [fee rate, vsize]}
   * bars from the highest rate down, each bar the pool's transactions paying at least that rate and
   * about {@value #VSIZE_BIN_WIDTH} vbytes wide, as Esplora makes it.
   */
  private RestReply backlog() {
    List<MempoolView.PoolTx> all = new ArrayList<>(pool.newestFirst());
    long vsize = 0;
    long fees = 0;
    for (MempoolView.PoolTx t : all) {
      vsize += t.tx().size();
      fees += t.fee().units();
    }
    all.sort(Comparator.comparingDouble(EsploraAddresses::feeRate).reversed());
    ArrayNode histogram = RpcJson.array();
    long bin = 0;
    double lastRate = 0;
    for (MempoolView.PoolTx t : all) {
      double rate = feeRate(t);
      if (bin > VSIZE_BIN_WIDTH && lastRate != rate) {
        histogram.addArray().add(lastRate).add(bin);
        bin = 0;
      }
      lastRate = rate;
      bin += t.tx().size();
    }
    if (bin > 0) {
      histogram.addArray().add(lastRate).add(bin);
    }
    ObjectNode o =
        RpcJson.object().put("count", all.size()).put("vsize", vsize).put("total_fee", fees);
    o.set("fee_histogram", histogram);
    return RestReply.json(o);
  }

  private static double feeRate(MempoolView.PoolTx t) {
    return (double) t.fee().units() / t.tx().size();
  }
}
