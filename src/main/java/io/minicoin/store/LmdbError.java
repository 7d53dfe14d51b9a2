package io.minicoin.store;

/**
 * A call into LMDB returned an error: {@link #code()} is LMDB's result code (negative: LMDB's own,
 * such as a full map; positive: the system's errno, such as a permission refused), the message its
 * own words. Only {@link LmdbStore} sees these: it says what they mean for the chain file in a
 * {@link StoreException}.
 */
final class LmdbError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  LmdbError(int code, String message) {
    super(message + " (LMDB result " + code + ")");
    this.code = code;
  }

  int code() {
    return code;
  }
}
