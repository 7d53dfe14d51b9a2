package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
