package io.minicoin.store;

import com.kenai.jffi.Library;
import io.minicoin.crypto.NativeLibraryCache;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads the two native libraries under {@link LmdbNative}: LMDB itself (the C library,
 * from the {@code org.lmdbjava:native} jar) and jffi's JNI stub, through which it is called.
 *
 * <p>WHY cached copies: both ship inside jars, and a JVM loads native code only from a file. Left
 * to themselves they would be unpacked into the temp directory by every process that opens a chain
 * file: two files written (and jffi's checked with SHA-256) on every command. A verified copy in
 * the user's cache ({@link NativeLibraryCache}) is unpacked once per version and then only read.
 * Whatever fails there (no home directory, a read-only cache, a cache on a {@code noexec} mount the
 * system will not load from) falls back to what the libraries did on their own: jffi unpacks its
 * stub, and LMDB is unpacked into the temp directory; on a platform the jar has no build for, a
 * system-wide LMDB ({@code liblmdb}) is used. A user who sets {@code jffi.boot.library.path} or
 * {@code lmdbjava.native.lib} (the LMDB file to load, as with lmdbjava) chooses another copy.
 */
final class LmdbNativeLibraries {
  private LmdbNativeLibraries() {}

  static final String LMDB_LIB = "lmdbjava.native.lib";
  static final String JFFI_BOOT_PATH = "jffi.boot.library.path";

  /** Symbols resolved at first call, and kept to ourselves (no clash with another LMDB). */
  private static final int FLAGS = Library.LAZY | Library.LOCAL;

  /** LMDB, once loaded, and where from (a file, or the system library's name). */
  private static Library loaded;

  private static String loadedFrom;

  /** Loads LMDB (and so jffi), once. */
  static Library load() {
    return load(ownBuild());
  }

  /**
   * As {@link #load()}, with the copy in the cache made from the jar entry {@code cachedResource}:
   * tests give another CPU's build, a copy that is intact but that the system will not load.
   */
  static synchronized Library load(String cachedResource) {
    if (loaded == null) {
      if (failure != null) {
        throw new StoreException(failure);
      }
      try {
        loaded = find(cachedResource);
      } catch (StoreException e) {
        failure = e.getMessage();
        throw e;
      } catch (RuntimeException | LinkageError e) { // jffi's own stub would not load
        failure =
            "cannot load the native libraries LMDB is called through (jffi's stub, then LMDB): "
                + e;
        throw new StoreException(failure, e);
      }
    }
    return loaded;
  }

  /** Why loading failed, said again at every later try. */
  private static String failure;

  private static Library find(String cachedResource) {
    try {
      useCachedJffi();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // jffi unpacks its own copy, as without us
    }
    String chosen = System.getProperty(LMDB_LIB);
    if (chosen != null) {
      return open(chosen, "the file " + LMDB_LIB + " names");
    }
    URL cacheFrom = resource(cachedResource);
    if (cacheFrom != null) {
      Library cached = openIfLoadable(cachedCopy(cachedResource, cacheFrom));
      if (cached != null) {
        return cached;
      }
    }
    URL own = resource(ownBuild());
    if (own != null) {
      Library unpacked = openIfLoadable(temporaryCopy(own));
      if (unpacked != null) {
        return unpacked;
      }
    }
    // No build of ours loads here: a system-wide LMDB, by the names its packages give it (the
    // versioned name is there without the development package).
    String plain = System.mapLibraryName("lmdb");
    String why = null;
    for (String name : List.of(plain, "liblmdb.so.0", "liblmdb.0.dylib")) {
      Library system = Library.openLibrary(name, FLAGS);
      if (system != null) {
        loadedFrom = name;
        return system;
      }
      why = why == null ? Library.getLastError() : why;
    }
    throw new StoreException(
        "cannot load LMDB's native library (no build for " + platformName() + " loads): " + why);
  }

  private static String ownBuild() {
    return embeddedName(System.getProperty("os.arch"), System.getProperty("os.name"));
  }

  private static URL resource(String name) {
    return name == null ? null : LmdbNativeLibraries.class.getClassLoader().getResource(name);
  }

  /** Where LMDB was loaded from, or null before it was. */
  static synchronized String loadedFrom() {
    return loadedFrom;
  }

  private static Library openIfLoadable(Path file) {
    if (file == null) {
      return null;
    }
    Library library = Library.openLibrary(file.toAbsolutePath().toString(), FLAGS);
    if (library != null) {
      loadedFrom = file.toAbsolutePath().toString();
    }
    return library;
  }

  private static Library open(String name, String what) {
    Library library = Library.openLibrary(name, FLAGS);
    if (library == null) {
      throw new StoreException(
          "cannot load LMDB's native library (" + what + "): " + Library.getLastError());
    }
    loadedFrom = name;
    return library;
  }

  private static String platformName() {
    return System.getProperty("os.name") + " on " + System.getProperty("os.arch");
  }

  /** The verified copy in the user's cache, or null. */
  private static Path cachedCopy(String resourceName, URL resource) {
    String file = resourceName.substring(resourceName.lastIndexOf('/') + 1);
    Path dir = NativeLibraryCache.defaultDir(file.substring(0, file.lastIndexOf('.')));
    return dir == null
        ? null
        : NativeLibraryCache.cachedCopyKeepingName(resource, dir.resolve("lmdb"));
  }

  /**
   * A copy in the temp directory, removed when the JVM ends (where the system lets a loaded library
   * be removed): what lmdbjava did on every start, here only when the cache cannot be used.
   */
  private static Path temporaryCopy(URL resource) {
    try {
      String name = resource.getPath().substring(resource.getPath().lastIndexOf('/') + 1);
      Path copy = Files.createTempFile("minicoin-lmdb-", "-" + name);
      copy.toFile().deleteOnExit();
      try (InputStream in = resource.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException | RuntimeException e) {
      return null;
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
   * The jar entry of LMDB's build for this platform in {@code org.lmdbjava:native} (named as
   * lmdbjava 0.9 names them), or null for one it has none for.
   */
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
