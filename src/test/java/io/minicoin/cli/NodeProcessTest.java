package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minicoin.testing.Ports;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo, bench and the tests say when a node process they started does not come up. */
class NodeProcessTest {
  @TempDir Path dir;

  @Test
  void aNodeThatEndsAtOnceIsNamedAsEndedNotAsSlow() throws Exception {
    int id = Ports.free();
    // No chain file in dir: startnode says so and ends with exit code 1.
    NodeProcess node =
        NodeProcess.start(
            dir, id, dir.resolve("node.log"), null, "startnode", "-central", "localhost:" + id);
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> node.awaitLine("listening on", Duration.ofMinutes(2)));
      assertThat(e.getMessage())
          .startsWith("the process ended (exit code 1) before printing 'listening on'")
          .contains("no blockchain yet")
          .doesNotContain("waited");
    } finally {
      node.stop();
    }
  }
}
