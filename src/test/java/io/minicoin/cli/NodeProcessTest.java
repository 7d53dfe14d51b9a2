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
  void aRelativeClassPathIsMadeAbsoluteForANodeRunningInItsOwnDirectory() {
    // 'java -jar target/minicoin.jar bench sync' named the jar relative to the user's directory,
    // and its nodes, started in a temporary one, failed with ClassNotFoundException.
    String sep = java.io.File.pathSeparator;
    String cwd = new java.io.File("").getAbsolutePath();
    String root = new java.io.File("/x/b.jar").getAbsolutePath();
    assertThat(NodeProcess.absolute("target/minicoin.jar" + sep + root + sep))
        .isEqualTo(new java.io.File(cwd, "target/minicoin.jar").getAbsolutePath() + sep + root);
  }

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
