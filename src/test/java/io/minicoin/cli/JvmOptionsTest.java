package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** jvm.options, the one file of JVM flags, read as the launchers' java @argfile reads it. */
class JvmOptionsTest {
  @Test
  void nodesStartedFromTheJarGetTheLaunchersFlagsWithoutComments() {
    assertThat(NodeProcess.jvmOptions())
        .contains(
            "--add-opens=java.base/sun.security.provider=ALL-UNNAMED",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:+UseSerialGC")
        .noneMatch(flag -> flag.contains("#") || flag.isBlank() || flag.contains(" "));
  }

  @Test
  void flagsNewerJdksNeedComeAfterTheFlagThatLetsOlderJdksSkipThem() {
    var flags = NodeProcess.jvmOptions();
    assertThat(flags.indexOf("-XX:+IgnoreUnrecognizedVMOptions"))
        .isLessThan(flags.indexOf("--sun-misc-unsafe-memory-access=allow"));
  }

  @Test
  void shortCommandsGetOnlyTheQuickCompilerAndLongOnesKeepTheOptimizingOne() {
    assertThat(NodeProcess.options("/jvm-short.options"))
        .containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(NodeProcess.javaCommand("getbalance")).contains("-XX:TieredStopAtLevel=1");
    assertThat(NodeProcess.javaCommand("listaddresses")).contains("-XX:TieredStopAtLevel=1");
    assertThat(NodeProcess.javaCommand("send")).doesNotContain("-XX:TieredStopAtLevel=1");
    // A node mines with C2 (its hashing loop is several times faster); one that does not, syncing
    // and serving, spent more CPU compiling with C2 than C2's code saved it.
    assertThat(NodeProcess.javaCommand("startnode")).contains("-XX:TieredStopAtLevel=1");
    assertThat(NodeProcess.javaCommand()).contains("-XX:TieredStopAtLevel=1");
    assertThat(NodeProcess.javaCommand("startnode-miner"))
        .doesNotContain("-XX:TieredStopAtLevel=1");
    assertThat(NodeProcess.launchName(List.of("startnode", "-miner", "1abc")))
        .isEqualTo("startnode-miner");
    assertThat(NodeProcess.launchName(List.of("startnode", "--miner=1abc")))
        .isEqualTo("startnode-miner");
    assertThat(NodeProcess.launchName(List.of("startnode", "-central", "h:1", "-min-txs", "2")))
        .isEqualTo("startnode");
    assertThat(NodeProcess.launchName(List.of("send", "-mine"))).isEqualTo("send");
  }

  @Test
  void bothLaunchersNameTheSameLongCommandsAsTheDemosProcesses() throws IOException {
    String sh = Files.readString(Path.of("minicoin"), StandardCharsets.UTF_8);
    Matcher caseLine =
        Pattern.compile("(?m)^([a-z |-]+)\\) flags=\\(\"@\\$options\"\\) ;;$").matcher(sh);
    assertThat(caseLine.find()).as("the long commands' case in ./minicoin").isTrue();
    assertThat(words(caseLine.group(1).replace('|', ' '))).isEqualTo(NodeProcess.LONG_COMMANDS);

    String cmd = Files.readString(Path.of("minicoin.cmd"), StandardCharsets.UTF_8);
    Matcher forLine = Pattern.compile("(?m)^for %%c in \\(([a-z -]+)\\) do").matcher(cmd);
    assertThat(forLine.find()).as("the long commands' loop in minicoin.cmd").isTrue();
    assertThat(words(forLine.group(1))).isEqualTo(NodeProcess.LONG_COMMANDS);
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).collect(Collectors.toSet());
  }
}
