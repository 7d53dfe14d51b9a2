package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.testing.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second startnode on a NODE_ID that is running says so, without a stack trace. */
class SecondNodeOnOnePortTest {
  @TempDir Path dir;

  @Test
  void aSecondStartnodeIsToldTheNodeIsAlreadyRunning() throws Exception {
    int id = Ports.free();
    String node = Integer.toString(id);
    Cli.Run created = Cli.run("createwallet", "-node-id", node, "-datadir", dir.toString());
    Matcher m = Pattern.compile("Your new address: (\\S+)").matcher(created.out());
    assertThat(m.find()).isTrue();
    assertThat(
            Cli.run(
                    "createblockchain",
                    "-node-id",
                    node,
                    "-datadir",
                    dir.toString(),
                    "-address",
                    m.group(1),
                    "-bits",
                    "0x207fffff")
                .exitCode())
        .isZero();
    int rpc = Ports.free();
    NodeProcess first =
        NodeProcess.start(
            dir,
            id,
            dir.resolve("first.log"),
            null,
            "startnode",
            "-central",
            "localhost:" + id,
            "-rpcport",
            Integer.toString(rpc));
    try {
      first.awaitLine("listening on", Duration.ofSeconds(60));
      List<String> cmd = NodeProcess.javaCommand();
      cmd.addAll(
          List.of(
              "startnode",
              "-central",
              "localhost:" + id,
              "-rpcport",
              Integer.toString(Ports.free())));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectOutput(dir.resolve("second.out").toFile());
      pb.environment().put("NODE_ID", node);
      Process second = pb.start();
      String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(err).isEqualTo(Main.EXIT_USER_ERROR);
      assertThat(err)
          .contains("cannot listen on localhost:" + id)
          .contains("already running")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    } finally {
      first.stop();
    }
  }
}
