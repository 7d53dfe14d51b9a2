package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.wallet.TransactionBuilder;
import io.minicoin.wallet.Wallet;
import io.minicoin.wallet.WalletException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Core's wallet methods on the node's wallet file ({@code wallet_<NODE_ID>.dat}). Every call reads
 * the file afresh, so keys made with {@code createwallet} in another terminal count at once; writes
 * go through {@link Wallet}, which holds the wallet's file lock across each read-modify-write.
 * Payments are made one at a time, so two never pick the same coins.
 */
final class WalletRpc {
  private final NodeServices node;
  private final SecureRandom random = new SecureRandom();

  private WalletRpc(NodeServices node) {
    this.node = node;
  }

  static void register(RpcMethods all, NodeServices node) {
    WalletRpc w = new WalletRpc(node);
    RpcMethods methods = new RpcMethods();
    methods.add(
        new RpcMethod(
            "getnewaddress",
            List.of("label", "address_type"),
            0,
            "Returns a new address for receiving payments (a new key, saved in the wallet file).",
            args -> TextNode.valueOf(w.wallet().createAddress(w.random).toString())));
    methods.add(
        new RpcMethod(
            "getbalance",
            List.of("dummy", "minconf", "include_watchonly", "avoid_reuse"),
            0,
            "Returns the total available balance of the wallet's addresses on the best chain.",
            args -> {
              Amount total = Amount.ZERO;
              for (Address a : w.wallet().addresses()) {
                total = total.plus(node.chain().balance(a));
              }
              return DecimalNode.valueOf(RpcJson.coins(total));
            }));
    methods.add(
        new RpcMethod(
            "listunspent",
            List.of("minconf", "maxconf", "addresses", "include_unsafe", "query_options"),
            0,
            "Returns array of unspent transaction outputs with between minconf and maxconf"
                + " (inclusive) confirmations, optionally only those paying the given addresses.",
            args -> w.listUnspent(args)));
    methods.add(
        new RpcMethod(
            "sendtoaddress",
            List.of(
                "address",
                "amount",
                "comment",
                "comment_to",
                "subtractfeefromamount",
                "replaceable",
                "conf_target",
                "estimate_mode",
                "avoid_reuse",
                "fee_rate",
                "verbose"),
            2,
            "Send an amount to a given address, from one of the wallet's addresses that holds"
                + " enough, change back to it, no fee (minicoin needs none). The transaction"
                + " enters the pool and is relayed. Returns the transaction id.",
            args -> w.sendToAddress(args)));
    methods.add(
        new RpcMethod(
            "dumpprivkey",
            List.of("address"),
            1,
            "Reveals the private key corresponding to 'address', in wallet import format.",
            args -> {
              Address a = args.address(0);
              PrivateKey key =
                  w.wallet()
                      .key(a)
                      .orElseThrow(
                          () ->
                              new RpcException(
                                  RpcException.WALLET_ERROR,
                                  "Private key for address " + a + " is not known"));
              return TextNode.valueOf(key.toWif());
            }));
    methods.add(
        new RpcMethod(
            "importprivkey",
            List.of("privkey", "label", "rescan"),
            1,
            "Adds a private key (in wallet import format) to the wallet. Balances come from the"
                + " chain's address index, so no rescan is needed.",
            args -> {
              PrivateKey key;
              try {
                key = PrivateKey.fromWif(args.string(0));
              } catch (IllegalArgumentException e) {
                throw new RpcException(
                    RpcException.INVALID_ADDRESS_OR_KEY, "Invalid private key encoding");
              }
              w.wallet().importKey(key);
              return NullNode.getInstance();
            }));
    for (RpcMethod m : methods.all()) {
      all.add(new RpcMethod(m.name(), m.params(), m.required(), m.summary(), guarded(m.body())));
    }
  }

  /** A wallet file that cannot be read or written is Core's wallet error, not an internal one. */
  private static RpcMethod.Body guarded(RpcMethod.Body body) {
    return args -> {
      try {
        return body.call(args);
      } catch (WalletException e) {
        throw new RpcException(RpcException.WALLET_ERROR, e.getMessage());
      }
    };
  }

  private Wallet wallet() {
    try {
      return Wallet.load(node.walletFile());
    } catch (WalletException e) {
      throw new RpcException(RpcException.WALLET_ERROR, e.getMessage());
    }
  }

  private JsonNode listUnspent(RpcArgs args) {
    long minConf = args.integer(0, 1);
    long maxConf = args.integer(1, 9_999_999);
    Set<Address> only = new HashSet<>();
    if (args.has(2)) {
      for (JsonNode a : args.array(2)) {
        if (!a.isTextual()) {
          throw new RpcException(RpcException.TYPE_ERROR, "addresses must hold strings");
        }
        try {
          only.add(Address.parse(a.textValue()));
        } catch (IllegalArgumentException e) {
          throw new RpcException(
              RpcException.INVALID_ADDRESS_OR_KEY,
              "Invalid Bitcoin address: " + RpcArgs.clip(a.textValue()));
        }
      }
    }
    int height = node.chain().tip().height();
    ArrayNode out = RpcJson.array();
    HexFormat hex = HexFormat.of();
    for (Address a : wallet().addresses()) {
      if (!only.isEmpty() && !only.contains(a)) {
        continue;
      }
      for (UnspentOutput c : node.chain().unspentOf(a)) {
        int confirmations = height - c.height() + 1;
        if (confirmations < minConf || confirmations > maxConf) {
          continue;
        }
        boolean spentInPool = node.mempool().spender(c.outPoint()).isPresent();
        ObjectNode o = out.addObject();
        o.put("txid", c.outPoint().txid().toString());
        o.put("vout", c.outPoint().index());
        o.put("address", a.toString());
        o.put("label", "");
        o.put("scriptPubKey", hex.formatHex(c.output().scriptPubKey().bytes()));
        o.put("amount", RpcJson.coins(c.value()));
        o.put("confirmations", confirmations);
        o.put("spendable", true);
        o.put("solvable", true);
        o.put("safe", !spentInPool);
      }
    }
    return out;
  }

  private synchronized JsonNode sendToAddress(RpcArgs args) {
    Address to = args.address(0);
    Amount amount = args.coins(1);
    if (!amount.isPositive()) {
      throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount for send");
    }
    if (args.flag(4, false)) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER,
          "subtractfeefromamount: minicoin pays no fee to subtract");
    }
    if (args.has(9)) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER, "fee_rate is not supported: minicoin pays no fee");
    }
    Wallet wallet = wallet();
    Amount total = Amount.ZERO;
    Optional<Transaction> tx = Optional.empty();
    // Copied before any chain read: the pool's lock is never taken inside one.
    Set<OutPoint> inPool = node.mempool().spentOutPoints();
    for (Address from : wallet.addresses()) {
      // Only as many coins as the payment needs, none the pool already spends.
      List<UnspentOutput> coins = node.chain().coinsToSpend(from, amount, inPool);
      Amount available = coins.stream().map(UnspentOutput::value).reduce(Amount.ZERO, Amount::plus);
      total = total.plus(available);
      if (available.compareTo(amount) >= 0) {
        tx =
            Optional.of(
                TransactionBuilder.pay(
                    wallet.key(from).orElseThrow(), coins, to, amount, Amount.ZERO));
        break;
      }
    }
    if (tx.isEmpty()) {
      throw new RpcException(
          RpcException.WALLET_INSUFFICIENT_FUNDS,
          total.compareTo(amount) >= 0
              ? "Insufficient funds: no single address holds "
                  + amount
                  + " (minicoin pays from one address at a time)"
              : "Insufficient funds");
    }
    try {
      node.node().submitTransaction(tx.get()).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof VerificationException v) {
        throw RawTransactionRpc.rejection(v);
      }
      throw new RpcException(RpcException.WALLET_ERROR, e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new RpcException(RpcException.MISC_ERROR, "the node is busy: try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(RpcException.MISC_ERROR, "interrupted");
    }
    return TextNode.valueOf(tx.get().txid().toString());
  }
}
