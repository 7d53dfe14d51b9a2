package io.minicoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiled classes concatenate strings with StringBuilder calls, not through {@code
 * StringConcatFactory}: the pom's {@code -XDstringConcat=inline} is a hidden javac option, and a
 * misspelt or dropped key is ignored without a word, while every concatenation linked through the
 * factory spins method-handle classes at its first run that no class-data archive keeps (tens of
 * milliseconds of every short command). A class that uses the factory names it in its constant
 * pool, which javac stores as plain ASCII.
 */
class NoStringConcatFactoryTest {
  @Test
  void noCompiledClassLinksConcatenationsThroughTheFactory() throws Exception {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classes).isDirectory();
    byte[] factory = "java/lang/invoke/StringConcatFactory".getBytes(StandardCharsets.US_ASCII);
    List<Path> all;
    try (Stream<Path> files = Files.walk(classes)) {
      all = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    // Guards the test itself: enough classes to hold many concatenations.
    assertThat(all).hasSizeGreaterThan(100);
    assertThat(all).noneMatch(f -> contains(read(f), factory));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException(file.toString(), e);
    }
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
