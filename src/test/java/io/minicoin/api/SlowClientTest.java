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
    assertThat(seconds).isLessThanOrEqualTo(ApiServer.MAX_REQUEST_SECONDS + 5);
    assertThat(closedByServer(silent)).isTrue();
    assertThat(n.result("getblockcount").intValue()).isZero();
  }
}
