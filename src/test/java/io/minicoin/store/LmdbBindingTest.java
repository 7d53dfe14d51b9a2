package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * Our LMDB binding ({@link LmdbNative}, {@link LmdbTransaction}) against lmdbjava, an independent
 * binding of the same library: what one writes the other reads back byte for byte (keys of LMDB's
 * smallest and largest sizes; empty values, values of a page and values spilling over many pages),
 * in the same order; and the binding's edges: a key LMDB cannot take, LMDB's own words for what is
 * wrong, and a map another process grew.
 */
class LmdbBindingTest {
  @TempDir Path dir;

  private static final HexFormat HEX = HexFormat.of();

  /** Keys (hex) to values of every size class, seeded so a failure repeats. */
  private static Map<String, byte[]> entries(int seed) {
    Random random = new Random(seed);
    Map<String, byte[]> entries = new TreeMap<>();
    int[] keySizes = {1, 2, 32, 36, 511};
    int[] valueSizes = {0, 1, 80, 4096, 300_000};
    for (int i = 0; i < 40; i++) {
      byte[] key = new byte[keySizes[i % keySizes.length]];
      random.nextBytes(key);
      byte[] value = new byte[valueSizes[(i / keySizes.length) % valueSizes.length]];
      random.nextBytes(value);
      entries.put(HEX.formatHex(key), value);
    }
    return entries;
  }

  private static byte[] get(LmdbStore store, Table table, byte[] key) {
    return store.read(r -> r.get(table, key));
  }

  private static Env<byte[]> lmdbjava(Path file) {
    return Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(256L << 20)
        .setMaxDbs(Table.values().length)
        .open(file.toFile(), EnvFlags.MDB_NOSUBDIR);
  }

  @Test
  void whatOurBindingWritesLmdbjavaReadsBackInTheSameOrder() {
    Path file = dir.resolve("ours.db");
    Map<String, byte[]> expected = entries(1);
    try (LmdbStore store = LmdbStore.create(file)) {
      store.writeAll(
          w -> {
            w.put(Table.UTXO, HEX.parseHex("ff"), new byte[] {9});
            expected.forEach((k, v) -> w.put(Table.UTXO, HEX.parseHex(k), v));
            w.delete(Table.UTXO, HEX.parseHex("ff"));
            w.delete(Table.UTXO, HEX.parseHex("fe")); // not there: nothing changes
          });
    }

    Map<String, byte[]> read = new TreeMap<>();
    List<String> order = new ArrayList<>();
    try (Env<byte[]> env = lmdbjava(file);
        Txn<byte[]> txn = env.txnRead()) {
      Dbi<byte[]> utxo =
          env.openDbi(txn, Table.UTXO.dbName().getBytes(StandardCharsets.UTF_8), null, false);
      try (CursorIterable<byte[]> it = utxo.iterate(txn)) {
        for (CursorIterable.KeyVal<byte[]> kv : it) {
          read.put(HEX.formatHex(kv.key()), kv.val());
          order.add(HEX.formatHex(kv.key()));
        }
      }
    }
    assertThat(read.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((k, v) -> assertThat(read.get(k)).as(k).isEqualTo(v));
    assertThat(order).as("LMDB's key order: bytes compared unsigned").isSorted();
  }

  @Test
  void whatLmdbjavaWritesOurBindingReadsAndScans() {
    Path file = dir.resolve("theirs.db");
    LmdbStore.create(file).close(); // our tables, empty
    Map<String, byte[]> expected = entries(2);
    try (Env<byte[]> env = lmdbjava(file);
        Txn<byte[]> txn = env.txnWrite()) {
      Dbi<byte[]> spends =
          env.openDbi(txn, Table.SPENDS.dbName().getBytes(StandardCharsets.UTF_8), null, false);
      expected.forEach((k, v) -> spends.put(txn, HEX.parseHex(k), v));
      txn.commit();
    }

    try (LmdbStore store = LmdbStore.open(file)) {
      expected.forEach(
          (k, v) -> assertThat(get(store, Table.SPENDS, HEX.parseHex(k))).as(k).isEqualTo(v));
      assertThat(get(store, Table.SPENDS, HEX.parseHex("00"))).isNull();

      List<String> all = new ArrayList<>();
      store.read(
          r -> {
            r.scan(Table.SPENDS, new byte[0], (k, v) -> all.add(HEX.formatHex(k)));
            return null;
          });
      assertThat(all).containsExactlyElementsOf(expected.keySet());

      // From the middle, within one first byte: the page of a longer list.
      String middle = all.get(all.size() / 2);
      byte[] prefix = HEX.parseHex(middle.substring(0, 2));
      List<String> page = new ArrayList<>();
      store.read(
          r -> {
            r.scan(
                Table.SPENDS,
                prefix,
                HEX.parseHex(middle),
                (k, v) -> {
                  assertThat(v).isEqualTo(expected.get(HEX.formatHex(k)));
                  return page.add(HEX.formatHex(k));
                });
            return null;
          });
      assertThat(page)
          .containsExactlyElementsOf(
              all.stream()
                  .filter(k -> k.startsWith(middle.substring(0, 2)) && k.compareTo(middle) >= 0)
                  .toList());
      assertThat(page).isNotEmpty().startsWith(middle);
    }
  }

  @Test
  void aKeyLongerThanLmdbTakesIsRefusedAndTheTransactionDiscarded() {
    try (LmdbStore store = LmdbStore.create(dir.resolve("long.db"))) {
      assertThatThrownBy(
              () ->
                  store.writeAll(
                      w -> {
                        w.put(Table.META, new byte[] {1}, new byte[] {2});
                        w.put(Table.META, new byte[512], new byte[] {3});
                      }))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("512 bytes")
          .hasMessageContaining("511");
      assertThat(get(store, Table.META, new byte[] {1})).isNull();
    }
  }

  /**
   * A reader kept past its read, or a writer handed to another thread, is refused: LMDB would work
   * on a freed transaction (the JVM died of a corrupted heap) or on another thread's write.
   */
  @Test
  void aTransactionUsedAfterItEndedOrFromAnotherThreadIsRefused() throws Exception {
    try (LmdbStore store = LmdbStore.create(dir.resolve("escaped.db"))) {
      store.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
      KeyValueStore.Reader escaped = store.read(r -> r);
      for (int i = 0; i < 100; i++) { // the freed memory is soon someone else's
        assertThat(get(store, Table.META, new byte[] {1})).containsExactly(2);
      }
      assertThatThrownBy(() -> escaped.get(Table.META, new byte[] {1}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("after it ended");

      assertThatThrownBy(
              () ->
                  store.writeAll(
                      w -> {
                        w.put(Table.META, new byte[] {3}, new byte[] {4});
                        CompletableFuture.runAsync(
                                () -> w.put(Table.META, new byte[] {5}, new byte[] {6}))
                            .join();
                      }))
          .hasRootCauseInstanceOf(IllegalStateException.class)
          .hasStackTraceContaining("used by");
      assertThat(get(store, Table.META, new byte[] {3})).as("discarded whole").isNull();
      assertThat(get(store, Table.META, new byte[] {5})).isNull();
    }
  }

  /** As lmdbjava made them, read and write for the group too, unless the umask takes it away. */
  @Test
  void theFileAndItsLockFileAreWritableByTheGroupUnlessTheUmaskSaysNo() throws Exception {
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    try (LmdbStore store = LmdbStore.create(dir.resolve("mode.db"))) {
      store.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
    }
    Path plain = Files.createFile(dir.resolve("plain")); // 0666 less the umask
    boolean groupMayWrite =
        Files.getPosixFilePermissions(plain).contains(PosixFilePermission.GROUP_WRITE);
    for (String name : List.of("mode.db", "mode.db-lock")) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir.resolve(name));
      assertThat(mode.contains(PosixFilePermission.GROUP_WRITE)).as(name).isEqualTo(groupMayWrite);
      assertThat(mode).as(name).contains(PosixFilePermission.GROUP_READ);
      assertThat(mode).as(name).doesNotContain(PosixFilePermission.OTHERS_WRITE);
    }
  }

  /**
   * The map cannot grow (the process's address space is limited, as by ulimit -v): the write is
   * refused, and every later transaction too, with what to do; before, the next one read the map
   * LMDB had let go of, and the JVM died.
   */
  @Test
  void aMapThatCouldNotGrowRefusesEveryLaterTransactionInsteadOfCrashing() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "setrlimit of glibc");
    List<String> out = child(FailedGrowth.class, dir.resolve("limited.db").toString());
    assertThat(out)
        .anyMatch(l -> l.startsWith("write refused: ") && l.contains("could not be grown"));
    assertThat(out)
        .anyMatch(l -> l.startsWith("read refused: ") && l.contains("start minicoin again"));
  }

  /**
   * One file is open once in a process (LMDB's locks belong to the process: closing a second copy
   * would drop the first's), and a write inside a write is refused instead of waiting for itself.
   */
  @Test
  void aFileOpenTwiceInOneProcessOrAWriteInsideAWriteIsRefused() {
    Path file = dir.resolve("once.db");
    try (LmdbStore first = LmdbStore.create(file)) {
      assertThatThrownBy(() -> LmdbStore.open(file))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already open in this process");
      assertThatThrownBy(
              () ->
                  first.writeAll(
                      w -> {
                        w.put(Table.META, new byte[] {1}, new byte[] {2});
                        first.writeAll(
                            inner -> inner.put(Table.META, new byte[] {3}, new byte[] {4}));
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside another write");
      assertThat(get(first, Table.META, new byte[] {1})).as("the outer write discarded").isNull();
      first.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
    }
    try (LmdbStore again = LmdbStore.open(file)) {
      assertThat(get(again, Table.META, new byte[] {1})).containsExactly(2);
    }
  }

  /** A library that cannot be loaded is named at every try, not only the first. */
  @Test
  void aNativeLibraryThatCannotBeLoadedIsNamedAtEveryTry() throws Exception {
    Path missing = dir.resolve("no-such-liblmdb.so");
    List<String> out =
        child(
            List.of("-D" + LmdbNativeLibraries.LMDB_LIB + "=" + missing),
            TwoOpens.class,
            dir.resolve("never.db").toString());
    assertThat(out.stream().filter(l -> l.startsWith("refused: ")).toList())
        .hasSize(2)
        .allMatch(
            l -> l.contains("cannot load LMDB's native library") && l.contains(missing.toString()));
  }

  private static List<String> child(Class<?> main, String... args) throws Exception {
    return child(List.of(), main, args);
  }

  /** Runs {@code main} in a JVM of its own; its output lines, after it exited 0. */
  private static List<String> child(List<String> flags, Class<?> main, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  /** Opens a chain file twice while LMDB's library cannot be loaded; says what it heard. */
  public static final class TwoOpens {
    public static void main(String[] args) {
      for (int i = 0; i < 2; i++) {
        try {
          LmdbStore.create(Path.of(args[0])).close();
          System.out.println("opened");
        } catch (StoreException e) {
          System.out.println("refused: " + e.getMessage());
        }
      }
    }
  }

  /**
   * Limits its own address space to just above what it uses, writes until the map must grow, lifts
   * the limit, and reads.
   */
  public static final class FailedGrowth {
    public static void main(String[] args) throws Exception {
      try (LmdbStore store = LmdbStore.create(Path.of(args[0]))) {
        limitAddressSpace(vmSize() + (8L << 20));
        try {
          byte[] value = new byte[1 << 20];
          for (int i = 0; i < 40; i++) {
            byte[] key = {2, (byte) i};
            store.writeAll(w -> w.put(Table.BLOCKS, key, value));
          }
          System.out.println("all written");
        } catch (StoreException e) {
          System.out.println("write refused: " + e.getMessage());
        } finally {
          limitAddressSpace(-1);
        }
        try {
          store.read(r -> r.get(Table.BLOCKS, new byte[] {2, 0}));
          System.out.println("read");
        } catch (StoreException e) {
          System.out.println("read refused: " + e.getMessage());
        }
      }
    }

    /** setrlimit(RLIMIT_AS), through jffi; -1: no limit. */
    private static void limitAddressSpace(long bytes) {
      Library libc = Library.openLibrary("libc.so.6", Library.LAZY);
      CallContext call =
          CallContext.getCallContext(
              Type.SINT, new Type[] {Type.SINT, Type.POINTER}, CallingConvention.DEFAULT, false);
      MemoryIO memory = MemoryIO.getInstance();
      long limits = memory.allocateMemory(16, true);
      memory.putLong(limits, bytes); // soft limit
      memory.putLong(limits + 8, -1L); // hard limit: none, so the soft one may be lifted again
      int rc =
          (int)
              Invoker.getInstance()
                  .invokeN2(call, libc.getSymbolAddress("setrlimit"), 9 /* RLIMIT_AS */, limits);
      memory.freeMemory(limits);
      if (rc != 0) {
        throw new IllegalStateException("setrlimit: " + rc);
      }
    }

    private static long vmSize() throws Exception {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmSize:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmSize in /proc/self/status");
    }
  }

  /** Before, a second close freed LMDB's memory twice and the JVM died (a node stopping). */
  @Test
  void aClosedFileIsClosedOnceAndRefusesTransactionsInsteadOfCrashing() {
    LmdbStore store = LmdbStore.create(dir.resolve("closed.db"));
    store.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
    store.close();
    store.close();
    assertThatThrownBy(() -> get(store, Table.META, new byte[] {1}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> store.writeAll(w -> w.delete(Table.META, new byte[] {1})))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
    try (LmdbStore again = LmdbStore.open(dir.resolve("closed.db"))) {
      assertThat(get(again, Table.META, new byte[] {1})).containsExactly(2);
    }
  }

  /**
   * A node stopping closes its store while another thread may still be reading: the close waits for
   * the read, which finishes with its data (closing under it would free the environment LMDB is
   * reading from), and then closes the file.
   */
  @Test
  void closeWaitsForAReadInAnotherThreadWhichFinishesWithItsData() throws Exception {
    LmdbStore store = LmdbStore.create(dir.resolve("reading.db"));
    store.writeAll(w -> w.put(Table.META, new byte[] {1}, new byte[] {2}));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () ->
                store.read(
                    r -> {
                      inside.countDown();
                      try {
                        goOn.await();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                      return r.get(Table.META, new byte[] {1});
                    }));
    Thread closer = new Thread(store::close, "closer");
    try {
      assertThat(inside.await(30, TimeUnit.SECONDS)).as("the read began").isTrue();
      closer.start();
      // The closer waits (for the map lock, with a time limit) while the read runs.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (closer.getState() != Thread.State.TIMED_WAITING
          && closer.isAlive()
          && System.nanoTime() < deadline) {
        closer.join(1); // returns at once if the closer ended
      }
      assertThat(closer.getState())
          .as("the close waits for the read")
          .isEqualTo(Thread.State.TIMED_WAITING);
    } finally {
      goOn.countDown();
    }
    assertThat(read.get(30, TimeUnit.SECONDS)).containsExactly(2);
    closer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(closer.isAlive()).as("the close finished").isFalse();
    assertThatThrownBy(() -> get(store, Table.META, new byte[] {1}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void lmdbsOwnWordsSayWhatIsWrongWithAFile() throws Exception {
    Path file = dir.resolve("random.db");
    byte[] junk = new byte[64 * 1024];
    new Random(3).nextBytes(junk);
    Files.write(file, junk);
    assertThatThrownBy(() -> LmdbStore.open(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("MDB_INVALID: File is not an LMDB file");
  }

  /**
   * A node grows the file past the map a command opened it with: the command's next read begins
   * with MDB_MAP_RESIZED, adopts the new size and reads what the node wrote.
   */
  @Test
  void aReaderAdoptsTheMapAnotherProcessGrew() throws Exception {
    Path file = dir.resolve("grown.db");
    LmdbStore.create(file).close();
    try (LmdbStore reader = LmdbStore.open(file)) {
      assertThat(get(reader, Table.META, new byte[] {7})).isNull();
      long before = reader.mapSize();

      Process writer =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  GrowFile.class.getName(),
                  file.toString())
              .redirectErrorStream(true)
              .start();
      assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(writer.exitValue()).as(out).isZero();
      assertThat(Files.size(file)).isGreaterThan(before);

      assertThat(get(reader, Table.META, new byte[] {7})).containsExactly(8);
      assertThat(reader.mapSize()).isGreaterThan(before);
    }
  }

  /** The other process: writes 48 MiB (three times a new file's map) and a marker. */
  public static final class GrowFile {
    public static void main(String[] args) {
      try (LmdbStore store = LmdbStore.open(Path.of(args[0]))) {
        byte[] value = new byte[1 << 20];
        for (int i = 0; i < 48; i++) {
          byte[] key = {2, (byte) i};
          store.writeAll(w -> w.put(Table.BLOCKS, key, value));
        }
        store.writeAll(w -> w.put(Table.META, new byte[] {7}, new byte[] {8}));
      }
    }
  }
}
