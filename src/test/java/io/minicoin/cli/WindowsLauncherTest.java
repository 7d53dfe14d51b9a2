package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of minicoin.cmd without Windows: how cmd would parse its background lines,
 * and that its class-data archives are named by the build's stamp, not by the jar's size.
 */
class WindowsLauncherTest {
  private static String cmd() throws IOException {
    return Files.readString(Path.of("minicoin.cmd"), StandardCharsets.UTF_8);
  }

  private static List<String> startLines() throws IOException {
    return cmd().lines().filter(l -> l.startsWith("start ")).toList();
  }

  /**
   * cmd parses a line before it runs it, tracking quotes: a character it sees outside quotes and
   * that is one of {@code & | < > ^} splits or redirects the line. In {@code start "" /b cmd /c
   * ""a" "b" >nul"} the quotes pair up so that the operators meant for the background cmd are
   * inside quotes and the paths between them outside: so no path may be written there as %NAME%
   * (its value would be parsed as part of the line), only as !NAME!, which the background cmd
   * (/v:on) expands after parsing.
   */
  @Test
  void backgroundLinesHoldNoPathTheForegroundCmdWouldParse() throws IOException {
    List<String> lines = startLines();
    assertThat(lines).as("the CDS and AOT background lines").hasSize(2);
    for (String line : lines) {
      assertThat(line).as(line).doesNotContain("%").contains(" cmd /d /v:on /c \"");
      StringBuilder outside = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted) {
          outside.append(c);
        }
      }
      assertThat(quoted).as("quotes pair up in %s", line).isFalse();
      assertThat(outside.toString())
          .as("what the foreground cmd parses outside quotes in %s", line)
          .matches("[A-Za-z0-9 /!@=:._-]*");
      // ...and the background cmd, once /c has taken the first and last quote off, sees every
      // path inside quotes and the operators outside them.
      String inner = line.substring(line.indexOf("/c \"") + 4, line.length() - 1);
      Matcher variable = Pattern.compile("!([A-Z_]+)!").matcher(inner);
      while (variable.find()) {
        assertThat(quotedAt(inner, variable.start()))
            .as("%s inside quotes in the background cmd", variable.group())
            .isTrue();
      }
      for (String operator : List.of(" && ", " & ", ">nul")) {
        int at = inner.indexOf(operator);
        if (at >= 0) {
          assertThat(quotedAt(inner, at)).as("'%s' outside quotes", operator).isFalse();
        }
      }
    }
  }

  private static boolean quotedAt(String text, int index) {
    boolean quoted = false;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '"') {
        quoted = !quoted;
      }
    }
    return quoted;
  }

  @Test
  void archivesAreNamedByTheStampEveryBuildWritesNotByTheJarsSize() throws IOException {
    String cmd = cmd();
    assertThat(cmd).doesNotContain("%%~z").doesNotContain("JARSIZE");
    assertThat(cmd)
        .contains("set /p BUILD_ID=<\"%TARGET%\\build-id\"")
        .contains("set \"CACHE=%TARGET%\\cds\\%NAME%-jdk%MAJOR%-%BUILD_ID%.%EXT%\"");
    // The stamp is the build's time to the millisecond, written by every package.
    assertThat(Files.readString(Path.of("src/build/build-id"), StandardCharsets.UTF_8))
        .isEqualTo("${minicoin.build.id}");
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    assertThat(pom)
        .contains("<maven.build.timestamp.format>yyyyMMddHHmmssSSS</maven.build.timestamp.format>")
        .contains("<minicoin.build.id>${maven.build.timestamp}</minicoin.build.id>")
        .contains("<include>build-id</include>");
  }
}
