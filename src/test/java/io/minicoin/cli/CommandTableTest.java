package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Main makes only the command it runs, looked up by name: the names must be the commands'. */
class CommandTableTest {
  @Test
  void everyNameMakesTheCommandOfThatName() {
    Set<String> names = new HashSet<>();
    for (Main.Entry e : Main.COMMANDS) {
      assertThat(names.add(e.name())).as("%s listed once", e.name()).isTrue();
      String made = e.make().getClass().getSimpleName().toLowerCase(Locale.ROOT);
      assertThat(made).isEqualTo(e.name().replace(" ", "") + "command");
    }
  }

  @Test
  void aCommandKeepsWhatItParsedInLocalsNotInFields() {
    for (Main.Entry e : Main.COMMANDS) {
      for (java.lang.reflect.Field f : e.make().getClass().getDeclaredFields()) {
        assertThat(java.lang.reflect.Modifier.isStatic(f.getModifiers()))
            .as("%s.%s is an instance field", e.name(), f.getName())
            .isTrue();
      }
    }
  }

  @Test
  void everyCommandClassIsInTheTable() throws IOException, URISyntaxException {
    Path classes = Path.of(Main.class.getResource("Main.class").toURI()).getParent();
    List<String> listed =
        Main.COMMANDS.stream().map(e -> e.make().getClass().getSimpleName()).toList();
    try (Stream<Path> files = Files.list(classes)) {
      List<String> commands =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith("Command.class") && !f.equals("Command.class"))
              .map(f -> f.substring(0, f.length() - ".class".length()))
              .toList();
      assertThat(commands).hasSizeGreaterThanOrEqualTo(20);
      assertThat(listed).containsExactlyInAnyOrderElementsOf(commands);
    }
  }

  @Test
  void theUsageStillListsEveryCommand() {
    Cli.Run run = Cli.run("-h");
    assertThat(run.exitCode()).isZero();
    for (Main.Entry e : Main.COMMANDS) {
      assertThat(run.out())
          .containsPattern("(?m)^  " + e.name() + "  +" + Pattern.quote(e.header()) + "$");
    }
  }

  @Test
  void aMistypedCommandIsStillMatchedAgainstAllOfThem() {
    Cli.Run run = Cli.run("getblokcount");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("did you mean getblockcount?");
  }
}
