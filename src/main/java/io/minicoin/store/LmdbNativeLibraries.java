package io.minicoin.store;

import io.minicoin.crypto.NativeLibraryCache;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Points LMDB's binding at cached copies of its two native libraries: LMDB itself (lmdbjava's
 * {@code native} jar) and jffi, the stub through which jnr-ffi calls it.
 *
 * <p>WHY: both ship inside jars, and on their own both unpack their library into the temp directory
 * every time a process opens a chain file: two files written, and for jffi checked with SHA-256, on
 * every command. A verified copy in the user's cache ({@link NativeLibraryCache}) is unpacked once
 * per version and then only read. Whatever fails here (no home directory, a read-only cache, a
 * platform the jars do not name the way we expect, a cached copy the system will not load) changes
 * nothing: the bindings then unpack as they always did. A user who set the bindings' own properties
 * keeps them.
 */
final class LmdbNativeLibraries {
  private LmdbNativeLibraries() {}

  static final String LMDB_LIB = "lmdbjava.native.lib";
  static final String LMDB_EMBEDDED = "lmdbjava.embedded.lib";
  static final String JFFI_BOOT_PATH = "jffi.boot.library.path";

  private static boolean done;

  /** Sets the properties once, before the bindings' classes read them (at the first open). */
  static void useCachedCopies() {
    useCachedCopies(embeddedName(System.getProperty("os.arch"), System.getProperty("os.name")));
  }

  /**
   * As {@link #useCachedCopies()}, with LMDB's library taken from the jar entry {@code
   * lmdbResource} (null: none): tests give another platform's library, a copy that is intact but
   * cannot be loaded here.
   */
  static synchronized void useCachedCopies(String lmdbResource) {
    if (done) {
      return;
    }
    done = true;
    try {
      useCachedJffi();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // jffi unpacks its own copy, as without us
    }
    try {
      useCachedLmdb(lmdbResource);
    } catch (RuntimeException | LinkageError e) {
      // lmdbjava unpacks its own copy, as without us
    }
  }

  /**
   * jffi looks for its stub by its exact file name ({@code libjffi-1.2.so}) in each directory of
   * {@code jffi.boot.library.path} before unpacking it from its jar. Its own loader class must not
   * be touched first (that loads the stub at once), so its platform directory in the jar is worked
   * out here the way jffi does ({@code jni/x86_64-Linux/}, {@code jni/aarch64-Windows/}...), and
   * the stub's version is read from its {@code Version} class (the stub must match the classes).
   */
  private static void useCachedJffi() throws ReflectiveOperationException {
    if (System.getProperty(JFFI_BOOT_PATH) != null) {
      return;
    }
    String platform = jffiPlatform(System.getProperty("os.arch"), System.getProperty("os.name"));
    if (platform == null) {
      return;
    }
    Class<?> version = Class.forName("com.kenai.jffi.Version");
    String library =
        System.mapLibraryName(
            "jffi-"
                + version.getField("MAJOR").getInt(null)
                + "."
                + version.getField("MINOR").getInt(null));
    URL resource = version.getClassLoader().getResource("jni/" + platform + "/" + library);
    Path dir = NativeLibraryCache.defaultDir(platform);
    if (resource == null || dir == null) {
      return;
    }
    Path copy = NativeLibraryCache.cachedCopyKeepingName(resource, dir.resolve("jffi"));
    if (copy != null) {
      System.setProperty(JFFI_BOOT_PATH, copy.getParent().toString());
    }
  }

  /**
   * jffi's name for this platform, as its loader builds it (CPU, a dash, the first word of the
   * system's name), for Linux and Windows on x86-64 and ARM; null elsewhere (macOS's stub has
   * another layout), where jffi unpacks its own.
   */
  static String jffiPlatform(String arch, String os) {
    if (arch == null || os == null) {
      return null;
    }
    String a = arch.toLowerCase(Locale.ROOT);
    String cpu;
    if (a.equals("x86_64") || a.equals("amd64")) {
      cpu = "x86_64";
    } else if (a.equals("aarch64")) {
      cpu = "aarch64";
    } else {
      return null;
    }
    int space = os.indexOf(' ');
    String system = space < 0 ? os : os.substring(0, space);
    return system.equals("Linux") || system.equals("Windows") ? cpu + "-" + system : null;
  }

  /**
   * lmdbjava loads the file {@code lmdbjava.native.lib} names instead of unpacking its embedded
   * library. Its class that chooses the embedded one must not be touched before the property is set
   * (it reads it once), so the name is worked out here the way lmdbjava 0.9 does: {@code
   * org/lmdbjava/native/<arch>-<os>-<toolchain>.<so|dll>}; a name its jar does not hold leaves
   * lmdbjava to choose.
   *
   * <p>lmdbjava then loads only that file and never falls back to its own copy, so the copy is
   * loaded here first: a copy the system refuses (a cache on a {@code noexec} mount, an SELinux
   * label, another platform's file) leaves the property unset, and lmdbjava unpacks its own. The
   * library stays loaded, and lmdbjava's own load of the same file then finds it already mapped (no
   * second copy, no measurable cost).
   */
  private static void useCachedLmdb(String resourceName) {
    if (System.getProperty(LMDB_LIB) != null || System.getProperty(LMDB_EMBEDDED) != null) {
      return;
    }
    if (resourceName == null) {
      return;
    }
    URL resource = LmdbNativeLibraries.class.getClassLoader().getResource(resourceName);
    String platform = resourceName.substring(resourceName.lastIndexOf('/') + 1);
    Path dir = NativeLibraryCache.defaultDir(platform.substring(0, platform.lastIndexOf('.')));
    if (resource == null || dir == null) {
      return;
    }
    Path copy = NativeLibraryCache.cachedCopyKeepingName(resource, dir.resolve("lmdb"));
    if (copy != null) {
      String path = copy.toAbsolutePath().toString();
      System.load(path); // throws when the system will not load it: the property stays unset
      System.setProperty(LMDB_LIB, path);
    }
  }

  /** The jar entry lmdbjava 0.9 loads on this platform, or null for one it has none for. */
  static String embeddedName(String arch, String os) {
    if (arch == null || os == null) {
      return null;
    }
    // lmdbjava compares lower-cased prefixes, in this order.
    String a = arch.toLowerCase(Locale.ROOT);
    String o = os.toLowerCase(Locale.ROOT);
    String cpu;
    if (a.startsWith("aarch64")) {
      cpu = "aarch64";
    } else if (a.startsWith("x86_64") || a.startsWith("amd64")) {
      cpu = "x86_64";
    } else {
      return null;
    }
    String system;
    String toolchain = "gnu";
    String extension = "so";
    if (o.startsWith("linux")) {
      system = "linux";
    } else if (o.startsWith("mac os")) {
      system = "macos";
      toolchain = "none";
    } else if (o.startsWith("windows")) {
      system = "windows";
      extension = "dll";
    } else {
      return null;
    }
    return "org/lmdbjava/native/" + cpu + "-" + system + "-" + toolchain + "." + extension;
  }
}
