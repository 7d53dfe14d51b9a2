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

  /**
   * The bytes {@link #read} will hold for this request's body: its declared length, {@code max}
   * when it declares none (a chunked body), none when it declares more than {@code max} (refused
   * unread).
   */
  public static int bytesToReserve(HttpExchange ex, int max) {
    long length = declaredLength(ex);
    return length < 0 ? max : length > max ? 0 : (int) length;
  }

  /** The Content-Length, -1 if none, {@link Long#MAX_VALUE} if it is not a number. */
  private static long declaredLength(HttpExchange ex) {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(declared.strip());
      return length < 0 ? Long.MAX_VALUE : length;
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The request's body if it fits in {@code max} bytes; null if not (413 is then sent). */
  public static byte[] read(HttpExchange ex, int max) throws IOException {
    long length = declaredLength(ex);
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

  private static void tooLarge(HttpExchange ex, InputStream in, int max) throws IOException {
    refuse(ex, in, 413, "request body larger than " + max + " bytes\n");
  }

  /**
   * Answers {@code status} to a request whose body is not wanted, after reading and dropping the
   * body (without keeping it), and closes the connection: a server that closes while the client
   * still sends makes the client's system discard our answer and report a reset instead. The
   * request deadline ({@link ApiServer#MAX_REQUEST_SECONDS}) bounds how long this takes.
   */
  public static void refuseUnread(HttpExchange ex, int status, String message) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      refuse(ex, in, status, message);
    }
  }

  private static void refuse(HttpExchange ex, InputStream in, int status, String message)
      throws IOException {
    byte[] sink = new byte[64 << 10];
    long drained = 0;
    int n;
    while (drained < MAX_DRAIN && (n = in.read(sink)) > 0) {
      drained += n;
    }
    ex.getResponseHeaders().set("Connection", "close");
    send(ex, status, "text/plain", message);
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
