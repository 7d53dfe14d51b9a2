package io.minicoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The running node's pool as the wallet needs it, read over JSON-RPC: which confirmed coins its
 * transactions already spend, and which new coins (change, mostly) they create. With it a wallet
 * spends its own unconfirmed change, as Bitcoin Core's does, so two payments in a row work.
 */
final class PoolView {
  private final List<Transaction> txs;
  private final Set<OutPoint> spent = new HashSet<>();
  private final Map<OutPoint, TxOut> created = new HashMap<>();

  private PoolView(List<Transaction> txs) {
    this.txs = txs;
    for (Transaction tx : txs) {
      tx.inputs().stream().map(TxIn::previous).forEach(spent::add);
      for (int i = 0; i < tx.outputs().size(); i++) {
        created.put(new OutPoint(tx.txid(), i), tx.outputs().get(i));
      }
    }
  }

  /**
   * The pool of this node's running node; empty if it is not running or cannot be asked (then a
   * warning says why). A transaction mined between two calls is simply missed.
   */
  static Optional<PoolView> ofRunningNode(NodeOptions node) {
    RpcClient rpc = new RpcClient(node, null);
    List<Transaction> txs = new ArrayList<>();
    try {
      for (JsonNode txid : rpc.call("getrawmempool", false)) {
        JsonNode hex;
        try {
          hex = rpc.call("getrawtransaction", txid.asText(), false);
        } catch (RpcClient.NotRunning e) {
          throw e;
        } catch (UserError e) {
          continue; // mined or evicted since the list was made
        }
        txs.add(Transaction.fromBytes(HexFormat.of().parseHex(hex.asText())));
      }
    } catch (RpcClient.NotRunning e) {
      return Optional.empty();
    } catch (UserError e) {
      // A pool we cannot read only costs the unconfirmed coins: go on with the confirmed ones.
      System.err.println("warning: cannot read the running node's pool: " + e.getMessage());
      return Optional.empty();
    }
    return Optional.of(new PoolView(txs));
  }

  int size() {
    return txs.size();
  }

  Optional<Transaction> find(io.minicoin.crypto.Sha256Hash txid) {
    return txs.stream().filter(t -> t.txid().equals(txid)).findFirst();
  }

  /** Whether a pool transaction spends {@code p}. */
  boolean spends(OutPoint p) {
    return spent.contains(p);
  }

  /** Every output the pool's transactions spend. */
  Set<OutPoint> spent() {
    return Collections.unmodifiableSet(spent);
  }

  /** An output a pool transaction creates. */
  Optional<TxOut> output(OutPoint p) {
    return Optional.ofNullable(created.get(p));
  }

  /**
   * What {@code address} can spend now: its confirmed coins the pool does not spend yet, and the
   * pool's outputs to it that nothing in the pool spends. Unconfirmed coins sort after confirmed.
   */
  List<UnspentOutput> spendable(Address address, List<UnspentOutput> confirmed) {
    List<UnspentOutput> coins = new ArrayList<>();
    for (UnspentOutput c : confirmed) {
      if (!spent.contains(c.outPoint())) {
        coins.add(c);
      }
    }
    created.forEach(
        (p, o) -> {
          if (!spent.contains(p) && o.address().filter(address::equals).isPresent()) {
            coins.add(new UnspentOutput(p, o, Integer.MAX_VALUE, false));
          }
        });
    return coins;
  }

  /**
   * How the pool changes {@code address}'s balance once mined: received minus spent. {@code
   * confirmed} finds a spent output in the chain: only the outputs the pool spends are looked up,
   * not every coin of the address (which may hold 50,000).
   */
  Amount pending(
      Address address, java.util.function.Function<OutPoint, Optional<UnspentOutput>> confirmed) {
    Amount delta = Amount.ZERO;
    for (Map.Entry<OutPoint, TxOut> e : created.entrySet()) {
      if (e.getValue().address().filter(address::equals).isPresent()) {
        delta = delta.plus(e.getValue().value());
      }
    }
    for (OutPoint p : spent) {
      Optional<TxOut> out =
          Optional.ofNullable(created.get(p)).or(() -> confirmed.apply(p).map(c -> c.output()));
      if (out.isPresent() && out.get().address().filter(address::equals).isPresent()) {
        delta = delta.minus(out.get().value());
      }
    }
    return delta;
  }
}
