package io.minicoin.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one HTTP server (the JDK's {@code com.sun.net.httpserver}: it starts in about 20 ms
 * and adds nothing to the jar). Every request goes through {@link #dispatch}: find the route
 * ({@link Router}), check credentials where the route needs them, run the handler, and turn any
 * failure into a plain 500 without a stack trace, so nothing a client sends can harm the node.
 *
 * <p>Limits, because anyone who can reach the port can send anything: a bounded pool of handler
 * threads with a short queue (beyond it new connections are closed rather than queued without end);
 * request bodies capped ({@link HttpBodies#MAX_BODY}); a request that takes longer than {@value
 * #MAX_REQUEST_SECONDS} s to arrive is cut, so slow or half-open clients cannot hold a thread; idle
 * keep-alive connections are closed after 30 s.
 */
public final class ApiServer implements AutoCloseable {
  /**
   * Handler threads. A request whose body arrives slowly holds one until the request deadline, and
   * an event stream holds one while it lasts, so there are enough for a classroom of browsers and
   * scripts, and few enough to be cheap.
   */
  static final int THREADS = 16;

  static final int QUEUE = 64;
  static final int MAX_REQUEST_SECONDS = 10;

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  static {
    // The JDK server reads its limits from these properties once, when it is first used.
    setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
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
  private final HttpServer server;
  private final ThreadPoolExecutor pool;

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
    this.credentials = credentials;
    for (ApiRoutes f : features) {
      f.register(router, node);
    }
    server = HttpServer.create(address, 128);
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", this::dispatch);
  }

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
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      Optional<Router.Route> route =
          router.find(method.equals("HEAD") ? "GET" : method, path == null ? "" : path);
      if (route.isEmpty()) {
        List<String> allowed = router.methodsFor(path == null ? "" : path);
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
      try {
        route.get().handler().handle(ex);
      } catch (IOException e) {
        log.debug("HTTP client {} went away: {}", ex.getRemoteAddress(), e.getMessage());
      } catch (RuntimeException e) {
        log.error("internal error answering {} {}", method, path, e);
        try {
          HttpBodies.send(ex, 500, "text/plain", "internal error\n");
        } catch (IOException | RuntimeException alreadySent) {
          // the response had begun: closing the exchange is all that is left
        }
      }
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
