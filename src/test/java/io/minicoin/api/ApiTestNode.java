package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicoin.core.Address;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import io.minicoin.testing.ChainBuilder;
import io.minicoin.testing.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A real node (LMDB chain on disk, listening on a free loopback port) with its real HTTP API on
 * another free port, and a plain HTTP client that speaks to it with the cookie.
 */
final class ApiTestNode implements AutoCloseable {
  final ChainBuilder chain;
  final Node node;
  final ApiServer api;
  final Path cookie;
  final Path dir;

  /** The node's peer-to-peer port. */
  final int port;

  final CountDownLatch stopRequested = new CountDownLatch(1);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiTestNode(Path dir) throws IOException {
    this(dir, ChainBuilder.onDisk(dir.resolve("blockchain.db")));
  }

  ApiTestNode(Path dir, ChainBuilder chain) throws IOException {
    this(dir, chain, Optional.empty());
  }

  /**
   * @param miner where the node's block rewards go; a mining node mines as soon as one transaction
   *     is in its pool
   */
  ApiTestNode(Path dir, ChainBuilder chain, Optional<Address> miner) throws IOException {
    this.dir = dir;
    this.chain = chain;
    port = Ports.free();
    node =
        new Node(
            new NodeConfig(
                port,
                "localhost",
                new HostPort("localhost", port),
                miner,
                miner.isPresent() ? 1 : 2,
                3,
                Duration.ofMillis(200)),
            chain.chain());
    node.start();
    cookie = dir.resolve(".cookie_" + port);
    RpcCredentials credentials =
        RpcCredentials.create(cookie, Optional.of("alice"), Optional.of("s3cret"));
    api =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            credentials,
            new NodeServices(
                node,
                dir.resolve("blockchain.db"),
                dir.resolve("wallet.dat"),
                stopRequested::countDown,
                Instant.now()),
            ApiServer.standardRoutes());
    api.start();
  }

  URI uri(String path) {
    return URI.create(api.url()).resolve(path);
  }

  String cookieAuth() throws IOException {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(Files.readString(cookie).getBytes(StandardCharsets.US_ASCII));
  }

  /** POSTs {@code body} to {@code /} with the cookie. */
  HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri("/"))
            .header("Authorization", cookieAuth())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Calls {@code method} (JSON-RPC 1.0) and returns the whole reply object. */
  JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    var request = RpcJson.object().put("id", "t").put("method", method);
    var p = request.putArray("params");
    for (Object o : params) {
      p.add(RpcJson.MAPPER.valueToTree(o));
    }
    HttpResponse<String> r = post(RpcJson.MAPPER.writeValueAsString(request));
    return RpcJson.MAPPER.readTree(r.body());
  }

  /** The result of a call that must succeed. */
  JsonNode result(String method, Object... params) throws IOException, InterruptedException {
    JsonNode r = call(method, params);
    if (!r.get("error").isNull()) {
      throw new AssertionError(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  /** The error object of a call that must fail. */
  JsonNode error(String method, Object... params) throws IOException, InterruptedException {
    JsonNode r = call(method, params);
    if (r.get("error").isNull()) {
      throw new AssertionError(method + " succeeded: " + r.get("result"));
    }
    return r.get("error");
  }

  @Override
  public void close() {
    api.close();
    node.close();
  }
}
