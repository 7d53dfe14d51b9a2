package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.Blockchain;
import io.minicoin.chain.ChainQueries;
import io.minicoin.chain.HeaderView;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.Script;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Blocks, headers, transactions and scripts in the JSON shapes Bitcoin Core's RPC prints: the same
 * field names, in the same order, with amounts in coins. minicoin has no segwit, so a transaction's
 * {@code hash} is its {@code txid}, {@code vsize} its size and {@code weight} four times that.
 */
final class RpcViews {
  private static final HexFormat HEX = HexFormat.of();

  private RpcViews() {}

  /** Core's difficulty: how many times harder than the easiest Bitcoin target (bits 1d00ffff). */
  static double difficulty(int bits) {
    int shift = (bits >>> 24) & 0xff;
    double d = (double) 0x0000ffff / (double) (bits & 0x00ffffff);
    for (; shift < 29; shift++) {
      d *= 256.0;
    }
    for (; shift > 29; shift--) {
      d /= 256.0;
    }
    return d;
  }

  static String hex32(BigInteger n) {
    return String.format("%064x", n);
  }

  /** Core's {@code confirmations}: -1 for a block off the best chain. */
  static int confirmations(HeaderView e, HeaderView tip, Blockchain chain) {
    return chain.isOnBestChain(e.hash()) ? tip.height() - e.height() + 1 : -1;
  }

  /** The fields {@code getblockheader} and {@code getblock} share, in Core's order. */
  static ObjectNode header(HeaderView e, Blockchain chain, ChainQueries q, Integer nTx) {
    BlockHeader h = e.header();
    ObjectNode o = RpcJson.object();
    o.put("hash", e.hash().toString());
    o.put("confirmations", confirmations(e, chain.tip(), chain));
    o.put("height", e.height());
    o.put("version", h.version());
    o.put("versionHex", String.format("%08x", h.version()));
    o.put("merkleroot", h.merkleRoot().toString());
    o.put("time", h.time());
    o.put("mediantime", chain.medianTimePast(e.hash()));
    o.put("nonce", Integer.toUnsignedLong(h.nonce()));
    o.put("bits", String.format("%08x", h.bits()));
    o.put("target", hex32(CompactTarget.decode(h.bits())));
    o.put("difficulty", difficulty(h.bits()));
    o.put("chainwork", hex32(e.chainWork()));
    if (nTx != null) {
      o.put("nTx", nTx);
    }
    if (e.height() > 0) {
      o.put("previousblockhash", h.previous().toString());
    }
    q.next(e).ifPresent(n -> o.put("nextblockhash", n.toString()));
    return o;
  }

  /**
   * {@code getblock} at verbosity 1 (txids) or 2 (decoded transactions, with each one's fee when
   * {@code fees} knows them).
   */
  static ObjectNode block(
      Block b,
      HeaderView e,
      Blockchain chain,
      ChainQueries q,
      int verbosity,
      Optional<List<Amount>> fees) {
    ObjectNode o = header(e, chain, q, b.transactions().size());
    int size = b.size();
    o.put("strippedsize", size);
    o.put("size", size);
    o.put("weight", 4 * size);
    ArrayNode txs = o.putArray("tx");
    for (int i = 0; i < b.transactions().size(); i++) {
      Transaction tx = b.transactions().get(i);
      if (verbosity >= 2) {
        ObjectNode t = transaction(tx);
        if (fees.isPresent() && !tx.isCoinbase()) {
          t.put("fee", RpcJson.coins(fees.get().get(i)));
        }
        t.put("hex", HEX.formatHex(tx.serialize()));
        txs.add(t);
      } else {
        txs.add(tx.txid().toString());
      }
    }
    return o;
  }

  /** {@code decoderawtransaction}'s shape. */
  static ObjectNode transaction(Transaction tx) {
    ObjectNode o = RpcJson.object();
    o.put("txid", tx.txid().toString());
    o.put("hash", tx.txid().toString());
    o.put("version", tx.version());
    o.put("size", tx.size());
    o.put("vsize", tx.size());
    o.put("weight", 4 * tx.size());
    o.put("locktime", tx.lockTime());
    ArrayNode vin = o.putArray("vin");
    for (TxIn in : tx.inputs()) {
      ObjectNode i = vin.addObject();
      if (tx.isCoinbase()) {
        i.put("coinbase", HEX.formatHex(in.scriptSig().bytes()));
      } else {
        i.put("txid", in.previous().txid().toString());
        i.put("vout", in.previous().index());
        ObjectNode sig = i.putObject("scriptSig");
        sig.put("asm", CoreScriptAsm.of(in.scriptSig(), true));
        sig.put("hex", HEX.formatHex(in.scriptSig().bytes()));
      }
      i.put("sequence", in.sequence());
    }
    ArrayNode vout = o.putArray("vout");
    for (int n = 0; n < tx.outputs().size(); n++) {
      TxOut out = tx.outputs().get(n);
      ObjectNode v = vout.addObject();
      v.put("value", RpcJson.coins(out.value()));
      v.put("n", n);
      v.set("scriptPubKey", scriptPubKey(out.scriptPubKey()));
    }
    return o;
  }

  /** An output script: asm, hex, the address it pays (if standard) and its type. */
  static ObjectNode scriptPubKey(Script script) {
    ObjectNode o = RpcJson.object();
    o.put("asm", CoreScriptAsm.of(script, false));
    o.put("hex", HEX.formatHex(script.bytes()));
    Optional<byte[]> pkh = script.payToPubKeyHash();
    if (pkh.isPresent()) {
      o.put("address", Address.fromPubKeyHash(pkh.get()).toString());
      o.put("type", "pubkeyhash");
    } else if (script.length() > 0 && (script.bytes()[0] & 0xff) == 0x6a) {
      o.put("type", "nulldata");
    } else {
      o.put("type", "nonstandard");
    }
    return o;
  }
}
