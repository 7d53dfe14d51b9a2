package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LMDB's two native libraries come from the user's cache: the names worked out for each platform
 * are entries of the real jars (lmdbjava's native jar, jffi's), and a process that opens a chain
 * file loads the cached copies, repairs a damaged one, and still works when there is no cache.
 */
class LmdbNativeLibrariesTest {
  @TempDir Path dir;

  @Test
  void theNamesWorkedOutAreTheJarsEntries() {
    ClassLoader loader = getClass().getClassLoader();
    for (String[] platform :
        List.of(
            new String[] {"amd64", "Linux"},
            new String[] {"aarch64", "Linux"},
            new String[] {"x86_64", "Mac OS X"},
            new String[] {"aarch64", "Mac OS X"},
            new String[] {"amd64", "Windows 11"})) {
      String name = LmdbNativeLibraries.embeddedName(platform[0], platform[1]);
      assertThat(name).as("%s %s", platform[0], platform[1]).isNotNull();
      assertThat(loader.getResource(name)).as(name).isNotNull();
    }
    assertThat(LmdbNativeLibraries.embeddedName("amd64", "Linux"))
        .isEqualTo("org/lmdbjava/native/x86_64-linux-gnu.so");
    assertThat(LmdbNativeLibraries.embeddedName("riscv64", "Linux")).isNull();
    assertThat(LmdbNativeLibraries.embeddedName("amd64", "FreeBSD")).isNull();

    assertThat(LmdbNativeLibraries.jffiPlatform("amd64", "Linux")).isEqualTo("x86_64-Linux");
    assertThat(loader.getResource("jni/x86_64-Linux/libjffi-1.2.so")).isNotNull();
    assertThat(LmdbNativeLibraries.jffiPlatform("aarch64", "Linux")).isEqualTo("aarch64-Linux");
    assertThat(loader.getResource("jni/aarch64-Linux/libjffi-1.2.so")).isNotNull();
    assertThat(LmdbNativeLibraries.jffiPlatform("amd64", "Windows 11")).isEqualTo("x86_64-Windows");
    assertThat(loader.getResource("jni/x86_64-Windows/jffi-1.2.dll")).isNotNull();
    assertThat(LmdbNativeLibraries.jffiPlatform("aarch64", "Windows 10"))
        .isEqualTo("aarch64-Windows");
    assertThat(loader.getResource("jni/aarch64-Windows/jffi-1.2.dll")).isNotNull();
    assertThat(LmdbNativeLibraries.jffiPlatform("aarch64", "Mac OS X")).isNull();
  }

  @Test
  void aProcessOpeningAChainFileLoadsTheCachedCopies() throws Exception {
    String here = here();
    assumeTrue(here != null, "no embedded libraries for this platform");
    Path cache = dir.resolve("cache");

    List<String> first = runChild(cache);
    Path jffi = Path.of(value(first, "jffi="));
    Path lmdb = Path.of(value(first, "lmdb="));
    assertThat(jffi).startsWith(cache);
    assertThat(lmdb).startsWith(cache);
    Path jffiLibrary = jffi.resolve(System.mapLibraryName("jffi-1.2"));
    assertThat(Files.readAllBytes(jffiLibrary))
        .isEqualTo(bytesOf("jni/" + jffiPlatform() + "/" + System.mapLibraryName("jffi-1.2")));
    assertThat(Files.readAllBytes(lmdb)).isEqualTo(bytesOf(here));

    // A damaged copy is made again, not loaded.
    Files.write(lmdb, new byte[] {1, 2, 3});
    Files.write(jffiLibrary, new byte[0]);
    List<String> second = runChild(cache);
    assertThat(value(second, "lmdb=")).isEqualTo(lmdb.toString());
    assertThat(Files.readAllBytes(lmdb)).isEqualTo(bytesOf(here));
    assertThat(Files.size(jffiLibrary)).isPositive();
  }

  @Test
  void withoutAUsableCacheTheLibrariesAreUnpackedIntoTheTempDirectory() throws Exception {
    String here = here();
    assumeTrue(here != null, "no embedded libraries for this platform");
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    List<String> out = runChild(notADirectory);
    assertThat(value(out, "jffi=")).as("jffi unpacks its own").isEqualTo("null");
    assertThat(value(out, "lmdb="))
        .as("a copy in the temp directory, removed at exit")
        .startsWith(dir.resolve("tmp").toString());
  }

  /**
   * A cached copy that is intact (the size and CRC-32 its jar records) but that the system will not
   * load, as on a cache directory mounted noexec: were it the only copy tried, every command would
   * fail. Another CPU's library of the same system stands in for it (a real load failure, wherever
   * the test runs); the chain file still opens, through a copy unpacked into the temp directory.
   */
  @Test
  void aCachedCopyThatCannotBeLoadedFallsBackToATemporaryCopy() throws Exception {
    String here = here();
    assumeTrue(here != null, "no embedded libraries for this platform");
    String other =
        here.contains("x86_64")
            ? here.replace("x86_64", "aarch64")
            : here.replace("aarch64", "x86_64");
    assertThat(getClass().getClassLoader().getResource(other)).as(other).isNotNull();
    Path cache = dir.resolve("cache");

    List<String> out = runChild(cache, other);
    assertThat(value(out, "lmdb="))
        .as("a copy in the temp directory, removed at exit")
        .startsWith(dir.resolve("tmp").toString());
    String otherFile = other.substring(other.lastIndexOf('/') + 1);
    try (Stream<Path> files = Files.walk(cache)) {
      List<Path> copies =
          files.filter(f -> f.getFileName().toString().endsWith(otherFile)).toList();
      assertThat(copies).as("the other CPU's copy, made and verified").hasSize(1);
      assertThat(Files.readAllBytes(copies.get(0))).isEqualTo(bytesOf(other));
    }
  }

  private static String here() {
    return LmdbNativeLibraries.embeddedName(
        System.getProperty("os.arch"), System.getProperty("os.name"));
  }

  private static String jffiPlatform() {
    return LmdbNativeLibraries.jffiPlatform(
        System.getProperty("os.arch"), System.getProperty("os.name"));
  }

  private byte[] bytesOf(String resource) throws Exception {
    URL url = getClass().getClassLoader().getResource(resource);
    assertThat(url).as(resource).isNotNull();
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  private static String value(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
  }

  /** A JVM whose cache directory is {@code cache} creates a chain file and writes to it. */
  private List<String> runChild(Path cache, String... lmdbResource) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    Stream.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Duser.home=" + dir.resolve("home"),
            "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
            Child.class.getName(),
            dir.resolve("chain-" + System.nanoTime() + ".db").toString())
        .forEach(command::add);
    command.addAll(List.of(lmdbResource));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as(out).contains("written\n");
    return out.lines().toList();
  }

  /**
   * The child JVM: opens a new chain file, writes and reads one entry, says which libraries. A
   * second argument names the jar entry to cache as LMDB's library instead of this platform's.
   */
  public static final class Child {
    public static void main(String[] args) {
      if (args.length > 1) {
        LmdbNativeLibraries.load(args[1]);
      }
      try (LmdbStore store = LmdbStore.create(Path.of(args[0]))) {
        store.write(
            w -> {
              w.put(Table.META, new byte[] {1}, new byte[] {2});
              return null;
            });
        if (store.read(r -> r.get(Table.META, new byte[] {1}))[0] != 2) {
          throw new AssertionError("read back a different value");
        }
      }
      System.out.println("written");
      System.out.println("jffi=" + System.getProperty(LmdbNativeLibraries.JFFI_BOOT_PATH));
      System.out.println("lmdb=" + LmdbNativeLibraries.loadedFrom());
    }
  }
}
