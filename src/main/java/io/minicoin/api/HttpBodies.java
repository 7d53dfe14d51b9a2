package io.minicoin.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading capped request bodies and writing whole responses, the same way for every route. */
public final class HttpBodies {
  /** The largest request body any route accepts: a 2 MB block's hex is 4 MB, plus JSON framing. */
  public static final int MAX_BODY = 5 << 20;

  private HttpBodies() {}

  /** The request's body if it fits in {@code max} bytes; null if not (413 is then sent). */
  public static byte[] read(HttpExchange ex, int max) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        length = Long.MAX_VALUE;
      }
      if (length > max) {
        tooLarge(ex, max);
        return null;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(max + 1); // chunked bodies carry no length: read one byte over
      if (body.length > max) {
        tooLarge(ex, max);
        return null;
      }
      return body;
    }
  }

  private static void tooLarge(HttpExchange ex, int max) throws IOException {
    // The unread rest of the body would be parsed as the next request: end the connection.
    ex.getResponseHeaders().set("Connection", "close");
    send(ex, 413, "text/plain", "request body larger than " + max + " bytes\n");
  }

  public static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean empty = body.length == 0 || ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }
}
