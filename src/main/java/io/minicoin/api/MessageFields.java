package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NotFoundMessage;
import io.minicoin.net.wire.RejectMessage;
import io.minicoin.net.wire.TxMessage;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A P2P message as the protocol view shows it: a one-line summary for the arrow ({@code inv 2 tx},
 * {@code getdata block 0000a3…}, {@code version height 3}) and its decoded fields.
 *
 * <p>The fields are read from the message record's own components, so every field a message type
 * has is shown, by the name the code gives it, and a new field shows up without a change here. Long
 * lists are cut at {@value #MAX_ITEMS} entries (with the total), so a 500-entry {@code inv} stays a
 * small page.
 */
final class MessageFields {
  static final int MAX_ITEMS = 50;

  private MessageFields() {}

  static String summary(Message m) {
    String c = m.command();
    if (m instanceof InvMessage inv) {
      return c + " " + items(inv.items());
    } else if (m instanceof GetDataMessage g) {
      return c + " " + items(g.items());
    } else if (m instanceof NotFoundMessage nf) {
      return c + " " + items(nf.items());
    } else if (m instanceof BlockMessage b) {
      return c
          + " "
          + shortHash(b.block().hash())
          + " ("
          + b.block().transactions().size()
          + " tx)";
    } else if (m instanceof TxMessage t) {
      return c + " " + shortHash(t.tx().txid());
    } else if (m instanceof GetBlocksMessage g) {
      return c + " locator " + g.locator().size();
    } else if (m instanceof RejectMessage r) {
      return c + " " + r.message() + " " + r.reason();
    }
    Object height = component(m, "Height");
    return height != null ? c + " height " + height : c;
  }

  /** {@code 2 tx}, {@code block 0000a3…} for one item, {@code 1 block, 3 tx} for a mixture. */
  private static String items(List<InvVector> items) {
    if (items.size() == 1) {
      InvVector v = items.get(0);
      return name(v.type()) + " " + shortHash(v.hash());
    }
    long blocks = items.stream().filter(v -> v.type() == InvType.BLOCK).count();
    long txs = items.size() - blocks;
    if (blocks == 0) {
      return txs + " tx";
    }
    return txs == 0 ? blocks + " block" : blocks + " block, " + txs + " tx";
  }

  private static String name(InvType t) {
    return t == InvType.BLOCK ? "block" : "tx";
  }

  /**
   * A block hash's interesting end: the leading zeros and four more digits, as the page shows it.
   */
  static String shortHash(Sha256Hash h) {
    String s = h.toString();
    int zeros = 0;
    while (zeros < s.length() && s.charAt(zeros) == '0') {
      zeros++;
    }
    return s.substring(0, Math.min(s.length(), zeros + 4)) + "…";
  }

  /** The first record component whose name ends with {@code suffix}, or null. */
  private static Object component(Message m, String suffix) {
    if (!m.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent rc : m.getClass().getRecordComponents()) {
      if (rc.getName().endsWith(suffix)) {
        return read(rc, m);
      }
    }
    return null;
  }

  private static Object read(RecordComponent rc, Object o) {
    try {
      return rc.getAccessor().invoke(o);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  static ObjectNode fields(Message m) {
    if (m instanceof BlockMessage b) {
      // Not a record (it may hold a stored block's bytes undecoded), so named here.
      return RpcJson.object().set("block", block(b.block()));
    }
    JsonNode node = value(m);
    return node instanceof ObjectNode o ? o : RpcJson.object().set("value", node);
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return RpcJson.MAPPER.nullNode();
    } else if (v instanceof Sha256Hash h) {
      return text(h.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      return RpcJson.MAPPER.valueToTree(v);
    } else if (v instanceof CharSequence || v instanceof Enum<?>) {
      return text(v.toString());
    } else if (v instanceof byte[] b) {
      return text(HexFormat.of().formatHex(b));
    } else if (v instanceof Block b) {
      return block(b);
    } else if (v instanceof Transaction t) {
      return transaction(t);
    } else if (v instanceof Collection<?> c) {
      ArrayNode a = RpcJson.array();
      c.stream().limit(MAX_ITEMS).forEach(x -> a.add(value(x)));
      if (c.size() > MAX_ITEMS) {
        a.add(text("… " + (c.size() - MAX_ITEMS) + " more (" + c.size() + " in all)"));
      }
      return a;
    } else if (v instanceof Map<?, ?> map) {
      ObjectNode o = RpcJson.object();
      map.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
      return o;
    } else if (v.getClass().isRecord()) {
      ObjectNode o = RpcJson.object();
      for (RecordComponent rc : v.getClass().getRecordComponents()) {
        o.set(rc.getName(), value(read(rc, v)));
      }
      return o;
    }
    return text(v.toString());
  }

  private static JsonNode text(String s) {
    return RpcJson.MAPPER.getNodeFactory().textNode(s);
  }

  private static ObjectNode block(Block b) {
    BlockHeader h = b.header();
    ObjectNode header = RpcJson.object();
    header.put("hash", b.hash().toString());
    header.put("version", h.version());
    header.put("previous", h.previous().toString());
    header.put("merkleRoot", h.merkleRoot().toString());
    header.put("time", h.time());
    header.put("bits", String.format("%08x", h.bits()));
    header.put("nonce", Integer.toUnsignedLong(h.nonce()));
    ObjectNode o = RpcJson.object();
    o.set("header", header);
    o.set("transactions", value(b.transactions()));
    return o;
  }

  private static ObjectNode transaction(Transaction t) {
    ObjectNode o = RpcJson.object();
    o.put("txid", t.txid().toString());
    o.put("version", t.version());
    ArrayNode ins = o.putArray("inputs");
    for (TxIn in : t.inputs().stream().limit(MAX_ITEMS).toList()) {
      ObjectNode i = ins.addObject();
      i.put("previous", in.previous().toString());
      i.put("scriptSig", HexFormat.of().formatHex(in.scriptSig().bytes()));
      i.put("sequence", in.sequence());
    }
    ArrayNode outs = o.putArray("outputs");
    for (TxOut out : t.outputs().stream().limit(MAX_ITEMS).toList()) {
      ObjectNode x = outs.addObject();
      x.put("value", out.value().units());
      x.put("scriptPubKey", HexFormat.of().formatHex(out.scriptPubKey().bytes()));
      out.address().ifPresent(a -> x.put("address", a.toString()));
    }
    o.put("lockTime", t.lockTime());
    return o;
  }
}
