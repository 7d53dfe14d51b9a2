package io.minicoin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether the jar that runs us is older than the sources it was built from. {@code minicoin.cmd}
 * asks this (by setting {@code -Dminicoin.sources=<project dir>}) because cmd cannot compare file
 * times without starting PowerShell, which would cost a third of a second on every command; the
 * shell launcher asks {@code find -newer} instead.
 */
final class StaleJar {
  /** The exit code that tells the launcher to rebuild and run again (BSD's EX_TEMPFAIL). */
  static final int EXIT_STALE = 75;

  private StaleJar() {}

  /** True if {@code pom.xml} or any file under {@code src/main} is newer than {@code jar}. */
  static boolean isStale(Path projectDir, Path jar) {
    try {
      long built = Files.getLastModifiedTime(jar).toMillis();
      Path pom = projectDir.resolve("pom.xml");
      if (Files.exists(pom) && Files.getLastModifiedTime(pom).toMillis() > built) {
        return true;
      }
      Path sources = projectDir.resolve("src").resolve("main");
      if (!Files.isDirectory(sources)) {
        return false;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        return files.anyMatch(f -> modified(f) > built);
      }
    } catch (IOException | UncheckedIOException e) {
      return false; // cannot tell: run what we have rather than fail
    }
  }

  /** The check for the launcher: true if it asked and the running jar is stale. */
  static boolean launcherAsksAndJarIsStale() {
    String dir = System.getProperty("minicoin.sources");
    if (dir == null) {
      return false;
    }
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) && isStale(Path.of(dir), jar);
    } catch (URISyntaxException | RuntimeException e) {
      return false;
    }
  }

  private static long modified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
