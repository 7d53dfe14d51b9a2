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
        await("a second try", () -> connections.get() >= 2);
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
}
