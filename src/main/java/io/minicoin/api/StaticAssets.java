package io.minicoin.api;

import com.sun.net.httpserver.HttpExchange;
import io.minicoin.crypto.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The explorer's files (HTML, CSS, JavaScript), read once from the jar's {@code explorer/} folder
 * and kept in memory: they are a few tens of kilobytes. Each goes out with an ETag, so a browser
 * moving from page to page asks "still the same?" and gets an empty 304 back.
 */
final class StaticAssets {
  static final List<String> FILES =
      List.of("index.html", "explorer.css", "explorer.js", "i18n.js", "pages.js", "protocol.js");

  @SuppressWarnings("ArrayRecordComponent") // served as loaded, never compared
  private record Asset(byte[] body, String type, String etag) {}

  private final Map<String, Asset> assets = new ConcurrentHashMap<>();

  StaticAssets() {
    for (String f : FILES) {
      byte[] body = load(f);
      String etag = "\"" + HexFormat.of().formatHex(Hashes.sha256d(body), 0, 8) + "\"";
      assets.put(f, new Asset(body, typeOf(f), etag));
    }
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream("/explorer/" + name)) {
      if (in == null) {
        throw new IllegalStateException("explorer/" + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String typeOf(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }

  /** Sends one file, or 404 if there is no such file. */
  void send(HttpExchange ex, String name) throws IOException {
    Asset a = assets.get(name);
    if (a == null) {
      HttpBodies.send(ex, 404, "text/plain; charset=utf-8", "no such file\n");
      return;
    }
    ex.getResponseHeaders().set("ETag", a.etag());
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    // The pages load nothing from elsewhere, and run no script that is not ours.
    ex.getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (a.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    HttpBodies.send(ex, 200, a.type(), a.body());
  }
}
