package io.minicoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that start a request and never finish it, or connect and say nothing: the server cuts
 * them after its request deadline, and serves everyone else meanwhile or right after.
 */
class SlowClientTest {
  @TempDir static Path dir;
  static ApiTestNode n;

  @BeforeAll
  static void start() throws Exception {
    n = new ApiTestNode(dir);
  }

  @AfterAll
  static void stop() {
    n.close();
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(n.api.address().getAddress(), n.api.address().getPort()));
    s.setSoTimeout((ApiServer.MAX_REQUEST_SECONDS + 20) * 1000);
    return s;
  }

  /** Blocks until the server closes the connection; false if it is still open at the timeout. */
  private static boolean closedByServer(Socket s) throws IOException {
    try (InputStream in = s.getInputStream()) {
      while (in.read() >= 0) {
        // a 408 or similar may come first; what matters is the end
      }
      return true;
    } catch (SocketException reset) {
      return true;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    }
  }

  private static Socket halfSent() throws IOException {
    Socket s = connect();
    s.getOutputStream()
        .write(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"meth"
                .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  @Test
  void halfSentRequestsAreCutAndOthersAreServed() throws Exception {
    // Fewer stalled requests than handler threads: the others are answered meanwhile.
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < ApiServer.THREADS / 2; i++) {
      slow.add(halfSent());
    }
    Socket silent = connect(); // connects and never sends a byte
    assertThat(n.result("getblockcount").intValue()).isZero();
    // More than the handler threads: they are all cut at the request deadline, and then the
    // node answers again.
    for (int i = 0; i < ApiServer.THREADS; i++) {
      slow.add(halfSent());
    }
    long started = System.nanoTime();
    for (Socket s : slow) {
      assertThat(closedByServer(s)).isTrue();
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    // Cut by the request deadline (each socket above would wait 30 s for an end that never came);
    // this bound only rules out some other, much later end, with room for a loaded machine.
    assertThat(seconds).isLessThan(3L * ApiServer.MAX_REQUEST_SECONDS);
    assertThat(closedByServer(silent)).isTrue();
    assertThat(n.result("getblockcount").intValue()).isZero();
  }

  /** A plain GET on a fresh connection; the status line, or what went wrong. */
  private static String get(String path) {
    try (Socket s = connect()) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return answer.isEmpty() ? "closed without an answer" : answer.lines().findFirst().get();
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void farMoreTricklingRequestsThanThreadsAndQueueDoNotDropAnotherRequest() throws Exception {
    // More requests whose bodies trickle in than the 16 threads and 64 queue places this server
    // once had: a request made meanwhile is answered (it was dropped, or cut with the tricklers
    // after waiting in the queue); the tricklers are all cut at the request deadline.
    List<Socket> tricklers = new ArrayList<>();
    java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
    try {
      for (int i = 0; i < ApiServer.THREADS + 84; i++) {
        tricklers.add(halfSent());
      }
      Thread trickle =
          new Thread(
              () -> {
                try {
                  do { // one byte each every 200 ms: the body never completes in time
                    for (Socket s : tricklers) {
                      try {
                        s.getOutputStream().write('x');
                      } catch (IOException cut) {
                        // this one was cut: the others go on
                      }
                    }
                  } while (!over.await(200, java.util.concurrent.TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      assertThat(get("/api/blocks/tip/height")).isEqualTo("HTTP/1.1 200 OK");
      for (Socket s : tricklers) {
        assertThat(closedByServer(s)).isTrue();
      }
    } finally {
      over.countDown();
      for (Socket s : tricklers) {
        s.close();
      }
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnceAndTheNodeServesWhenTheFloodEnds() throws Exception {
    int extra = 300;
    List<java.nio.channels.SocketChannel> flood = new ArrayList<>();
    try {
      for (int i = 0; i < ApiServer.MAX_CONNECTIONS + extra; i++) {
        java.nio.channels.SocketChannel c =
            java.nio.channels.SocketChannel.open(
                new InetSocketAddress(n.api.address().getAddress(), n.api.address().getPort()));
        c.configureBlocking(false);
        flood.add(c);
      }
      // Those beyond the cap see their end at once; the others stay open until the deadline for
      // a connection that says nothing. Without a cap, none would end before that deadline, and
      // then all of them together, the node holding a descriptor for each until then.
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      int ended = 0;
      long deadline = System.nanoTime() + 60_000_000_000L;
      try (java.nio.channels.Selector endings = java.nio.channels.Selector.open()) {
        for (java.nio.channels.SocketChannel c : flood) {
          c.register(endings, java.nio.channels.SelectionKey.OP_READ);
        }
        // Waits for the server's closes (an end of stream makes a channel readable).
        while (ended < extra && System.nanoTime() < deadline) {
          endings.select(1_000);
          for (java.nio.channels.SelectionKey k : endings.selectedKeys()) {
            one.clear();
            if (((java.nio.channels.SocketChannel) k.channel()).read(one) < 0) {
              k.cancel();
              ended++;
            }
          }
          endings.selectedKeys().clear();
        }
      }
      int stillOpenWhenTheExtraEnded = ended >= extra ? flood.size() - ended : -1;
      assertThat(stillOpenWhenTheExtraEnded)
          .as("connections still open when the ones beyond the cap had ended")
          .isGreaterThan(ApiServer.MAX_CONNECTIONS / 2);
    } finally {
      for (java.nio.channels.SocketChannel c : flood) {
        c.close();
      }
    }
    // The flood's connections closed: their slots come free and others are served again.
    String answer = get("/api/blocks/tip/height");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!answer.equals("HTTP/1.1 200 OK") && System.nanoTime() < deadline) {
      answer = get("/api/blocks/tip/height"); // refused while the server still counts them
    }
    assertThat(answer).isEqualTo("HTTP/1.1 200 OK");
  }
}
