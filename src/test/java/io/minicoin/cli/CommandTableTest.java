package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Main builds only the command it runs, looked up by name: the names must be the commands'. */
class CommandTableTest {
  @Test
  void everyCommandIsListedUnderItsOwnName() {
    for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
      assertThat(e.getValue().getAnnotation(Command.class).name()).isEqualTo(e.getKey());
    }
  }

  @Test
  void theUsageStillListsEveryCommand() {
    Cli.Run run = Cli.run("-h");
    assertThat(run.exitCode()).isZero();
    for (String name : Main.COMMANDS.keySet()) {
      assertThat(run.out()).contains(name);
    }
  }

  @Test
  void aMistypedCommandIsStillMatchedAgainstAllOfThem() {
    Cli.Run run = Cli.run("getblokcount");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("did you mean getblockcount?");
  }
}
