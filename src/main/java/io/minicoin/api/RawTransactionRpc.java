package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.minicoin.chain.HeaderView;
import io.minicoin.chain.RejectReason;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.Sha256Hash;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Core's "rawtransactions" methods: read, decode, test and send transactions as hex. */
final class RawTransactionRpc {
  private static final HexFormat HEX = HexFormat.of();
  private static final String NOT_FOUND =
      "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.";

  private final NodeServices node;

  private RawTransactionRpc(NodeServices node) {
    this.node = node;
  }

  static void register(RpcMethods methods, NodeServices node) {
    RawTransactionRpc r = new RawTransactionRpc(node);
    methods.add(
        new RpcMethod(
            "getrawtransaction",
            List.of("txid", "verbose", "blockhash"),
            1,
            "Return the raw transaction data: serialized and hex-encoded if verbose is false (or"
                + " 0), an object with information about it if verbose is true (or 1). Finds any"
                + " transaction in the memory pool or on the best chain.",
            args -> r.getRawTransaction(args)));
    methods.add(
        new RpcMethod(
            "decoderawtransaction",
            List.of("hexstring"),
            1,
            "Return a JSON object representing the serialized, hex-encoded transaction.",
            args -> RpcViews.transaction(decode(args, 0))));
    methods.add(
        new RpcMethod(
            "sendrawtransaction",
            List.of("hexstring", "maxfeerate", "maxburnamount"),
            1,
            "Submit a raw transaction (serialized, hex-encoded) to the local node and network."
                + " The transaction is fully validated, enters the memory pool and is relayed to"
                + " the peers. Returns the transaction hash in hex.",
            args -> r.send(decode(args, 0))));
    methods.add(
        new RpcMethod(
            "testmempoolaccept",
            List.of("rawtxs", "maxfeerate"),
            1,
            "Returns result of mempool acceptance tests indicating if raw transaction(s)"
                + " (serialized, hex-encoded) would be accepted by mempool. Nothing is added.",
            args -> r.testAccept(args)));
  }

  static Transaction decode(RpcArgs args, int i) {
    return decode(args.string(i));
  }

  private static Transaction decode(String hex) {
    try {
      return Transaction.fromBytes(HEX.parseHex(hex));
    } catch (RuntimeException e) {
      throw new RpcException(RpcException.DESERIALIZATION_ERROR, "TX decode failed");
    }
  }

  private JsonNode getRawTransaction(RpcArgs args) {
    Sha256Hash txid = args.hash(0);
    int verbosity;
    if (!args.has(1)) {
      verbosity = 0;
    } else {
      try {
        verbosity = args.flag(1, false) ? 1 : 0;
      } catch (RpcException notAFlag) {
        verbosity = args.integer(1) > 0 ? 1 : 0; // Core's verbosity 2 adds fees; we give 1
      }
    }
    Optional<Sha256Hash> inBlock = args.has(2) ? Optional.of(args.hash(2)) : Optional.empty();
    Transaction tx = null;
    Optional<TransactionIndex.Confirmation> confirmation = Optional.empty();
    if (inBlock.isEmpty()) {
      tx = node.mempool().get(txid).orElse(null);
    }
    if (tx == null) {
      Optional<TransactionIndex.LocatedTransaction> located =
          new TransactionIndex(node.chain()).transaction(txid);
      if (located.isPresent()
          && (inBlock.isEmpty()
              || located
                  .get()
                  .confirmation()
                  .map(c -> c.blockHash().equals(inBlock.get()))
                  .orElse(false))) {
        tx = located.get().tx();
        confirmation = located.get().confirmation();
      } else if (inBlock.isPresent()) {
        tx = findInBlock(inBlock.get(), txid);
      }
    }
    if (tx == null) {
      throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, NOT_FOUND);
    }
    String hex = HEX.formatHex(tx.serialize());
    if (verbosity == 0) {
      return TextNode.valueOf(hex);
    }
    ObjectNode o = RpcJson.object();
    if (inBlock.isPresent()) {
      o.put("in_active_chain", confirmation.isPresent());
    }
    o.setAll(RpcViews.transaction(tx));
    o.put("hex", hex);
    if (confirmation.isPresent()) {
      TransactionIndex.Confirmation c = confirmation.get();
      o.put("blockhash", c.blockHash().toString());
      o.put("confirmations", node.chain().tip().height() - c.height() + 1);
      o.put("time", c.blockTime());
      o.put("blocktime", c.blockTime());
    }
    return o;
  }

  /** A transaction in a named block, which may be off the best chain. */
  private Transaction findInBlock(Sha256Hash blockHash, Sha256Hash txid) {
    Optional<HeaderView> e = node.chain().header(blockHash);
    if (e.isEmpty()) {
      throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Block hash not found");
    }
    return node.chain().block(blockHash).stream()
        .flatMap(b -> b.transactions().stream())
        .filter(t -> t.txid().equals(txid))
        .findFirst()
        .orElseThrow(
            () ->
                new RpcException(
                    RpcException.INVALID_ADDRESS_OR_KEY,
                    "No such transaction found in the provided block."));
  }

  private JsonNode send(Transaction tx) {
    if (isConfirmed(tx)) {
      throw new RpcException(
          RpcException.VERIFY_ALREADY_IN_CHAIN, "Transaction outputs already in utxo set");
    }
    try {
      node.node().submitTransaction(tx).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof VerificationException v) {
        if (v.reason() != RejectReason.TXN_ALREADY_KNOWN) { // Core answers the txid again
          throw rejection(v);
        }
      } else {
        throw new RpcException(RpcException.MISC_ERROR, e.getCause().getMessage());
      }
    } catch (TimeoutException e) {
      throw new RpcException(RpcException.MISC_ERROR, "the node is busy: try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(RpcException.MISC_ERROR, "interrupted");
    }
    return TextNode.valueOf(tx.txid().toString());
  }

  private boolean isConfirmed(Transaction tx) {
    for (int i = 0; i < tx.outputs().size(); i++) {
      if (node.chain().unspent(new OutPoint(tx.txid(), i)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Core's codes: missing inputs -25, any other refusal -26 with the reject reason. */
  static RpcException rejection(VerificationException v) {
    if (v.reason() == RejectReason.MISSING_INPUTS
        || v.reason() == RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT) {
      return new RpcException(RpcException.VERIFY_ERROR, "bad-txns-inputs-missingorspent");
    }
    return new RpcException(
        RpcException.VERIFY_REJECTED, v.reason().code() + " (" + v.detail() + ")");
  }

  private JsonNode testAccept(RpcArgs args) {
    JsonNode raw = args.array(0);
    if (raw.isEmpty() || raw.size() > 25) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER, "Array must contain between 1 and 25 transactions.");
    }
    ArrayNode out = RpcJson.array();
    for (JsonNode item : raw) {
      if (!item.isTextual()) {
        throw new RpcException(RpcException.TYPE_ERROR, "rawtxs must hold strings");
      }
      Transaction tx = decode(item.textValue());
      ObjectNode o = out.addObject();
      o.put("txid", tx.txid().toString());
      o.put("wtxid", tx.txid().toString());
      if (isConfirmed(tx)) {
        o.put("allowed", false);
        o.put("reject-reason", "txn-already-known");
        continue;
      }
      try {
        Amount fee = node.mempool().check(tx, node.chain());
        o.put("allowed", true);
        o.put("vsize", tx.size());
        o.putObject("fees").put("base", RpcJson.coins(fee));
      } catch (VerificationException v) {
        o.put("allowed", false);
        o.put(
            "reject-reason",
            v.reason() == RejectReason.MISSING_INPUTS ? "missing-inputs" : v.reason().code());
      }
    }
    return out;
  }
}
