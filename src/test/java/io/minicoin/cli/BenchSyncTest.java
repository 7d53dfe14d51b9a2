package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** bench sync end to end on a small chain: two real node processes, a real download. */
class BenchSyncTest {
  @Test
  void aFreshNodeDownloadsTheWholeChainAndTheFiguresArePrintedAndKeepKeepsTheRun()
      throws IOException {
    Cli.Run run = Cli.run("bench", "sync", "-blocks", "30", "-txs", "3", "-keep");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.out())
        .contains("built 30 of 30 blocks")
        .contains("fresh node: 30 blocks, 90 payments (90 signatures)")
        .containsPattern("from the first block received to in sync: +[\\d.]+ s +[\\d,]+ blocks/s")
        .containsPattern("from launching its JVM to in sync: +[\\d.]+ s +[\\d,]+ blocks/s")
        .containsPattern("\\d+ signature checks/s")
        .containsPattern("[\\d.]+ MiB peak resident memory");
    // -keep: the run's directory is left as the run left it, and its path is the last line.
    Matcher kept =
        Pattern.compile("kept: (.+) \\(server\\.log, fresh\\.log, the two chain files\\)")
            .matcher(run.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(kept.matches()).as(run.out()).isTrue();
    Path dir = Path.of(kept.group(1));
    try {
      assertThat(dir.resolve("server.log")).content().contains("listening on");
      assertThat(dir.resolve("fresh.log")).content().contains("in sync at height 30,");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".db")))
            .hasSize(2);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void badSizesAreRefusedBeforeAnythingIsBuilt() {
    Cli.Run run = Cli.run("bench", "sync", "-blocks", "0");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USER_ERROR);
    assertThat(run.err()).contains("-blocks must be at least 1");
    assertThat(run.out()).doesNotContain("building");
  }

  @Test
  void logTimesAreSubtractedAcrossMidnight() {
    assertThat(BenchSyncCommand.secondsBetween("23:59:59.500 a", "00:00:01.000 b")).isEqualTo(1.5);
    assertThat(BenchSyncCommand.secondsBetween("10:00:00.000 a", "10:00:02.250 b")).isEqualTo(2.25);
  }
}
