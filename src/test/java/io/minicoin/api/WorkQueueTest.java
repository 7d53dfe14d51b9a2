package io.minicoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.minicoin.testing.ChainBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real work of the HTTP API is bounded as Bitcoin Core bounds it ({@code -rpcthreads}, {@code
 * -rpcworkqueue}): at most {@link ApiServer#WORKERS} requests build answers at once, one that finds
 * none free in time is answered 503 "Work queue depth exceeded", and an Error in a handler (such as
 * an OutOfMemoryError) is answered 500 while the server serves on. Real sockets on loopback.
 */
class WorkQueueTest {
  @TempDir Path dir;

  /** A status line and body read from a raw socket, the whole answer (the request says close). */
  static String fetch(InetSocketAddress at, String method, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at);
      s.setSoTimeout(60_000);
      String body = method.equals("POST") ? "{}" : "";
      s.getOutputStream()
          .write(
              (method
                      + " "
                      + path
                      + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      try (InputStream in = s.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static int status(String answer) {
    assertThat(answer).as("a well-formed answer").matches("(?s)HTTP/1\\.1 \\d{3} .*\r\n\r\n.*");
    return Integer.parseInt(answer.substring(9, 12));
  }

  private ApiServer server(ApiRoutes routes) throws IOException {
    return server(routes, ApiServer.BODY_BUDGET);
  }

  private ApiServer server(ApiRoutes routes, int bodyBudget) throws IOException {
    ApiServer api =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            RpcCredentials.create(
                dir.resolve(".cookie"), Optional.of("alice"), Optional.of("s3cret")),
            new NodeServices(
                null, dir.resolve("chain"), dir.resolve("wallet"), () -> {}, Instant.now()),
            List.of(routes),
            bodyBudget);
    api.start();
    return api;
  }

  /** Sends a POST's head and the first {@code sent} bytes of a body of {@code size} bytes. */
  private static Socket startPost(InetSocketAddress at, int size, int sent) throws IOException {
    Socket s = new Socket();
    s.connect(at);
    s.setSoTimeout(60_000);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /size HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                + size
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[sent]);
    out.flush();
    return s;
  }

  /** Sends the rest of the body and reads the whole answer. */
  private static String finishPost(Socket s, int rest) throws IOException {
    try (s) {
      s.getOutputStream().write(new byte[rest]);
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The request bodies held in memory at once are bounded (each may be 5 MiB, and 512 connections
   * at once would exhaust the node's heap): a client sending a large body slowly keeps its room, so
   * another large body finds none and is answered 503 when the wait ends, while a small one still
   * fits; when the slow one is done its room is free again.
   */
  @Test
  void requestBodiesHeldAtOnceAreBoundedAndTheOverflowIsAnswered503() throws Exception {
    ApiRoutes size =
        (router, node) ->
            router.post(
                "/size",
                Router.Access.OPEN,
                ex ->
                    HttpBodies.send(
                        ex, 200, "text/plain", ex.getRequestBody().readAllBytes().length + "\n"));
    int budget = 100_000;
    try (ApiServer api = server(size, budget)) {
      Socket slow = startPost(api.address(), 80_000, 10);
      while (api.bodyBytesFree() > budget - 80_000) { // until the server holds its room
        Thread.onSpinWait();
      }

      String refused = finishPost(startPost(api.address(), 80_000, 0), 80_000);
      assertThat(status(refused)).as(refused).isEqualTo(503);
      assertThat(refused).contains("busy reading other requests");
      String small = finishPost(startPost(api.address(), 1_000, 0), 1_000);
      assertThat(small).startsWith("HTTP/1.1 200").endsWith("\r\n1000\n");

      assertThat(finishPost(slow, 80_000 - 10)).startsWith("HTTP/1.1 200").endsWith("80000\n");
      assertThat(api.bodyBytesFree()).isEqualTo(budget);
      assertThat(finishPost(startPost(api.address(), 80_000, 0), 80_000))
          .startsWith("HTTP/1.1 200")
          .endsWith("80000\n");
    }
  }

  @Test
  void atMostWorkersBuildAnswersAndTheRestAreAnswered503() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ApiRoutes slow =
        (router, node) -> {
          HttpHandler busy =
              ex -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                HttpBodies.send(ex, 200, "text/plain", "done\n");
              };
          router.get("/busy", Router.Access.OPEN, busy);
          router.post("/busy", Router.Access.OPEN, busy);
        };
    int extra = 24;
    try (ApiServer api = server(slow)) {
      ExecutorService clients = Executors.newFixedThreadPool(ApiServer.WORKERS + extra);
      try {
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < ApiServer.WORKERS + extra; i++) {
          String method = i % 2 == 0 ? "GET" : "POST";
          answers.add(clients.submit(() -> fetch(api.address(), method, "/busy")));
        }
        // The extra requests find every worker busy and are told so, while the others wait.
        int refused = 0;
        List<Future<String>> pending = new ArrayList<>(answers);
        while (refused < extra) {
          for (Iterator<Future<String>> it = pending.iterator(); it.hasNext(); ) {
            Future<String> f = it.next();
            if (f.isDone()) {
              String answer = f.get();
              assertThat(status(answer)).as(answer).isEqualTo(503);
              assertThat(answer).contains("Work queue depth exceeded");
              it.remove();
              refused++;
            }
          }
          Thread.onSpinWait();
        }
        assertThat(most.get()).isEqualTo(ApiServer.WORKERS);
        release.countDown();
        for (Future<String> f : pending) {
          assertThat(status(f.get(60, TimeUnit.SECONDS))).isEqualTo(200);
        }
        assertThat(status(fetch(api.address(), "GET", "/busy"))).isEqualTo(200);
      } finally {
        release.countDown();
        clients.shutdownNow();
      }
    }
  }

  @Test
  void anErrorInAHandlerIsAnswered500AndTheServerServesOn() throws Exception {
    ApiRoutes failing =
        (router, node) -> {
          router.get(
              "/oom",
              Router.Access.OPEN,
              ex -> {
                throw new OutOfMemoryError("Java heap space");
              });
          router.get(
              "/ok", Router.Access.OPEN, ex -> HttpBodies.send(ex, 200, "text/plain", "ok\n"));
        };
    try (ApiServer api = server(failing)) {
      for (int i = 0; i < ApiServer.WORKERS + 4; i++) {
        String answer = fetch(api.address(), "GET", "/oom");
        assertThat(status(answer)).as(answer).isEqualTo(500);
        assertThat(answer).contains("internal error");
      }
      // Every failed request gave its worker back.
      assertThat(fetch(api.address(), "GET", "/ok")).startsWith("HTTP/1.1 200").endsWith("ok\n");
    }
  }

  /**
   * Many clients at once against a real node: every one gets a whole answer, and the node lives.
   */
  @Test
  void manyConcurrentBigRequestsAreEachAnswered200Or503() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      n.chain.mineBusyBlocks(List.of(ChainBuilder.ALICE, ChainBuilder.BOB), 3);
      String tip = n.chain.tip().hash().toString();
      String miner = ChainBuilder.address(ChainBuilder.MINER).toString();
      InetSocketAddress at = n.api.address();
      int clients = 300;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          String path =
              i % 2 == 0 ? "/api/block/" + tip + "/raw" : "/api/address/" + miner + "/utxo";
          answers.add(
              pool.submit(
                  () -> {
                    go.await();
                    return fetch(at, "GET", path);
                  }));
        }
        go.countDown();
        for (Future<String> f : answers) {
          String answer = f.get(120, TimeUnit.SECONDS);
          assertThat(status(answer)).as(answer.lines().findFirst().orElse("")).isIn(200, 503);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(n.node.isStopping()).isFalse();
      assertThat(status(fetch(at, "GET", "/api/blocks/tip/hash"))).isEqualTo(200);
    }
  }
}
