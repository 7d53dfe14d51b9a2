package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check minicoin.cmd relies on to rebuild a jar older than its sources. */
class StaleJarTest {
  @TempDir Path project;

  private Path file(String name, long secondsAgo) throws Exception {
    Path f = project.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, name);
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    // Directories count too (adding or deleting a source changes its directory), so the ones made
    // here are made old.
    for (Path d = f.getParent(); !d.equals(project); d = d.getParent()) {
      Files.setLastModifiedTime(d, FileTime.from(Instant.now().minusSeconds(1000)));
    }
    return f;
  }

  @Test
  void aJarNewerThanEverySourceIsCurrent() throws Exception {
    file("pom.xml", 300);
    file("src/main/java/io/minicoin/A.java", 200);
    Path jar = file("target/minicoin.jar", 100);
    assertThat(StaleJar.isStale(project, jar)).isFalse();
  }

  @Test
  void aSourceDeepInTheTreeNewerThanTheJarMakesItStale() throws Exception {
    file("pom.xml", 300);
    file("src/main/java/io/minicoin/A.java", 200);
    file("src/main/resources/logback.xml", 50);
    Path jar = file("target/minicoin.jar", 100);
    assertThat(StaleJar.isStale(project, jar)).isTrue();
  }

  @Test
  void aNewerPomMakesItStale() throws Exception {
    file("pom.xml", 50);
    file("src/main/java/io/minicoin/A.java", 200);
    Path jar = file("target/minicoin.jar", 100);
    assertThat(StaleJar.isStale(project, jar)).isTrue();
  }

  @Test
  void aDeletedSourceMakesItStale() throws Exception {
    file("pom.xml", 300);
    Path gone = file("src/main/java/io/minicoin/A.java", 200);
    file("src/main/java/io/minicoin/B.java", 200);
    Path jar = file("target/minicoin.jar", 100);
    Files.delete(gone);
    assertThat(StaleJar.isStale(project, jar)).isTrue();
  }

  @Test
  void testSourcesDoNotCount() throws Exception {
    file("pom.xml", 300);
    file("src/test/java/io/minicoin/ATest.java", 10);
    Path jar = file("target/minicoin.jar", 100);
    assertThat(StaleJar.isStale(project, jar)).isFalse();
  }
}
