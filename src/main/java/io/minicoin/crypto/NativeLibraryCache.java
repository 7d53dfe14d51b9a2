package io.minicoin.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * One unpacked copy of a native library shipped inside a jar, kept in the user's cache directory:
 * libsecp256k1 (ACINQ's binding), and LMDB and jffi (through which {@code store} calls LMDB).
 *
 * <p>WHY: a JVM can only load a native library from a file, and these bindings ship theirs inside
 * jars, so on their own they unpack them into the temp directory on every start (and compare the
 * copy with the jar byte by byte, or leave it behind when the process is killed). That costs every
 * short command milliseconds. Here the copy is made once per library version and reused: its name
 * carries the size and CRC-32 that the jar records for it, and it is checked against both before
 * each use (a truncated or damaged copy is unpacked again). Several commands may start at once, so
 * a copy is written under a temporary name and renamed into place whole: no process ever loads a
 * half-written file.
 */
public final class NativeLibraryCache {
  private NativeLibraryCache() {}

  /**
   * The verified cached copy of the library at {@code resource} (the library's jar entry), unpacked
   * into {@code dir} first if missing or damaged; null when that cannot be done (the library is not
   * in a jar, the directory is not writable...), and the caller falls back to the binding's own
   * unpacking.
   */
  public static Path cachedCopy(URL resource, Path dir) {
    return cachedCopy(resource, dir, false);
  }

  /**
   * As {@link #cachedCopy(URL, Path)}, but the copy keeps the library's own file name, in a
   * directory of {@code dir} named by its size and CRC-32: for loaders that look for their library
   * by its exact name in a directory they are given (jffi's {@code jffi.boot.library.path}).
   */
  public static Path cachedCopyKeepingName(URL resource, Path dir) {
    return cachedCopy(resource, dir, true);
  }

  private static Path cachedCopy(URL resource, Path dir, boolean keepName) {
    try {
      URLConnection connection = resource.openConnection();
      if (!(connection instanceof JarURLConnection jar)) {
        return null;
      }
      ZipEntry entry = jar.getJarEntry();
      long size = entry.getSize();
      long crc = entry.getCrc();
      if (size < 0 || crc < 0) {
        return null;
      }
      // Not String.format: its parser and locale data cost a short command milliseconds.
      String hex = Long.toHexString(crc);
      String version = size + "-" + "00000000".substring(hex.length()) + hex;
      String name = fileName(resource);
      Path copy = keepName ? dir.resolve(version).resolve(name) : dir.resolve(version + "-" + name);
      if (isIntact(copy, size, crc)) {
        return copy;
      }
      Files.createDirectories(copy.getParent());
      Path temporary = Files.createTempFile(copy.getParent(), name, ".part");
      try {
        try (InputStream in = resource.openStream();
            OutputStream out = Files.newOutputStream(temporary)) {
          in.transferTo(out);
        }
        if (!isIntact(temporary, size, crc)) {
          return null;
        }
        moveIntoPlace(temporary, copy);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return isIntact(copy, size, crc) ? copy : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The per-user cache directory for native libraries of this platform: {@code
   * $XDG_CACHE_HOME/minicoin} (or {@code ~/.cache/minicoin}) on Linux, {@code
   * ~/Library/Caches/minicoin} on macOS, {@code %LOCALAPPDATA%\minicoin} on Windows, as other
   * programs there do; null when the home directory is unknown.
   */
  public static Path defaultDir(String platform) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String home = System.getProperty("user.home");
    Path base;
    if (os.startsWith("windows") && System.getenv("LOCALAPPDATA") != null) {
      base = Path.of(System.getenv("LOCALAPPDATA"));
    } else if (home == null || home.isEmpty() || home.equals("?")) {
      return null;
    } else if (os.startsWith("mac")) {
      base = Path.of(home, "Library", "Caches");
    } else {
      String xdg = System.getenv("XDG_CACHE_HOME");
      base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".cache");
    }
    return base.resolve("minicoin").resolve("native").resolve(platform);
  }

  private static String fileName(URL resource) {
    String path = resource.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** True when {@code file} exists with exactly the size and CRC-32 the jar records. */
  static boolean isIntact(Path file, long size, long crc) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != size) {
      return false;
    }
    CRC32 checksum = new CRC32();
    checksum.update(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
    return checksum.getValue() == crc;
  }

  private static void moveIntoPlace(Path temporary, Path copy) throws IOException {
    try {
      Files.move(
          temporary, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // Windows refuses to replace a library another process has loaded; that copy is then a
      // good one written by that process, which the caller checks.
      if (!Files.exists(copy)) {
        throw e;
      }
    }
  }
}
