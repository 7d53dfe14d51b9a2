package io.minicoin.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The JDK's own SHA-256 compression function, {@code sun.security.provider.SHA2.implCompress0},
 * called on a private {@code SHA2$SHA256} instance's state array: HotSpot replaces that method by
 * SHA-NI / AVX2 code (the same intrinsic {@link java.security.MessageDigest} uses), and a call
 * allocates nothing and does none of {@code MessageDigest}'s bookkeeping. The one place that
 * reaches these internals, for the miner ({@link DirectSha256Midstate}) and a node's hashing
 * ({@link DirectSha256}), which each do their own padding.
 *
 * <p>Reaching it needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} (set by the
 * pom's surefire argLine and the executable jar's {@code Add-Opens} manifest entry); without it, or
 * if a JDK changed these internals, {@link #AVAILABLE} is false and {@link #PROBLEM} says why.
 *
 * <p>{@link #compress} is {@code implCompress0}, the variant that does not check bounds (the JDK's
 * {@code implCompress} checks them first): a caller must pass a full 64-byte block from {@code
 * offset}, or the compiled intrinsic reads past the end of the array.
 */
final class JdkSha256Compression {
  private JdkSha256Compression() {}

  /** (Object sha2, byte[] block, int offset) void: sun.security.provider.SHA2.implCompress0. */
  private static final MethodHandle COMPRESS;

  /** () Object: new sun.security.provider.SHA2$SHA256(). */
  private static final MethodHandle NEW_DIGEST;

  /** (Object sha2) int[]: the digest's {@code state} field. */
  private static final MethodHandle GET_STATE;

  /** Whether the compression can be called and gives SHA-256's answer for one block. */
  static final boolean AVAILABLE;

  /** Why not, when not {@link #AVAILABLE}; else null. */
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
   * Null if one compression of the padded message "abc" from the IV gives FIPS 180-2's SHA-256 of
   * "abc" in the state array (the array the compression updates is the one we read).
   */
  private static String selfTest() {
    try {
      Object digest = newDigest();
      int[] state = state(digest);
      System.arraycopy(Sha256Midstate.IV, 0, state, 0, 8);
      byte[] block = new byte[64];
      block[0] = 'a';
      block[1] = 'b';
      block[2] = 'c';
      block[3] = (byte) 0x80;
      block[63] = 24; // 3 bytes = 24 bits
      compress(digest, block, 0);
      int[] abc = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad
      };
      return Arrays.equals(state, abc) ? null : "self-test mismatch";
    } catch (Throwable t) {
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
  }

  /** A new JDK SHA-256 digest object: its {@link #state} is what {@link #compress} updates. */
  static Object newDigest() {
    try {
      return NEW_DIGEST.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException("JDK SHA-256 internals failed", t);
    }
  }

  /** The digest's live state array (eight words): set it, compress blocks, read the result. */
  static int[] state(Object digest) {
    try {
      return (int[]) GET_STATE.invokeExact(digest);
    } catch (Throwable t) {
      throw new IllegalStateException("JDK SHA-256 internals failed", t);
    }
  }

  /** Compresses the 64-byte block of {@code block} from {@code offset} into the digest's state. */
  static void compress(Object digest, byte[] block, int offset) {
    try {
      COMPRESS.invokeExact(digest, block, offset);
    } catch (Throwable t) {
      throw new IllegalStateException("JDK SHA-256 compression failed", t);
    }
  }
}
