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

  /**
   * Beyond this, an oversized body is not even read: the connection is cut after the 413 (the
   * client may then see a reset instead of the answer).
   */
  static final long MAX_DRAIN = 64L << 20;

  /** The request's body if it fits in {@code max} bytes; null if not (413 is then sent). */
  public static byte[] read(HttpExchange ex, int max) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        length = Long.MAX_VALUE;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      if (length > max) {
        tooLarge(ex, in, max);
        return null;
      }
      byte[] body = in.readNBytes(max + 1); // chunked bodies carry no length: read one byte over
      if (body.length > max) {
        tooLarge(ex, in, max);
        return null;
      }
      return body;
    }
  }

  /**
   * Answers 413 after reading and dropping the rest of the body: a server that closes while the
   * client still sends makes the client's system discard our answer and report a reset instead. The
   * request deadline ({@link ApiServer#MAX_REQUEST_SECONDS}) bounds how long this takes.
   */
  private static void tooLarge(HttpExchange ex, InputStream in, int max) throws IOException {
    byte[] sink = new byte[64 << 10];
    long drained = 0;
    int n;
    while (drained < MAX_DRAIN && (n = in.read(sink)) > 0) {
      drained += n;
    }
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
