package io.minicoin.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls the JDK's own SHA-256 compression function {@code sun.security.provider.SHA2.implCompress0}
 * on a private {@code SHA2$SHA256} instance's state array: HotSpot replaces that method by SHA-NI /
 * AVX2 code (the same intrinsic {@link java.security.MessageDigest} uses), and there is no
 * allocation and no {@code MessageDigest} bookkeeping per hash. Reaching it needs {@code
 * --add-opens java.base/sun.security.provider=ALL-UNNAMED} (set by the pom's surefire argLine and
 * the executable jar's {@code Add-Opens} manifest entry); without it {@link #AVAILABLE} is false.
 */
final class DirectSha256Midstate extends Sha256Midstate {
  /** (Object sha2, byte[] block, int offset) void: sun.security.provider.SHA2.implCompress0. */
  static final MethodHandle COMPRESS;

  /** () Object: new sun.security.provider.SHA2$SHA256(). */
  static final MethodHandle NEW_DIGEST;

  /** (Object sha2) int[]: the digest's {@code state} field. */
  static final MethodHandle GET_STATE;

  static final boolean AVAILABLE;
  static final String PROBLEM;

  static {
    MethodHandle compress = null;
    MethodHandle newDigest = null;
    MethodHandle getState = null;
    String problem = null;
    try {
      Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
      Class<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sha2, MethodHandles.lookup());
      compress =
          lookup
              .findVirtual(
                  sha2, "implCompress0", MethodType.methodType(void.class, byte[].class, int.class))
              .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
      newDigest =
          lookup
              .findConstructor(sha256, MethodType.methodType(void.class))
              .asType(MethodType.methodType(Object.class));
      getState =
          lookup
              .findGetter(sha2, "state", int[].class)
              .asType(MethodType.methodType(int[].class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    COMPRESS = compress;
    NEW_DIGEST = newDigest;
    GET_STATE = getState;
    if (problem == null) {
      problem = selfTest();
    }
    AVAILABLE = problem == null;
    PROBLEM = problem;
  }

  /**
   * Null if the direct path hashes a few 80-byte messages (the size of a block header) exactly like
   * {@link Hashes#sha256d}.
   */
  private static String selfTest() {
    try {
      byte[] message = new byte[80];
      for (int i = 0; i < message.length; i++) {
        message[i] = (byte) (i * 37 + 11);
      }
      DirectSha256Midstate d = new DirectSha256Midstate(message);
      for (int counter : new int[] {0, 1, 0x10572b0f, -1}) {
        INT_LE.set(message, message.length - 4, counter);
        if (!d.hash(counter).equals(Sha256Hash.wrap(Hashes.sha256d(message)))) {
          return "self-test mismatch";
        }
      }
      return null;
    } catch (Throwable t) {
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
  }

  private final Object digest;

  /** The digest's live state array: compressions update it in place. */
  private final int[] state;

  private final int[] midstate = new int[8];

  /** Message bytes from 64 on, then padding and the message's length in bits. */
  private final byte[] tail = new byte[64];

  /** Where the counter sits in {@link #tail}. */
  private final int tailCounter;

  /** The first hash, then padding and the bit length 256. */
  private final byte[] second = new byte[64];

  DirectSha256Midstate(byte[] message) {
    super(message);
    try {
      digest = NEW_DIGEST.invokeExact();
      state = (int[]) GET_STATE.invokeExact(digest);
      System.arraycopy(IV, 0, state, 0, 8);
      compress(this.message, 0);
      System.arraycopy(state, 0, midstate, 0, 8);
    } catch (Throwable t) {
      throw new IllegalStateException("JDK SHA-256 internals failed", t);
    }
    // SHA-256 padding: 0x80, zeros, then the length in bits as a big-endian 64-bit number.
    int rest = this.message.length - 64;
    System.arraycopy(this.message, 64, tail, 0, rest);
    tail[rest] = (byte) 0x80;
    int bits = 8 * this.message.length;
    tail[62] = (byte) (bits >>> 8);
    tail[63] = (byte) bits;
    tailCounter = counterOffset - 64;
    second[32] = (byte) 0x80;
    second[62] = (byte) (256 >>> 8); // 32 bytes = 256 bits
    second[63] = (byte) 256;
  }

  private void compress(byte[] block, int offset) {
    try {
      COMPRESS.invokeExact(digest, block, offset);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public void compute(int counter) {
    int[] s = state;
    INT_LE.set(tail, tailCounter, counter);
    System.arraycopy(midstate, 0, s, 0, 8);
    compress(tail, 0);
    byte[] b = second;
    for (int i = 0; i < 8; i++) {
      INT_BE.set(b, 4 * i, s[i]);
    }
    System.arraycopy(IV, 0, s, 0, 8);
    compress(b, 0);
  }

  @Override
  public int resultWord(int i) {
    return state[i];
  }
}
