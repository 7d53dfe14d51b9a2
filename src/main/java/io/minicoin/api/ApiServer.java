package io.minicoin.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.minicoin.chain.Blockchain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one HTTP server (the JDK's {@code com.sun.net.httpserver}: it starts in about 20 ms
 * and adds nothing to the jar). Every request goes through {@link #dispatch}: find the route
 * ({@link Router}), check credentials where the route needs them, run the handler, and turn any
 * failure (an Error too) into a plain 500 without a stack trace, so nothing a client sends can harm
 * the node.
 *
 * <p>Limits, because anyone who can reach the port can send anything (Bitcoin Core has the same
 * kind: {@code -rpcthreads}, {@code -rpcworkqueue}, {@code -rpcservertimeout}):
 *
 * <ul>
 *   <li>at most {@value #MAX_CONNECTIONS} open connections: beyond that a new one is closed at
 *       once, so a client opening thousands cannot use up the node's file descriptors or memory;
 *   <li>a connection that sends nothing is closed after {@value #MAX_REQUEST_SECONDS} s, and a
 *       request (headers and body) that takes longer than that to arrive, however slowly it
 *       trickles, is cut: a slow or half-open client holds a handler thread that long at most;
 *   <li>handler threads: {@value #THREADS} kept, more started as requests need them, up to one per
 *       open connection, and no queue. The JDK's request deadline runs from a request's first byte,
 *       so a request queued behind slow clients would be cut with them; here it gets a thread at
 *       once and is answered while they wait to be cut;
 *   <li>but only {@value #WORKERS} requests build their answers at once (a POST's body is read
 *       first, on its own thread): a request that finds none free within {@value
 *       #WORK_QUEUE_WAIT_MS} ms is answered 503 "Work queue depth exceeded", as Core answers when
 *       its work queue is full, so 512 clients asking for big answers cannot use up the heap;
 *   <li>request bodies capped ({@link HttpBodies#MAX_BODY}), and the bytes of the bodies held at
 *       once too ({@link #BODY_BUDGET}, 503 past it); idle keep-alive connections closed after 30
 *       s.
 * </ul>
 *
 * <p>A flood that keeps every connection slot taken keeps others out while it lasts (as it would
 * with Core); the node itself stays up, and serves again within {@value #MAX_REQUEST_SECONDS} s of
 * the flood ending.
 */
public final class ApiServer implements AutoCloseable {
  /**
   * Handler threads kept while idle. A request whose body arrives slowly holds one until the
   * request deadline, and an event stream holds one while it lasts; past these, threads are started
   * as needed (up to {@link #MAX_CONNECTIONS}) and end after a minute without work.
   */
  static final int THREADS = 16;

  /**
   * Open connections at most: a classroom's browsers (six connections each) and scripts, and far
   * below the file descriptors a JVM gets (it raises its soft limit to the hard one, 4096 or more).
   * Each connection has at most one request under way, so it is also the most handler threads.
   */
  static final int MAX_CONNECTIONS = 512;

  static final int MAX_REQUEST_SECONDS = 10;

  /**
   * Requests worked on at once (Core's {@code -rpcthreads} with its {@code -rpcworkqueue}): each
   * may build a large answer (a 1 MB raw block, a long list of coins), and the node's heap is small
   * ({@code -Xmx96m}), so 512 connections may wait for their bodies but only these build answers.
   */
  static final int WORKERS = 16;

  /**
   * How long a request whose body has arrived waits for one of the {@link #WORKERS}; then it is
   * answered 503, as Core answers "Work queue depth exceeded", rather than waiting without end.
   */
  static final long WORK_QUEUE_WAIT_MS = 5_000;

  /**
   * Request-body bytes held at once, by requests whose bodies are being read or wait for a worker.
   * Each connection may send up to {@link HttpBodies#MAX_BODY}: 512 of them at once would be 2.5
   * GiB in a heap of 96 MiB, and the node (not only that request) would run out of memory. A
   * request reserves its declared length (the most, when it declares none) before its body is read;
   * one that finds no room within {@link #WORK_QUEUE_WAIT_MS} is answered 503, as a full work queue
   * is.
   */
  static final int BODY_BUDGET = 24 << 20;

  /** Routes that hold their connection open while mostly waiting (the explorer's event stream). */
  private static final Set<String> LONG_LIVED = Set.of("/explorer/events");

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  static {
    // The JDK server reads its limits from these properties once, when it is first used.
    // Also the limit for a new connection that says nothing (the smaller of this and idleInterval).
    setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    setIfAbsent("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
    setIfAbsent("sun.net.httpserver.idleInterval", "30");
    setIfAbsent("sun.net.httpserver.maxIdleConnections", "64");
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
    // Without this, Nagle's algorithm delays small keep-alive responses by up to 40 ms.
    setIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private final Router router = new Router();
  private final RpcCredentials credentials;
  private final NodeServices node;
  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final Semaphore workers = new Semaphore(WORKERS, true);
  private final Semaphore bodyBytes;

  /**
   * Binds {@code address} (port 0: any free port); {@link #start} begins serving.
   *
   * @throws java.net.BindException if the port is taken
   */
  public ApiServer(
      InetSocketAddress address,
      RpcCredentials credentials,
      NodeServices node,
      List<ApiRoutes> features)
      throws IOException {
    this(address, credentials, node, features, BODY_BUDGET);
  }

  /** As the public constructor, with another {@link #BODY_BUDGET} (tests). */
  ApiServer(
      InetSocketAddress address,
      RpcCredentials credentials,
      NodeServices node,
      List<ApiRoutes> features,
      int bodyBudget)
      throws IOException {
    this.bodyBytes = new Semaphore(bodyBudget);
    this.credentials = credentials;
    this.node = node;
    for (ApiRoutes f : features) {
      f.register(router, node);
    }
    server = HttpServer.create(address, 128);
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            THREADS,
            MAX_CONNECTIONS,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            DROP_WHEN_FULL);
    server.setExecutor(pool);
    server.createContext("/", this::dispatch);
  }

  /**
   * A connection beyond every thread (possible where the JDK does not cap connections, or while one
   * is being closed): its request is not started, rather than the JDK's AbortPolicy throwing into
   * the server's dispatcher. The request deadline then closes the connection, within {@value
   * #MAX_REQUEST_SECONDS} s; the client sees it closed, as with Core's full queue.
   */
  private static final RejectedExecutionHandler DROP_WHEN_FULL =
      (r, executor) -> {
        if (!executor.isShutdown()) {
          LoggerFactory.getLogger(ApiServer.class)
              .warn("HTTP API: every one of {} threads busy, a request dropped", MAX_CONNECTIONS);
        }
      };

  /** The features every node serves: add a feature's {@link ApiRoutes} here. */
  public static List<ApiRoutes> standardRoutes() {
    return List.of(new JsonRpcRoutes(), new EsploraRoutes(), new ExplorerRoutes());
  }

  public void start() {
    server.start();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8000/}. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      serveOrAnswerFailure(ex);
    }
  }

  /** Runs {@link #serve}; its failure is answered here, while the exchange is still open. */
  private void serveOrAnswerFailure(HttpExchange ex) {
    try {
      serve(ex);
    } catch (IOException e) {
      log.debug("HTTP client {} went away: {}", ex.getRemoteAddress(), e.getMessage());
    } catch (RuntimeException | Error e) {
      if (e instanceof RuntimeException r && Blockchain.isStorageFailure(r)) {
        storageFailed(ex, r);
        return;
      }
      // One line that says what went wrong; the stack trace, for whoever debugs minicoin, only at
      // debug level. An Error too (an OutOfMemoryError of one big answer): the request fails, the
      // thread and the node go on, as the memory it held is free again.
      log.error(
          "internal error answering {} {}: {}", ex.getRequestMethod(), path(ex), e.toString());
      log.debug("stack trace of the internal error", e);
      try {
        HttpBodies.send(ex, 500, "text/plain", "internal error\n");
      } catch (IOException | RuntimeException | Error alreadySent) {
        // the response had begun: closing the exchange is all that is left
      }
    }
  }

  private static String path(HttpExchange ex) {
    String path = ex.getRequestURI().getRawPath();
    return path == null ? "" : path;
  }

  private void serve(HttpExchange ex) throws IOException {
    String path = path(ex);
    String method = ex.getRequestMethod();
    Optional<Router.Route> route = router.find(method.equals("HEAD") ? "GET" : method, path);
    if (route.isEmpty()) {
      List<String> allowed = router.methodsFor(path);
      if (allowed.isEmpty()) {
        HttpBodies.send(ex, 404, "text/plain", "not found\n");
      } else {
        ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
        HttpBodies.send(ex, 405, "text/plain", "method not allowed\n");
      }
      return;
    }
    if (route.get().access() == Router.Access.AUTHENTICATED
        && !credentials.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
      // Core answers 401 with an empty body and names the realm.
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"jsonrpc\"");
      HttpBodies.send(ex, 401, "text/plain", new byte[0]);
      return;
    }
    if (LONG_LIVED.contains(route.get().path())) {
      route.get().handler().handle(ex); // mostly waiting: it must not hold a worker's place
      return;
    }
    int reserved = 0;
    if (method.equals("POST")) {
      reserved = HttpBodies.bytesToReserve(ex, HttpBodies.MAX_BODY);
      if (!waitFor(bodyBytes, reserved)) {
        HttpBodies.refuseUnread(
            ex, 503, "the node is busy reading other requests' bodies; try again shortly\n");
        return;
      }
    }
    try {
      if (method.equals("POST")) {
        // The body is read on this connection's own thread, however slowly it comes, before the
        // request waits for a worker's place: a trickling client never holds one.
        byte[] body = HttpBodies.read(ex, HttpBodies.MAX_BODY);
        if (body == null) {
          return; // answered 413
        }
        ex.setStreams(new ByteArrayInputStream(body), null);
      }
      work(ex, route.get());
    } finally {
      bodyBytes.release(reserved);
    }
  }

  /** Body bytes that may still be reserved (tests). */
  int bodyBytesFree() {
    return bodyBytes.availablePermits();
  }

  /** Waits up to {@link #WORK_QUEUE_WAIT_MS} for {@code permits}; false if none came in time. */
  private static boolean waitFor(Semaphore semaphore, int permits) {
    try {
      return semaphore.tryAcquire(permits, WORK_QUEUE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false; // the server is stopping
    }
  }

  /** Builds the answer on one of the {@link #WORKERS}, or answers 503 when none is free in time. */
  private void work(HttpExchange ex, Router.Route route) throws IOException {
    boolean admitted;
    try {
      admitted = workers.tryAcquire(WORK_QUEUE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // the server is stopping
    }
    if (!admitted) {
      // Bitcoin Core's answer when its -rpcworkqueue is full, and its status.
      HttpBodies.send(
          ex,
          503,
          "text/plain",
          "Work queue depth exceeded: the node is busy answering "
              + WORKERS
              + " requests; try again shortly\n");
      return;
    }
    try {
      route.handler().handle(ex);
    } finally {
      workers.release();
    }
  }

  /**
   * The chain file failed under a request (a damaged record, a failed read): the client hears what
   * the node says, and the node stops as it does when the same happens to a peer's request, naming
   * the damage, rather than serving errors, or worse, wrong answers, from a file it cannot trust.
   */
  private void storageFailed(HttpExchange ex, RuntimeException e) {
    try {
      HttpBodies.send(
          ex,
          500,
          "text/plain",
          "the chain file failed: " + e.getMessage() + "; stopping the node\n");
    } catch (IOException | RuntimeException alreadySent) {
      // the response had begun or the client left: stopping the node matters more
    }
    if (node != null && node.node() != null) {
      node.node().storageFailed(e); // logs the one line naming the damage
    } else {
      log.error("the chain file failed: {}", e.getMessage());
    }
  }

  /** Stops serving: requests under way get a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdownNow();
    credentials.close();
  }
}
