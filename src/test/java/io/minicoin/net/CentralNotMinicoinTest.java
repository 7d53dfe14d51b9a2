package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.minicoin.chain.Blockchain;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** -central pointing at something that is not minicoin: the node says so and keeps trying. */
class CentralNotMinicoinTest {
  @TempDir Path dir;

  @Test
  void aCentralThatAnswersHttpIsNamedAndTriedAgain() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(KnownNodes.class);
    logger.addAppender(logs);
    try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server =
          new Thread(
              () -> {
                while (!web.isClosed()) {
                  try (Socket s = web.accept()) {
                    connections.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    out.write(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // Read until the node hangs up. Closing earlier, with the node's version
                    // unread, makes the kernel send a reset that can reach the node before it
                    // reads our answer: it would then see "connection reset", not our HTTP.
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                  } catch (Exception e) {
                    // closed
                  }
                }
              });
      server.setDaemon(true);
      server.start();
      Blockchain chain = newChain(dir.resolve("a.db"));
      try (Node node = start(freePort(), web.getLocalPort(), chain, Optional.empty())) {
        // The warning, then a try after it. Counting two connections alone once let the test end
        // with no warning logged yet (CI, under load): a connection is counted when accepted, not
        // when the node has read the answer and given up on it.
        await("the warning", () -> warnings(logs) >= 1);
        int seen = connections.get();
        await("a try after the warning", () -> connections.get() > seen);
        assertThat(node.isStopping()).isFalse();
      }
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().contains("not minicoin"))
        .hasSize(1) // said once, not at every try
        .first()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("-central", "bad magic"));
  }

  private static long warnings(ListAppender<ILoggingEvent> logs) {
    synchronized (logs) { // the appender appends under its own lock
      return logs.list.stream()
          .filter(e -> e.getFormattedMessage().contains("not minicoin"))
          .count();
    }
  }
}
