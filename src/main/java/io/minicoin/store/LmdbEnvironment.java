package io.minicoin.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An open LMDB environment (MDB_env *): the chain file mapped into memory, with its lock file
 * beside it. Opening says what is wrong in the user's terms (missing, empty, cut short, not
 * readable or writable, not LMDB at all) before or instead of LMDB's own error, and a file that was
 * refused is left exactly as it was: no lock file is left beside it by us.
 */
final class LmdbEnvironment {
  /**
   * The map a new or small file starts with. The map is address space, not disk on Linux and macOS;
   * on Windows LMDB makes the file as large as the map, so it starts small and grows.
   */
  static final long INITIAL_MAP_SIZE = 16L << 20;

  /**
   * Read and write for the owner and the group, read for the others, less what the user's umask
   * takes away: as lmdbjava created them (a data directory shared by a group keeps working).
   */
  private static final int FILE_MODE = 0664;

  /**
   * The files open in this process. LMDB must not open one file twice in a process: its locks
   * belong to the process, and closing one of the two would drop the other's.
   */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  /** The handle LMDB's functions take. */
  final long handle;

  private final Path key;

  /** Set by a failed {@link #setMapSize}, read under the callers' lock. */
  private String unusable;

  private final Path lockFile;
  private final boolean hadLockFile;

  private LmdbEnvironment(long handle, Path key, Path lockFile, boolean hadLockFile) {
    this.handle = handle;
    this.key = key;
    this.lockFile = lockFile;
    this.hadLockFile = hadLockFile;
  }

  /** Opens an existing file ({@code create} false) or creates a new one. */
  static LmdbEnvironment open(Path file, boolean create) {
    if (create) {
      if (Files.exists(file)) {
        throw new StoreException("chain file " + file + " already exists");
      }
    } else {
      checkIsAFile(file);
    }
    requireLmdb();
    Path key = file.toAbsolutePath().normalize();
    if (!OPEN.add(key)) {
      throw new StoreException(
          "the chain file " + file + " is already open in this process (a node or a command)");
    }
    try {
      return open(file, create, key);
    } catch (RuntimeException | Error e) {
      OPEN.remove(key);
      throw e;
    }
  }

  private static LmdbEnvironment open(Path file, boolean create, Path key) {
    Path lockFile = file.resolveSibling(file.getFileName() + "-lock");
    boolean hadLockFile = Files.exists(lockFile);
    if (!create) {
      checkPermissions(file, lockFile, hadLockFile);
      LmdbMetaPages.checkNotTruncated(file);
    }
    long handle = 0;
    long slot = NativeMemory.allocate(8, true);
    try {
      handle = LmdbNative.envCreate(slot);
      LmdbNative.envSetMapSize(handle, initialMapSize(file, create));
      LmdbNative.envSetMaxDbs(handle, Table.values().length);
      LmdbNative.envSetMaxReaders(handle, 256);
      // MDB_NOSUBDIR: the file is the path given, its lock file beside it (not a directory of two
      // files). MDB_NOTLS: a read transaction is not tied to its thread (the node's threads share
      // the store). MDB_NOMETASYNC: a commit syncs the data pages but leaves the small meta page
      // to the next commit (or the OS): one sync to disk per commit instead of two, which is what
      // bounds a download on a slow disk. LMDB keeps the file consistent; a machine crash (not a
      // process crash) may undo the last commit, which is downloaded again.
      LmdbNative.envOpen(
          handle,
          file.toAbsolutePath().toString(),
          LmdbNative.MDB_NOSUBDIR | LmdbNative.MDB_NOTLS | LmdbNative.MDB_NOMETASYNC,
          FILE_MODE);
      return new LmdbEnvironment(handle, key, lockFile, hadLockFile);
    } catch (LmdbError e) {
      if (handle != 0) {
        LmdbNative.envClose(handle); // also after a failed open, as LMDB asks
      }
      removeOwnLockFile(lockFile, hadLockFile);
      throw e.refusingToOpen(file);
    } catch (RuntimeException | Error e) {
      if (handle != 0) {
        LmdbNative.envClose(handle);
      }
      removeOwnLockFile(lockFile, hadLockFile);
      throw e;
    } finally {
      NativeMemory.free(slot);
    }
  }

  void close() {
    LmdbNative.envClose(handle);
    OPEN.remove(key);
  }

  /** Closes a file that was then refused, leaving no lock file of ours beside it. */
  void closeRefused() {
    close();
    removeOwnLockFile(lockFile, hadLockFile);
  }

  /**
   * Sets the map size ({@code 0}: the size the file's newest meta page records). No transaction of
   * this process may be open.
   */
  void setMapSize(long bytes) {
    try {
      LmdbNative.envSetMapSize(handle, bytes);
    } catch (LmdbError e) {
      // LMDB has let go of the old map and could not make the new one: another transaction on
      // this environment would read unmapped memory and crash the process.
      unusable = e.getMessage();
      throw e;
    }
  }

  /** Why the map could not be set, if it could not: then no transaction may begin. */
  String unusable() {
    return unusable;
  }

  /** The current map size: how large the file may grow before the map is grown again. */
  long mapSize() {
    long info = NativeMemory.allocate(64, true);
    try {
      return LmdbNative.envMapSize(handle, info);
    } finally {
      NativeMemory.free(info);
    }
  }

  private static void checkIsAFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StoreException("no chain file " + file);
    }
    try {
      if (Files.size(file) == 0) { // LMDB would turn an empty file into a fresh database
        throw new StoreException(file + " is empty, not a chain file");
      }
    } catch (IOException e) {
      throw new StoreException("cannot read chain file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads LMDB on first use: a library the system refuses is said so, not a crash, and said again
   * the same way at every later open (a class whose initialisation failed would only say "could not
   * initialize").
   */
  private static void requireLmdb() {
    LmdbNativeLibraries.load(); // throws the same StoreException every time it cannot
    try {
      LmdbNative.ensureLoaded();
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause();
      throw cause instanceof StoreException s
          ? s
          : new StoreException("cannot load LMDB's native library: " + cause, cause);
    } catch (LinkageError e) { // not loadable (UnsatisfiedLinkError), or failed before
      throw new StoreException("cannot load LMDB's native library: " + e.getMessage(), e);
    }
  }

  /**
   * Every command opens the file for writing (LMDB does, to keep its readers' table in the lock
   * file): a read-only file or directory is said to be one, not mistaken for a damaged file.
   */
  private static void checkPermissions(Path file, Path lockFile, boolean hadLockFile) {
    if (!Files.isReadable(file) || !Files.isWritable(file)) {
      throw new StoreException(
          "permission denied: "
              + file
              + " is not "
              + (Files.isReadable(file) ? "writable" : "readable")
              + " by this user");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (hadLockFile ? !Files.isWritable(lockFile) : !Files.isWritable(dir)) {
      throw new StoreException(
          "permission denied: "
              + (hadLockFile ? lockFile + " is not writable" : "cannot create " + lockFile)
              + " (LMDB keeps its readers' table there)");
    }
  }

  /**
   * Twice what the file holds now, at least the initial size: room to grow before the first resize,
   * and never less than the data (LMDB would refuse).
   */
  private static long initialMapSize(Path file, boolean create) {
    if (create) {
      return INITIAL_MAP_SIZE;
    }
    try {
      long size = Files.size(file);
      long mib = 1L << 20;
      return Math.max(INITIAL_MAP_SIZE, ((2 * size + mib - 1) / mib) * mib);
    } catch (IOException e) {
      return INITIAL_MAP_SIZE;
    }
  }

  /**
   * A file we refused should not gain a lock file beside it; one that was already there is not ours
   * to remove.
   */
  private static void removeOwnLockFile(Path lockFile, boolean hadLockFile) {
    if (!hadLockFile) {
      try {
        Files.deleteIfExists(lockFile);
      } catch (IOException ignored) {
        // only tidiness: the refusal itself is what the caller needs to hear about
      }
    }
  }
}
