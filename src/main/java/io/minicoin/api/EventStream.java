package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * The live event stream, as Server-Sent Events ({@code GET /explorer/events}): each SSE message
 * carries a JSON array of events in the brief form, and its id is the number of the last one, so a
 * browser that reconnects (EventSource does by itself) sends {@code Last-Event-ID} and continues
 * where it stopped. Events are gathered for {@value #BATCH_MILLIS} ms before a write: a flood of
 * messages becomes a few writes a second, and the page draws each batch at once.
 *
 * <p>A stream holds one of the server's handler threads while it lasts, so at most {@value
 * #MAX_STREAMS} run at once; beyond that the answer is 503 and the page polls {@code
 * /explorer/events.json} instead. A browser that stops reading only blocks its own thread: the node
 * keeps appending to the {@link EventRing}, and when the browser reads again it is told how many
 * events it missed (an {@code event: missed} message).
 */
final class EventStream {
  static final int MAX_STREAMS = 4;
  static final long BATCH_MILLIS = 100;
  static final long KEEPALIVE_MILLIS = 2_000;
  static final int MAX_BATCH = 2_000;

  /**
   * Events a fresh reader gets first, at most: the latest ones, as many as the protocol view keeps
   * on screen, so a page opened on a full ring draws at once rather than wading through thousands.
   */
  static final int BACKLOG = 500;

  private final EventRing ring;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);

  EventStream(EventRing ring) {
    this.ring = ring;
  }

  void stream(HttpExchange ex) throws IOException {
    if (!streams.tryAcquire()) {
      ex.getResponseHeaders().set("Retry-After", "5");
      HttpBodies.send(
          ex,
          503,
          "text/plain; charset=utf-8",
          "too many event streams open (at most "
              + MAX_STREAMS
              + "); poll /explorer/events.json\n");
      return;
    }
    try {
      long cursor = cursor(ex, ex.getRequestHeaders().getFirst("Last-Event-ID"));
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      write(out, "retry: 2000\n\n");
      boolean behind = true; // what the ring already holds goes at once, unbatched
      while (true) {
        if (ring.await(cursor, KEEPALIVE_MILLIS)) {
          if (!behind) {
            Thread.sleep(BATCH_MILLIS); // let a burst gather into one write
          }
          EventRing.Batch b = ring.after(cursor, MAX_BATCH);
          behind = b.events().size() == MAX_BATCH;
          if (b.missed() > 0) {
            write(out, "event: missed\ndata: {\"count\":" + b.missed() + "}\n\n");
          }
          if (!b.events().isEmpty()) {
            cursor = b.events().get(b.events().size() - 1).seq();
            write(out, "id: " + cursor + "\ndata: " + json(b) + "\n\n");
          }
        } else {
          write(out, ": still here\n\n");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    } finally {
      streams.release();
    }
  }

  /** {@code GET /explorer/events.json?after=N}: the same events for a page that polls. */
  void poll(HttpExchange ex) throws IOException {
    long cursor = cursor(ex, null);
    EventRing.Batch b = ring.after(cursor, MAX_BATCH);
    ObjectNode o = RpcJson.object();
    o.put("missed", b.missed());
    o.put("last", b.last());
    o.set("events", array(b));
    HttpBodies.send(ex, 200, "application/json", RpcJson.write(o));
  }

  /**
   * Where a reader starts: after {@code Last-Event-ID} or {@code ?after=} ({@code now}: only events
   * still to come), else at the latest {@value #BACKLOG} the ring holds. A number above anything
   * sent came from before a restart: start over.
   */
  private long cursor(HttpExchange ex, String lastEventId) {
    String v = lastEventId != null ? lastEventId : Query.param(ex, "after");
    if (v == null) {
      return Math.max(0, ring.last() - BACKLOG);
    }
    if (v.equals("now")) {
      return ring.last();
    }
    long after = 0;
    try {
      after = Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      after = 0;
    }
    return after < 0 || after > ring.last() ? 0 : after;
  }

  private static ArrayNode array(EventRing.Batch b) {
    ArrayNode a = RpcJson.array();
    b.events().forEach(n -> a.add(EventJson.brief(n)));
    return a;
  }

  private static String json(EventRing.Batch b) {
    // JSON never contains a raw newline, so the whole array is one SSE data line.
    return new String(RpcJson.write(array(b)), StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
