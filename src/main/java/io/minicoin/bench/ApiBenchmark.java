package io.minicoin.bench;

import io.minicoin.api.ApiServer;
import io.minicoin.api.NodeServices;
import io.minicoin.api.RpcCredentials;
import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.ChainParams;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import io.minicoin.store.ChainStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Requests per second and latency of the node's HTTP API on a long chain: Bitcoin Core's {@code
 * getblockcount} over JSON-RPC and Esplora's {@code /api/address/:address/utxo}, one client on one
 * keep-alive connection over loopback, one request at a time.
 */
public final class ApiBenchmark {
  private static final int WARM_UP = 3_000;
  private static final int REQUESTS = 10_000;

  private ApiBenchmark() {}

  public static void run(PrintStream out, int blocks)
      throws IOException, VerificationException, InterruptedException {
    out.printf("HTTP API on a chain of %,d blocks, one keep-alive connection:%n", blocks);
    Path dir = Files.createTempDirectory("minicoin-bench-api-");
    SecureRandom random = new SecureRandom();
    Address watched = Address.fromPublicKey(PrivateKey.generate(random).publicKey());
    Address other = Address.fromPublicKey(PrivateKey.generate(random).publicKey());
    Miner miner = new Miner(1, () -> System.currentTimeMillis() / 1000);
    Blockchain chain =
        Blockchain.initialize(
            ChainStore.create(dir.resolve("chain.db")),
            miner.mineGenesis(watched, ChainParams.EASIEST_BITS));
    for (int i = 1; i < blocks; i++) {
      chain.accept(
          miner
              .mineOnTip(chain, List.of(), Amount.ZERO, i < 5 ? watched : other, () -> false)
              .orElseThrow());
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Node node =
        new Node(
            new NodeConfig(
                port,
                "localhost",
                new HostPort("localhost", port),
                Optional.empty(),
                2,
                3,
                Duration.ofSeconds(1)),
            chain);
    Path cookie = dir.resolve(".cookie");
    try (node;
        ApiServer api =
            new ApiServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                RpcCredentials.create(cookie, Optional.empty(), Optional.empty()),
                new NodeServices(
                    node,
                    dir.resolve("chain.db"),
                    dir.resolve("wallet.dat"),
                    () -> {},
                    Instant.now()),
                ApiServer.standardRoutes())) {
      node.start();
      api.start();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(Files.readString(cookie).getBytes(StandardCharsets.US_ASCII));
      HttpRequest rpc =
          HttpRequest.newBuilder(URI.create(api.url()))
              .header("Authorization", auth)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[]}"))
              .build();
      HttpRequest utxo =
          HttpRequest.newBuilder(URI.create(api.url() + "api/address/" + watched + "/utxo"))
              .GET()
              .build();
      measure(out, "getblockcount (JSON-RPC)", http, rpc, String.valueOf(blocks - 1));
      measure(out, "/api/address/:address/utxo (5 coins)", http, utxo, "\"value\"");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void measure(
      PrintStream out, String what, HttpClient http, HttpRequest request, String expected)
      throws IOException, InterruptedException {
    for (int i = 0; i < WARM_UP; i++) {
      send(http, request, expected);
    }
    long[] nanos = new long[REQUESTS];
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      long t = System.nanoTime();
      send(http, request, expected);
      nanos[i] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    out.printf(
        "  %-40s %,8.0f requests/s   p50 %6.3f ms   p99 %6.3f ms%n",
        what, REQUESTS / seconds, nanos[REQUESTS / 2] / 1e6, nanos[REQUESTS * 99 / 100] / 1e6);
  }

  private static void send(HttpClient http, HttpRequest request, String expected)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().contains(expected)) {
      throw new IllegalStateException(
          "benchmark request failed: " + r.statusCode() + " " + r.body());
    }
  }
}
