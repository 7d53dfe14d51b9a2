package io.minicoin.api;

import com.sun.net.httpserver.HttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which handler serves a request: the route whose path matches, the longest first. A path ending in
 * {@code *} matches everything that starts with what comes before it ({@code /api/*}); any other
 * path matches exactly. The JDK's server matches contexts by prefix only and without the method,
 * which cannot tell {@code POST /} (JSON-RPC) from {@code GET /} (the explorer), hence this table.
 */
public final class Router {
  /** Whether a route needs the RPC credentials (HTTP Basic auth), as Core's RPC does. */
  public enum Access {
    OPEN,
    AUTHENTICATED
  }

  record Route(String method, String path, Access access, HttpHandler handler) {
    boolean isPrefix() {
      return path.endsWith("*");
    }

    boolean matches(String requestPath) {
      return isPrefix()
          ? requestPath.startsWith(path.substring(0, path.length() - 1))
          : requestPath.equals(path);
    }

    int specificity() {
      // An exact path beats a prefix of the same length.
      return isPrefix() ? 2 * (path.length() - 1) : 2 * path.length() + 1;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  public void get(String path, Access access, HttpHandler handler) {
    add("GET", path, access, handler);
  }

  public void post(String path, Access access, HttpHandler handler) {
    add("POST", path, access, handler);
  }

  public synchronized void add(String method, String path, Access access, HttpHandler handler) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with '/': " + path);
    }
    for (Route r : routes) {
      if (r.method.equals(method) && r.path.equals(path)) {
        throw new IllegalStateException(method + " " + path + " is registered twice");
      }
    }
    routes.add(new Route(method, path, access, handler));
  }

  /** The best route for this path and method, if any route has the path. */
  synchronized Optional<Route> find(String method, String path) {
    Route best = null;
    for (Route r : routes) {
      if (r.method.equals(method)
          && r.matches(path)
          && (best == null || r.specificity() > best.specificity())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The methods some route serves at this path: for 405's Allow header. */
  synchronized List<String> methodsFor(String path) {
    return routes.stream().filter(r -> r.matches(path)).map(Route::method).distinct().toList();
  }
}
