package io.minicoin.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached copy of libsecp256k1 taken from ACINQ's real jar: made once, reused untouched while
 * intact, made again when damaged, and never seen half-written by processes starting together.
 */
class NativeLibraryCacheTest {
  @TempDir Path dir;

  private static URL library() throws Exception {
    Class<?> osInfo = Class.forName("fr.acinq.secp256k1.jni.OSInfo");
    String platform = (String) osInfo.getMethod("getNativeSuffix").invoke(null);
    URL url =
        osInfo.getResource(
            "/fr/acinq/secp256k1/jni/native/"
                .concat(platform)
                .concat("/")
                .concat(System.mapLibraryName("secp256k1-jni")));
    assertNotNull(url, "ACINQ's jar has no library for " + platform);
    return url;
  }

  private static byte[] bytesOf(URL url) throws Exception {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  @Test
  void unpacksTheJarsLibraryOnceAndReusesItUntouched() throws Exception {
    URL url = library();
    Path copy = NativeLibraryCache.cachedCopy(url, dir.resolve("native"));
    assertNotNull(copy);
    assertArrayEquals(bytesOf(url), Files.readAllBytes(copy));

    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(copy, old);
    assertEquals(copy, NativeLibraryCache.cachedCopy(url, dir.resolve("native")));
    assertEquals(old, Files.getLastModifiedTime(copy), "an intact copy was written again");
  }

  @Test
  void aDamagedOrTruncatedCopyIsUnpackedAgain() throws Exception {
    URL url = library();
    Path copy = NativeLibraryCache.cachedCopy(url, dir);
    byte[] damaged = Files.readAllBytes(copy);
    damaged[damaged.length / 2] ^= 1; // same size, one bit wrong: only the checksum sees it
    Files.write(copy, damaged);
    assertEquals(copy, NativeLibraryCache.cachedCopy(url, dir));
    assertArrayEquals(bytesOf(url), Files.readAllBytes(copy));

    Files.write(copy, new byte[100]);
    assertEquals(copy, NativeLibraryCache.cachedCopy(url, dir));
    assertArrayEquals(bytesOf(url), Files.readAllBytes(copy));
  }

  @Test
  void commandsStartingTogetherAllGetAWholeCopy() throws Exception {
    URL url = library();
    byte[] expected = bytesOf(url);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Path>> results = new ArrayList<>();
      Callable<Path> task = () -> NativeLibraryCache.cachedCopy(url, dir);
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(task));
      }
      for (Future<Path> result : results) {
        Path copy = result.get();
        assertNotNull(copy);
        assertArrayEquals(expected, Files.readAllBytes(copy));
      }
    } finally {
      pool.shutdown();
    }
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary files were left behind");
    }
  }

  @Test
  void aLibraryOutsideAJarIsLeftToTheBinding() throws Exception {
    Path loose = Files.write(dir.resolve("libsecp256k1-jni.so"), new byte[] {1, 2, 3});
    assertNull(NativeLibraryCache.cachedCopy(loose.toUri().toURL(), dir.resolve("cache")));
  }

  @Test
  void anUnwritableCacheFallsBackToTheBinding() throws Exception {
    Path notADirectory = Files.write(dir.resolve("file"), new byte[] {0});
    assertNull(NativeLibraryCache.cachedCopy(library(), notADirectory.resolve("native")));
  }
}
