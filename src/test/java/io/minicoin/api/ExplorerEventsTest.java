package io.minicoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import io.minicoin.net.NodeEvent;
import io.minicoin.testing.ChainBuilder;
import io.minicoin.testing.Ports;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's event paths on two real nodes: node A (with the HTTP API) downloads three blocks
 * from node B, and what A's explorer shows is checked against what B really sent.
 */
class ExplorerEventsTest {
  @TempDir Path dir;
  ApiTestNode a;
  Node b;
  final List<NodeEvent> sentByB = new CopyOnWriteArrayList<>();

  @BeforeEach
  void twoNodes() throws Exception {
    a = new ApiTestNode(dir, ChainBuilder.onDisk(dir.resolve("a.db")));
    ChainBuilder chainB = ChainBuilder.onDisk(dir.resolve("b.db"));
    chainB.extend(chainB.tip(), 3);
    b =
        new Node(
            new NodeConfig(
                Ports.free(),
                "localhost",
                new HostPort("localhost", a.node.port()),
                Optional.empty(),
                2,
                3,
                Duration.ofMillis(200)),
            chainB.chain());
    b.setListener(sentByB::add);
    b.start();
  }

  @AfterEach
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        a.http.send(
            HttpRequest.newBuilder(a.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return RpcJson.MAPPER.readTree(r.body());
  }

  /** A's events, once one says the tip reached {@code height}. */
  private List<JsonNode> eventsUntilTip(int height) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no event says the tip reached height " + height + " in 60 s");
      }
      List<JsonNode> events = new ArrayList<>();
      get("/explorer/events.json?after=0").get("events").forEach(events::add);
      if (events.stream()
          .anyMatch(
              e -> e.get("kind").asText().equals("tip") && e.get("height").asInt() == height)) {
        return events;
      }
      Thread.sleep(50); // polling the node for an event it has not published yet
    }
  }

  @Test
  void theSyncAppearsAsMessagesInOrderThenTheNewTip() throws Exception {
    List<JsonNode> events = eventsUntilTip(3);
    List<String> seen = new ArrayList<>();
    for (JsonNode e : events) {
      seen.add(
          e.get("kind").asText().equals("message")
              ? e.get("dir").asText() + " " + e.get("command").asText()
              : e.get("kind").asText());
    }
    assertThat(seen)
        .containsSubsequence(
            "connected",
            "in version",
            "out version",
            "out getblocks",
            "in inv",
            "out getdata",
            "in block",
            "in block",
            "in block",
            "tip");
    JsonNode inv = events.stream().filter(e -> seen(e, "in", "inv")).findFirst().orElseThrow();
    assertThat(inv.get("summary").asText()).isEqualTo("inv 3 block");
    List<Long> seqs = events.stream().map(e -> e.get("seq").asLong()).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  private static boolean seen(JsonNode e, String dir, String command) {
    return e.get("kind").asText().equals("message")
        && e.get("dir").asText().equals(dir)
        && e.get("command").asText().equals(command);
  }

  @Test
  void aReceivedFrameIsByteForByteTheFrameThePeerSent() throws Exception {
    List<JsonNode> events = eventsUntilTip(3);
    List<String> framesFromB = new ArrayList<>();
    for (NodeEvent e : sentByB) {
      if (e instanceof NodeEvent.PeerMessage m && m.message().command().equals("block")) {
        framesFromB.add(HexFormat.of().formatHex(m.frame()));
      }
    }
    List<JsonNode> blocks = events.stream().filter(e -> seen(e, "in", "block")).toList();
    assertThat(blocks).hasSize(3);
    for (JsonNode e : blocks) {
      JsonNode full = get("/explorer/event/" + e.get("seq").asLong());
      String hex = full.get("frame").get("hex").asText();
      assertThat(framesFromB).contains(hex);
      assertThat(hex)
          .startsWith(
              "6d696e69" + HexFormat.of().formatHex("block".getBytes(StandardCharsets.US_ASCII)));
      assertThat(full.get("frame").get("parts").get(4).get("from").asInt()).isEqualTo(24);
      String hash = full.get("fields").get("block").get("header").get("hash").asText();
      assertThat(e.get("summary").asText()).startsWith("block " + hash.substring(0, 4));
    }
  }

  @Test
  void summaryAndPeersDescribeTheNode() throws Exception {
    eventsUntilTip(3);
    JsonNode s = get("/explorer/summary");
    assertThat(s.get("height").asInt()).isEqualTo(3);
    assertThat(s.get("tip").asText()).isEqualTo(a.node.chain().tip().hash().toString());
    assertThat(s.get("bits").asText()).isEqualTo(String.format("%08x", ChainBuilder.BITS));
    JsonNode peers = get("/explorer/peers");
    assertThat(peers).hasSize(1);
    JsonNode p = peers.get(0);
    assertThat(p.get("inbound").asBoolean()).isTrue();
    assertThat(p.get("address").asText()).endsWith(":" + b.port()); // where it listens
    assertThat(p.get("userAgent").asText()).startsWith("/minicoin:");
    assertThat(p.get("height").asInt()).isEqualTo(3);
    assertThat(p.get("bytesReceived").asLong()).isGreaterThan(3 * 80);
    assertThat(p.get("bytesSent").asLong()).isPositive();
    // The last message each way: its command (as on the wire) beside its time.
    assertThat(p.get("lastReceive").asLong()).isPositive();
    assertThat(p.get("lastSend").asLong()).isPositive();
    Set<String> commands =
        Set.of(
            "version",
            "verack",
            "ping",
            "pong",
            "inv",
            "getdata",
            "getblocks",
            "getheaders",
            "headers",
            "block",
            "tx",
            "notfound",
            "addr",
            "getaddr",
            "sendheaders",
            "mempool",
            "reject",
            "feefilter",
            "sendcmpct",
            "wtxidrelay",
            "sendaddrv2");
    assertThat(p.get("lastReceiveCommand").asText()).isIn(commands);
    assertThat(p.get("lastSendCommand").asText()).isIn(commands);
  }

  @Test
  void theEventStreamSendsBatchesAsServerSentEventsAndRefusesAFifthStream() throws Exception {
    eventsUntilTip(3);
    List<HttpResponse<InputStream>> open = new ArrayList<>();
    try {
      for (int i = 0; i < EventStream.MAX_STREAMS; i++) {
        HttpResponse<InputStream> r =
            a.http.send(
                HttpRequest.newBuilder(a.uri("/explorer/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        open.add(r);
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(open.get(0).body(), StandardCharsets.UTF_8));
      String id = null;
      String data = null;
      for (String line = in.readLine(); line != null && data == null; line = in.readLine()) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      JsonNode batch = RpcJson.MAPPER.readTree(data);
      assertThat(batch.isArray()).isTrue();
      assertThat(batch.get(0).get("seq").asLong()).isEqualTo(1);
      assertThat(Long.parseLong(id)).isEqualTo(batch.get(batch.size() - 1).get("seq").asLong());
      HttpResponse<String> fifth =
          a.http.send(
              HttpRequest.newBuilder(a.uri("/explorer/events")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(fifth.statusCode()).isEqualTo(503);
      assertThat(fifth.body()).contains("/explorer/events.json");
    } finally {
      for (HttpResponse<InputStream> r : open) {
        r.body().close();
      }
    }
  }

  @Test
  void pagesAndFilesAreServedAndBadPathsGetClearAnswers() throws Exception {
    for (String page : List.of("/", "/mempool", "/peers", "/protocol", "/block-height/0")) {
      HttpResponse<String> r =
          a.http.send(
              HttpRequest.newBuilder(a.uri(page)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).contains("<main id=\"main\">").contains("/static/explorer.js");
    }
    HttpResponse<String> js =
        a.http.send(
            HttpRequest.newBuilder(a.uri("/static/explorer.js")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    String etag = js.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        a.http.send(
            HttpRequest.newBuilder(a.uri("/static/explorer.js"))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(status("/static/../pom.xml")).isEqualTo(404);
    assertThat(status("/static/nothing.js")).isEqualTo(404);
    assertThat(status("/explorer/event/abc")).isEqualTo(400);
    assertThat(status("/explorer/event/99999999")).isEqualTo(404);
    assertThat(status("/explorer/merkle/zz")).isEqualTo(400);
    assertThat(status("/explorer/merkle/" + "00".repeat(32))).isEqualTo(404);
  }

  private int status(String path) throws Exception {
    return a.http
        .send(HttpRequest.newBuilder(a.uri(path)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
