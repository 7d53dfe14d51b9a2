package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.net.NodeEvent;
import io.minicoin.net.wire.FrameCodec;
import java.util.HexFormat;

/**
 * A {@link NodeEvent} as the explorer's pages read it. The short form goes down the event stream
 * for every event; the full form (decoded fields and the frame's bytes) only when someone clicks an
 * arrow, so the stream stays light. Text that came from a peer (a user agent, a reject reason)
 * travels as JSON strings; the pages put it on screen as text, never as HTML.
 */
final class EventJson {
  /** Frame bytes shown beyond this are summarised: a 1 MB block is not one page. */
  static final int MAX_FRAME_BYTES_SHOWN = 16 * 1024;

  private EventJson() {}

  static ObjectNode brief(EventRing.Numbered n) {
    ObjectNode o = RpcJson.object();
    o.put("seq", n.seq());
    o.put("time", n.event().time().toEpochMilli());
    NodeEvent e = n.event();
    if (e instanceof NodeEvent.PeerMessage m) {
      o.put("kind", "message");
      o.put("peerId", m.peerId());
      o.put("peer", m.peer());
      o.put("dir", m.direction() == NodeEvent.Direction.SENT ? "out" : "in");
      o.put("command", m.message().command());
      o.put("summary", MessageFields.summary(m.message()));
      o.put("size", m.frame().length);
    } else if (e instanceof NodeEvent.PeerConnected c) {
      o.put("kind", "connected");
      o.put("peerId", c.peerId());
      o.put("peer", c.peer());
      o.put("outbound", c.outbound());
    } else if (e instanceof NodeEvent.PeerDisconnected d) {
      o.put("kind", "disconnected");
      o.put("peerId", d.peerId());
      o.put("peer", d.peer());
      o.put("reason", d.reason());
    } else if (e instanceof NodeEvent.NewTip t) {
      o.put("kind", "tip");
      o.put("hash", t.hash().toString());
      o.put("height", t.height());
      o.put("transactions", t.transactions());
      o.put("source", t.source());
    } else if (e instanceof NodeEvent.Reorganized r) {
      o.put("kind", "reorg");
      o.put("disconnected", r.disconnected());
      o.put("connected", r.connected());
      o.put("forkHeight", r.forkHeight());
    } else if (e instanceof NodeEvent.TxAdded a) {
      o.put("kind", "txadded");
      o.put("txid", a.txid().toString());
      o.put("fee", a.feeUnits());
      o.put("size", a.size());
      o.put("source", a.source());
    } else if (e instanceof NodeEvent.TxRemoved r) {
      o.put("kind", "txremoved");
      o.put("txid", r.txid().toString());
      o.put("reason", r.reason());
    } else if (e instanceof NodeEvent.Rejected r) {
      o.put("kind", "rejected");
      o.put("what", r.what());
      o.put("hash", r.hash().toString());
      o.put("reason", r.reason());
      o.put("detail", r.detail());
      o.put("source", r.source());
    }
    return o;
  }

  /** The brief form plus, for a message, its decoded fields and its frame marked field by field. */
  static ObjectNode full(EventRing.Numbered n) {
    ObjectNode o = brief(n);
    if (n.event() instanceof NodeEvent.PeerMessage m) {
      o.set("fields", MessageFields.fields(m.message()));
      o.set("frame", frame(m.frame()));
    }
    return o;
  }

  /**
   * The frame's bytes in hex with the parts of its header named: magic, command, length, checksum,
   * payload (offsets in bytes, end exclusive).
   */
  static ObjectNode frame(byte[] frame) {
    ObjectNode o = RpcJson.object();
    int shown = Math.min(frame.length, MAX_FRAME_BYTES_SHOWN);
    o.put("length", frame.length);
    o.put("hex", HexFormat.of().formatHex(frame, 0, shown));
    o.put("truncated", shown < frame.length);
    ArrayNode parts = o.putArray("parts");
    part(parts, "magic", 0, 4);
    part(parts, "command", 4, 16);
    part(parts, "length", 16, 20);
    part(parts, "checksum", 20, FrameCodec.HEADER_SIZE);
    part(parts, "payload", FrameCodec.HEADER_SIZE, frame.length);
    return o;
  }

  private static void part(ArrayNode parts, String name, int from, int to) {
    parts.addObject().put("name", name).put("from", from).put("to", to);
  }
}
