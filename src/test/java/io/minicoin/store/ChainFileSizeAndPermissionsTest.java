package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain file has no size limit of its own (its map starts small and grows as it fills), and a
 * file or directory this user may not write is reported as a permission problem.
 */
class ChainFileSizeAndPermissionsTest {
  @TempDir Path dir;

  private static byte[] key(int i) {
    return new byte[] {(byte) (i >> 24), (byte) (i >> 16), (byte) (i >> 8), (byte) i};
  }

  @Test
  void theMapGrowsWhenItFillsInManyTransactionsAndInOne() {
    Path file = dir.resolve("big.db");
    byte[] value = new byte[64 * 1024];
    Arrays.fill(value, (byte) 7);
    int many = (int) (3 * LmdbEnvironment.INITIAL_MAP_SIZE / value.length); // three initial maps
    try (LmdbStore store = LmdbStore.create(file)) {
      assertThat(store.mapSize()).isEqualTo(LmdbEnvironment.INITIAL_MAP_SIZE);
      for (int i = 0; i < many; i++) {
        int k = i;
        store.writeAll(w -> w.put(Table.BLOCKS, key(k), value));
      }
      // One transaction larger than the map it starts in: discarded, the map grown, run again.
      store.writeAll(
          w -> {
            for (int i = many; i < 2 * many; i++) {
              w.put(Table.BLOCKS, key(i), value);
            }
          });
      assertThat(store.mapSize()).isGreaterThanOrEqualTo(2L * many * value.length);
    }
    try (LmdbStore store = LmdbStore.open(file)) {
      for (int i : List.of(0, many - 1, many, 2 * many - 1)) {
        byte[] got = store.read(r -> r.get(Table.BLOCKS, key(i)));
        assertThat(got).isEqualTo(value);
      }
    }
  }

  /**
   * A transaction whose every put fits the map, but whose commit does not: committing also writes
   * the list of pages the transaction freed, and LMDB refuses with MDB_MAP_FULL there. LMDB has
   * already freed the transaction then; the write must grow the map and run the work again, not
   * abort the freed transaction (a double free) or give up.
   */
  @Test
  void aMapThatFillsAtCommitIsGrownAndTheWriteRunAgain() {
    byte[] value = new byte[4000]; // one overflow page each on 4 KiB pages
    // How many such values fit in one transaction of a new file: the put after them fails.
    int fit;
    try (LmdbStore probe = LmdbStore.create(dir.resolve("probe.db"))) {
      int[] puts = {0};
      AtomicInteger attempts = new AtomicInteger();
      probe.writeAll(
          w -> {
            if (attempts.incrementAndGet() == 1) {
              for (int i = 0; i < Integer.MAX_VALUE; i++) {
                w.put(Table.BLOCKS, key(i), value);
                puts[0] = i + 1;
              }
            }
          });
      fit = puts[0];
    }
    // That many, or a few fewer, fill the map to its last page; the commit then needs one more.
    for (int n = fit; n > fit - 16; n--) {
      int count = n;
      AtomicInteger attempts = new AtomicInteger();
      AtomicInteger ranToTheEnd = new AtomicInteger();
      Path file = dir.resolve("full-at-commit-" + n + ".db");
      try (LmdbStore store = LmdbStore.create(file)) {
        store.writeAll(
            w -> {
              attempts.incrementAndGet();
              for (int i = 0; i < count; i++) {
                w.put(Table.BLOCKS, key(i), value);
              }
              ranToTheEnd.incrementAndGet();
            });
        if (ranToTheEnd.get() < 2) {
          continue; // the commit fitted: try one value fewer
        }
        // Every put of the first run fitted, so it was the commit that found the map full.
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(store.mapSize()).isEqualTo(2 * LmdbEnvironment.INITIAL_MAP_SIZE);
        store.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
      }
      try (LmdbStore store = LmdbStore.open(file)) {
        byte[] last = store.read(r -> r.get(Table.BLOCKS, key(count - 1)));
        byte[] after = store.read(r -> r.get(Table.META, new byte[] {1}));
        assertThat(last).isEqualTo(value);
        assertThat(after).containsExactly(2);
      }
      return;
    }
    throw new AssertionError(
        "no transaction of " + (fit - 15) + " to " + fit + " values found the map full at commit");
  }

  @Test
  void aNewFileStartsSmall() throws IOException {
    try (LmdbStore store = LmdbStore.create(dir.resolve("small.db"))) {
      store.writeAll(w -> w.put(Table.META, key(1), key(2)));
      // On Windows LMDB makes the file as large as its map.
      assertThat(store.mapSize()).isLessThanOrEqualTo(16L << 20);
    }
    assertThat(Files.size(dir.resolve("small.db"))).isLessThan(LmdbEnvironment.INITIAL_MAP_SIZE);
  }

  /**
   * Makes {@code path} unwritable for this process: by its mode, or, for root (whom modes do not
   * stop), with the immutable attribute; returns how to undo it, or null if neither works here.
   */
  private static Runnable makeReadOnly(Path path) throws Exception {
    boolean isDir = Files.isDirectory(path);
    String before = isDir ? "rwx------" : "rw-------";
    Files.setPosixFilePermissions(
        path,
        java.nio.file.attribute.PosixFilePermissions.fromString(isDir ? "r-x------" : "r--------"));
    Runnable restoreMode =
        () -> {
          try {
            Files.setPosixFilePermissions(
                path, java.nio.file.attribute.PosixFilePermissions.fromString(before));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    if (!Files.isWritable(path)) {
      return restoreMode;
    }
    Process p = new ProcessBuilder("chattr", "+i", path.toString()).start();
    if (p.waitFor() != 0 || (Files.isWritable(path) && canAppend(path, isDir))) {
      restoreMode.run();
      return null;
    }
    return () -> {
      try {
        new ProcessBuilder("chattr", "-i", path.toString()).start().waitFor();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      restoreMode.run();
    };
  }

  private static boolean canAppend(Path path, boolean isDir) {
    try {
      if (isDir) {
        Files.delete(Files.createTempFile(path, "probe", ""));
      } else {
        Files.write(path, new byte[0], java.nio.file.StandardOpenOption.APPEND);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Path chainWithoutLockFile() throws IOException {
    Path file = dir.resolve("blockchain_3000.db");
    try (ChainStore store = ChainStore.create(file)) {
      store.writeAll(w -> w.initialize(io.minicoin.crypto.Sha256Hash.ZERO));
    }
    Files.deleteIfExists(dir.resolve("blockchain_3000.db-lock"));
    return file;
  }

  @Test
  void aReadOnlyChainFileIsAPermissionProblem() throws Exception {
    Path file = chainWithoutLockFile();
    Runnable undo = makeReadOnly(file);
    org.junit.jupiter.api.Assumptions.assumeTrue(undo != null, "cannot make a file read-only");
    try {
      assertThatThrownBy(() -> ChainStore.open(file))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("permission denied: ")
          .hasMessageContaining(file.toString())
          .hasMessageNotContaining("corrupt");
    } finally {
      undo.run();
    }
  }

  @Test
  void aReadOnlyDirectoryIsAPermissionProblem() throws Exception {
    Path file = chainWithoutLockFile();
    Runnable undo = makeReadOnly(dir);
    org.junit.jupiter.api.Assumptions.assumeTrue(undo != null, "cannot make a directory read-only");
    try {
      assertThatThrownBy(() -> ChainStore.open(file))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("permission denied: ")
          .hasMessageContaining("blockchain_3000.db-lock")
          .hasMessageNotContaining("corrupt");
    } finally {
      undo.run();
    }
  }
}
