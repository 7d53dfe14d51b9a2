package io.minicoin.store;

import java.nio.file.Path;

/**
 * A call into LMDB returned an error: {@link #code()} is LMDB's result code (negative: LMDB's own,
 * such as a full map; positive: the system's errno, such as a permission refused), the message its
 * own words. Only the store sees these: {@link #refusingToOpen} and {@link #whileUsing} say what
 * they mean for the chain file, in a {@link StoreException}.
 */
final class LmdbError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // LMDB's result codes that callers tell apart (its own run from MDB_KEYEXIST to
  // MDB_LAST_ERRCODE; other codes are the system's).
  static final int MDB_KEYEXIST = -30799;
  static final int MDB_NOTFOUND = -30798;
  static final int MDB_PAGE_NOTFOUND = -30797;
  static final int MDB_CORRUPTED = -30796;
  static final int MDB_MAP_FULL = -30792;
  static final int MDB_VERSION_MISMATCH = -30794;
  static final int MDB_INVALID = -30793;
  static final int MDB_MAP_RESIZED = -30785;
  static final int MDB_INCOMPATIBLE = -30784;
  static final int MDB_LAST_ERRCODE = -30780;

  /** errno values that mean the file or its directory may not be opened for writing. */
  private static final int EPERM = 1;

  private static final int EACCES = 13;
  private static final int EROFS = 30;

  /** ERROR_ACCESS_DENIED, LMDB's result when Windows refuses the file or its lock file. */
  static final int WINDOWS_ACCESS_DENIED = 5;

  /** True for LMDB's own result codes, false for the system's. */
  static boolean isLmdbsOwn(int rc) {
    return rc >= MDB_KEYEXIST && rc <= MDB_LAST_ERRCODE;
  }

  /** The Windows system errors a chain file meets, in words; others by number. */
  static String windowsMessage(int rc) {
    return switch (rc) {
      case WINDOWS_ACCESS_DENIED -> "access denied";
      case 8, 14 -> "not enough memory";
      case 32 -> "the file is used by another process";
      case 33 -> "part of the file is locked by another process";
      case 112 -> "the disk is full";
      default -> "Windows error " + rc;
    };
  }

  private final int code;

  LmdbError(int code, String message) {
    super(message + " (LMDB result " + code + ")");
    this.code = code;
  }

  int code() {
    return code;
  }

  /** LMDB found a page that is not what it should be: the file is damaged. */
  boolean isDamage() {
    return code == MDB_CORRUPTED || code == MDB_PAGE_NOTFOUND;
  }

  /** The file is not an LMDB file, or one of another LMDB version or build. */
  boolean isNotLmdb() {
    return code == MDB_INVALID || code == MDB_VERSION_MISMATCH || code == MDB_INCOMPATIBLE;
  }

  /** What this error while opening {@code file} means to the user. */
  StoreException refusingToOpen(Path file) {
    boolean denied =
        LmdbNative.WINDOWS
            ? code == WINDOWS_ACCESS_DENIED
            : code == EACCES || code == EPERM || code == EROFS;
    if (denied) {
      return new StoreException(
          "permission denied: cannot open " + file + " (or its lock file) for writing", this);
    }
    if (isNotLmdb() || isDamage()) {
      return new StoreException(
          file + " is not a chain file (corrupt, or not made by minicoin): " + getMessage(), this);
    }
    return new StoreException("cannot open the chain file " + file + ": " + getMessage(), this);
  }

  /** What this error while {@code doing} something with the open {@code file} means. */
  StoreException whileUsing(Path file, String doing) {
    if (isDamage()) {
      return new ChainDamagedException(
          file + " is damaged (" + getMessage() + "): restore it from a copy", this);
    }
    return new StoreException(doing + " the chain file " + file + " failed: " + getMessage(), this);
  }
}
