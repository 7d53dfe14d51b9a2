package io.minicoin.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.api.RpcJson;
import io.minicoin.chain.HeaderView;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code -json} forms of the lookup commands, with Bitcoin Core's field names (getblock,
 * getrawtransaction, listunspent) so a script written for {@code bitcoin-cli} reads them; amounts
 * in coins with eight decimals, as Core prints them.
 */
final class JsonViews {
  private static final HexFormat HEX = HexFormat.of();

  private JsonViews() {}

  static String print(JsonNode node) {
    try {
      return RpcJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree we built always serializes
    }
  }

  /** Core's getblock at verbosity 1: the header's fields and the txids. */
  static ObjectNode block(Block block, HeaderView entry, int confirmations) {
    BlockHeader h = block.header();
    ObjectNode o = RpcJson.object();
    o.put("hash", block.hash().toString());
    o.put("confirmations", confirmations);
    o.put("height", entry.height());
    o.put("version", h.version());
    o.put("merkleroot", h.merkleRoot().toString());
    o.put("time", h.time());
    o.put("nonce", Integer.toUnsignedLong(h.nonce()));
    o.put("bits", CompactTarget.toHex(h.bits()).replaceFirst("^0x", ""));
    o.put("chainwork", String.format("%064x", entry.chainWork()));
    o.put("nTx", block.transactions().size());
    if (entry.height() > 0) {
      o.put("previousblockhash", h.previous().toString());
    }
    o.put("size", block.size());
    ArrayNode txs = o.putArray("tx");
    block.transactions().forEach(tx -> txs.add(tx.txid().toString()));
    return o;
  }

  /** Core's getrawtransaction verbose form; {@code prevouts} adds each input's spent output. */
  static ObjectNode transaction(Transaction tx, List<TxOut> prevouts) {
    ObjectNode o = RpcJson.object();
    o.put("txid", tx.txid().toString());
    o.put("hash", tx.txid().toString());
    o.put("version", tx.version());
    o.put("size", tx.size());
    o.put("locktime", tx.lockTime());
    ArrayNode vin = o.putArray("vin");
    for (int i = 0; i < tx.inputs().size(); i++) {
      TxIn in = tx.inputs().get(i);
      ObjectNode j = vin.addObject();
      if (tx.isCoinbase()) {
        j.put("coinbase", in.scriptSig().toString());
      } else {
        j.put("txid", in.previous().txid().toString());
        j.put("vout", in.previous().index());
        j.putObject("scriptSig").put("hex", in.scriptSig().toString());
        if (i < prevouts.size() && prevouts.get(i) != null) {
          j.set("prevout", output(prevouts.get(i), -1));
        }
      }
      j.put("sequence", in.sequence());
    }
    ArrayNode vout = o.putArray("vout");
    for (int i = 0; i < tx.outputs().size(); i++) {
      vout.add(output(tx.outputs().get(i), i));
    }
    o.put("hex", HEX.formatHex(tx.serialize()));
    return o;
  }

  private static ObjectNode output(TxOut out, int n) {
    ObjectNode o = RpcJson.object();
    o.put("value", RpcJson.coins(out.value()));
    if (n >= 0) {
      o.put("n", n);
    }
    ObjectNode script = o.putObject("scriptPubKey");
    script.put("hex", out.scriptPubKey().toString());
    out.address()
        .ifPresentOrElse(
            a -> script.put("address", a.toString()).put("type", "pubkeyhash"),
            () -> script.put("type", "nonstandard"));
    return o;
  }
}
