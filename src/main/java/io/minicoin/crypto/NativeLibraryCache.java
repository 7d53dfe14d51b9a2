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
 * One unpacked copy of libsecp256k1's native library, kept in the user's cache directory.
 *
 * <p>WHY: a JVM can only load a native library from a file, and ACINQ's binding ships it inside a
 * jar, so on its own it unpacks the library (1.3 MB) into the temp directory on every start, then
 * compares the copy with the jar byte by byte. That costs a short command such as {@code send
 * -mine} tens of milliseconds, and a process that is killed leaves its copy behind. Here the copy
 * is made once per library version and reused: its name carries the size and CRC-32 that the jar
 * records for it, and it is checked against both before each use (a truncated or damaged copy is
 * unpacked again). Several commands may start at once, so a copy is written under a temporary name
 * and renamed into place whole: no process ever loads a half-written file.
 */
final class NativeLibraryCache {
  private NativeLibraryCache() {}

  /**
   * The verified cached copy of the library at {@code resource} (the library's jar entry), unpacked
   * into {@code dir} first if missing or damaged; null when that cannot be done (the library is not
   * in a jar, the directory is not writable...), and the caller falls back to the binding's own
   * unpacking.
   */
  static Path cachedCopy(URL resource, Path dir) {
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
      String name = String.format("%d-%08x-%s", size, crc, fileName(resource));
      Path copy = dir.resolve(name);
      if (isIntact(copy, size, crc)) {
        return copy;
      }
      Files.createDirectories(dir);
      Path temporary = Files.createTempFile(dir, name, ".part");
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
  static Path defaultDir(String platform) {
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
