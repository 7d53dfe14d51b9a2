package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.core.Block;
import io.minicoin.core.CompactTarget;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.PeerInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * The web explorer: its pages, and the few read-only JSON paths Esplora's REST API has no
 * equivalent for (the node at a glance, its peers, the live events, a block's Merkle tree). All
 * open without credentials, as the browser has none, and all read-only.
 *
 * <p>Every page path answers with the same HTML shell; the page's script reads the path and draws
 * that page from {@code /api/...} (Esplora's REST) and {@code /explorer/...} (below).
 */
public final class ExplorerRoutes implements ApiRoutes {
  /** The pages; each path below also answers with the shell when followed by {@code /...}. */
  static final List<String> PAGES =
      List.of(
          "/",
          "/mempool",
          "/peers",
          "/protocol",
          "/block/*",
          "/block-height/*",
          "/tx/*",
          "/address/*");

  /** Events the ring keeps for pages opened later: enough for a whole classroom scenario. */
  static final int RING_EVENTS = 5_000;

  /**
   * And their frames' bytes with the decoded blocks and transactions at most: a few full blocks,
   * and a small part of a node's heap (a 10,000 x 10 sync once kept ~33 MB of blocks here).
   */
  static final long RING_BYTES = 16L << 20;

  private final EventRing ring;

  public ExplorerRoutes() {
    this(new EventRing(RING_EVENTS, RING_BYTES));
  }

  ExplorerRoutes(EventRing ring) {
    this.ring = ring;
  }

  @Override
  public void register(Router router, NodeServices node) {
    node.node().setListener(ring);
    StaticAssets assets = new StaticAssets();
    EventStream stream = new EventStream(ring);
    for (String page : PAGES) {
      router.get(page, Router.Access.OPEN, ex -> assets.send(ex, "index.html"));
    }
    router.get(
        "/static/*",
        Router.Access.OPEN,
        ex -> assets.send(ex, ex.getRequestURI().getPath().substring("/static/".length())));
    router.get("/explorer/events", Router.Access.OPEN, stream::stream);
    router.get("/explorer/events.json", Router.Access.OPEN, stream::poll);
    router.get("/explorer/event/*", Router.Access.OPEN, this::event);
    router.get(
        "/explorer/summary",
        Router.Access.OPEN,
        ex -> json(ex, summary(node).put("lastEvent", ring.last())));
    router.get(
        "/explorer/merkle/*",
        Router.Access.OPEN,
        ex -> EsploraRoutes.answer(ex, () -> merkle(ex, node)));
    MempoolView poolView = new MempoolView(node.chain(), node.mempool());
    router.get("/explorer/pool", Router.Access.OPEN, ex -> pool(ex, poolView));
    ExplorerCoins coins = new ExplorerCoins(new TransactionIndex(node.chain()), poolView);
    router.get(
        "/explorer/utxo/*",
        Router.Access.OPEN,
        ex ->
            EsploraRoutes.answer(
                ex, () -> coins.page(tail(ex, "/explorer/utxo/"), Query.param(ex, "after"))));
    router.get("/explorer/peers", Router.Access.OPEN, ex -> peers(ex, node));
  }

  private static void json(HttpExchange ex, ObjectNode o) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    HttpBodies.send(ex, 200, "application/json", RpcJson.write(o));
  }

  private static void notFound(HttpExchange ex, String why) throws IOException {
    HttpBodies.send(ex, 404, "text/plain; charset=utf-8", why + "\n");
  }

  private static String tail(HttpExchange ex, String prefix) {
    return ex.getRequestURI().getPath().substring(prefix.length());
  }

  private void event(HttpExchange ex) throws IOException {
    String n = tail(ex, "/explorer/event/");
    long seq;
    try {
      seq = Long.parseLong(n);
    } catch (NumberFormatException e) {
      HttpBodies.send(ex, 400, "text/plain; charset=utf-8", "not an event number\n");
      return;
    }
    Optional<EventRing.Numbered> e = ring.get(seq);
    if (e.isEmpty()) {
      notFound(ex, "event " + seq + " is gone: the node keeps only its latest " + RING_EVENTS);
      return;
    }
    json(ex, EventJson.full(e.get()));
  }

  static ObjectNode summary(NodeServices node) {
    var tip = node.chain().tip();
    int bits = tip.header().bits();
    BigInteger target = CompactTarget.decode(bits);
    ObjectNode o = RpcJson.object();
    o.put("height", tip.height());
    o.put("tip", tip.hash().toString());
    o.put("time", tip.header().time());
    o.put("chainwork", String.format("%064x", tip.chainWork()));
    o.put("bits", String.format("%08x", bits));
    o.put("target", String.format("%064x", target));
    o.put("difficulty", difficulty(bits));
    // How many header hashes a block takes on average: 2^256 / (target + 1).
    o.put("hashesPerBlock", BigInteger.ONE.shiftLeft(256).divide(target.add(BigInteger.ONE)));
    o.put("mempoolCount", node.mempool().size());
    o.put("peers", node.node().peerCount());
    o.put("port", node.node().port());
    o.put("events", true);
    return o;
  }

  /** {@code /explorer/peers}: every connection, with what its version message said. */
  private static void peers(HttpExchange ex, NodeServices node) throws IOException {
    ArrayNode a = RpcJson.array();
    for (PeerInfo p : node.node().peerInfo()) {
      ObjectNode o = a.addObject();
      o.put("id", p.id());
      o.put("address", p.listenAddress().isEmpty() ? p.address() : p.listenAddress());
      o.put("inbound", p.inbound());
      o.put("height", p.startingHeight());
      o.put("userAgent", p.userAgent());
      o.put("bytesSent", p.bytesSent());
      o.put("bytesReceived", p.bytesReceived());
      o.put("connected", p.connectedAt());
      o.put("lastSend", p.lastSend());
      o.put("lastReceive", p.lastReceive());
      o.put("lastSendCommand", p.lastSendCommand());
      o.put("lastReceiveCommand", p.lastReceiveCommand());
    }
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    HttpBodies.send(ex, 200, "application/json", RpcJson.write(a));
  }

  /** Pool transactions the pool page lists at most, newest first. */
  static final int POOL_PAGE = 500;

  /**
   * {@code /explorer/pool}: the pool's newest {@value #POOL_PAGE} transactions with their fee, size
   * and value (Esplora's {@code mempool/recent} gives only 10, {@code mempool/txids} no figures).
   */
  private static void pool(HttpExchange ex, MempoolView pool) throws IOException {
    ArrayNode a = EsploraJson.poolTxs(pool.newestFirst().stream().limit(POOL_PAGE).toList());
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    HttpBodies.send(ex, 200, "application/json", RpcJson.write(a));
  }

  /**
   * Bitcoin's difficulty (how much harder than the easiest target, bits 0x1d00ffff, this is) to 8
   * significant digits, as a decimal the page can print without a double's last-digit noise.
   */
  static BigDecimal difficulty(int bits) {
    return new BigDecimal(RpcViews.difficulty(bits)).round(new MathContext(8)).stripTrailingZeros();
  }

  /** {@code /explorer/merkle/<block hash>[?tx=...]}: see {@link ExplorerMerkle}. */
  private static RestReply merkle(HttpExchange ex, NodeServices node) {
    Sha256Hash hash = EsploraRoutes.hash(tail(ex, "/explorer/merkle/"));
    Block block =
        node.chain().block(hash).orElseThrow(() -> RestReply.Error.notFound("no block " + hash));
    return ExplorerMerkle.tree(block, Query.param(ex, "tx"));
  }
}
