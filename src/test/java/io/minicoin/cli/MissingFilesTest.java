package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file or directory that is not there is named, with what to do, and nothing is made. */
class MissingFilesTest {
  @TempDir Path dir;

  @Test
  void listaddressesWithoutAWalletSaysThereIsNone() throws Exception {
    Cli.Run run = Cli.run("listaddresses", "-node-id", "3000", "-datadir", dir.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .startsWith("error: ")
        .contains("wallet_3000.dat")
        .contains("does not exist")
        .contains("createwallet");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aMissingDataDirectoryIsNamedForEveryCommand() {
    Path missing = dir.resolve("nowhere");
    for (String command : new String[] {"createwallet", "listaddresses", "reindexutxo"}) {
      Cli.Run run = Cli.run(command, "-node-id", "3000", "-datadir", missing.toString());
      assertThat(run.exitCode()).as(command).isNotZero();
      assertThat(run.err())
          .as(command)
          .startsWith("error: data directory " + missing + " does not exist")
          .doesNotContain(".tmp");
    }
    assertThat(missing).doesNotExist();
  }
}
