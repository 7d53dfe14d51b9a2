package io.minicoin.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Double SHA-256 of an 80-byte block header for many nonces: the mining inner loop.
 *
 * <p>The first 64 bytes of the header (version, previous hash, most of the Merkle root) do not
 * change with the nonce, so their SHA-256 compression (the <em>midstate</em>) is computed once.
 * Each nonce then costs two compressions: the second chunk (the last 16 header bytes plus padding)
 * and the second SHA-256 of the 32-byte first hash (one padded chunk).
 *
 * <p>Two implementations:
 *
 * <ul>
 *   <li><b>direct</b>: calls the JDK's own SHA-256 compression function {@code
 *       sun.security.provider.SHA2.implCompress0}, which HotSpot replaces by SHA-NI / AVX2 code
 *       (the same intrinsic {@link MessageDigest} uses), on a private state array: no allocation
 *       and no {@code MessageDigest} bookkeeping per nonce. It needs {@code --add-opens
 *       java.base/sun.security.provider=ALL-UNNAMED} (set by the pom's surefire argLine and the
 *       executable jar's {@code Add-Opens} manifest entry).
 *   <li><b>portable</b>: only public API: a {@code MessageDigest} holding the midstate is cloned
 *       per nonce (one small allocation per nonce).
 * </ul>
 *
 * <p>{@link #create(byte[])} picks the direct one when the JDK internals are accessible and pass a
 * self-test against {@link Hashes#sha256d}, else the portable one, silently; {@link
 * #implementation()} tells which. Instances are not thread-safe: one per mining thread.
 */
public abstract class Sha256Midstate {
  public static final int HEADER_SIZE = 80;

  /** Offset of the little-endian nonce in the header. */
  public static final int NONCE_OFFSET = 76;

  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  /** The header as given, with the nonce field as last set. */
  final byte[] header;

  Sha256Midstate(byte[] header) {
    if (header.length != HEADER_SIZE) {
      throw new IllegalArgumentException("a block header has 80 bytes, not " + header.length);
    }
    this.header = header.clone();
  }

  /** The fastest implementation available in this JVM, for this header (copied). */
  public static Sha256Midstate create(byte[] header) {
    return Direct.AVAILABLE ? new Direct(header) : new Portable(header);
  }

  /** The portable implementation (public JDK API only), for this header (copied). */
  public static Sha256Midstate portable(byte[] header) {
    return new Portable(header);
  }

  /**
   * The direct implementation (the JDK's SHA-256 compression called directly).
   *
   * @throws UnsupportedOperationException if the JDK internals are not accessible
   */
  public static Sha256Midstate direct(byte[] header) {
    if (!Direct.AVAILABLE) {
      throw new UnsupportedOperationException(
          "JDK SHA-256 internals not accessible: " + Direct.PROBLEM);
    }
    return new Direct(header);
  }

  public static boolean directAvailable() {
    return Direct.AVAILABLE;
  }

  /** Which implementation {@link #create} uses, for logs and benchmarks. */
  public static String implementation() {
    return Direct.AVAILABLE
        ? "direct (JDK intrinsic sun.security.provider.SHA2.implCompress0)"
        : "portable (MessageDigest midstate clone; direct unavailable: " + Direct.PROBLEM + ")";
  }

  /** This instance's implementation: "direct" or "portable". */
  public abstract String name();

  /**
   * Computes the double SHA-256 of the header with {@code nonce}; the result words are then in
   * {@link #resultWord(int)}. No allocation in the direct implementation.
   */
  public abstract void compute(int nonce);

  /** Word {@code i} (0..7) of the last {@link #compute} result: hash bytes 4i..4i+3, big-endian. */
  abstract int resultWord(int i);

  /** The double SHA-256 of the header with {@code nonce} (allocates; not for the inner loop). */
  public final Sha256Hash hash(int nonce) {
    compute(nonce);
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      INT_BE.set(out, 4 * i, resultWord(i));
    }
    return Sha256Hash.wrap(out);
  }

  /**
   * The 256-bit {@code target} as 8 words, most significant first, for {@link #meets} and {@link
   * #scan}: the form in which a hash is compared without {@link BigInteger} per nonce.
   */
  public static int[] targetWords(BigInteger target) {
    if (target.signum() < 0 || target.bitLength() > 256) {
      throw new IllegalArgumentException("target out of range: " + target);
    }
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = target.shiftRight(32 * (7 - i)).intValue();
    }
    return w;
  }

  /**
   * Whether the last {@link #compute} result, read as a little-endian 256-bit number (Bitcoin's
   * convention), is at most the target.
   */
  public final boolean resultMeets(int[] targetWords) {
    // The number's most significant word is hash bytes 31..28, i.e. byte-reversed result word 7.
    for (int i = 0; i < 8; i++) {
      int h = Integer.reverseBytes(resultWord(7 - i));
      int c = Integer.compareUnsigned(h, targetWords[i]);
      if (c != 0) {
        return c < 0;
      }
    }
    return true;
  }

  public final boolean meets(int nonce, int[] targetWords) {
    compute(nonce);
    return resultMeets(targetWords);
  }

  /**
   * Tries nonces {@code first, first + 1, ...} ({@code count} of them, wrapping around 2^32) in
   * ascending order and returns the index (0..count-1) of the first that meets the target, or -1.
   */
  public final int scan(int first, int count, int[] targetWords) {
    int top = targetWords[0];
    for (int i = 0; i < count; i++) {
      compute(first + i);
      // Fast reject on the most significant word; almost every nonce stops here.
      int c = Integer.compareUnsigned(Integer.reverseBytes(resultWord(7)), top);
      if (c < 0 || (c == 0 && resultMeets(targetWords))) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------

  /** Calls the JDK's SHA-256 compression on a private {@code SHA2$SHA256} instance's state. */
  static final class Direct extends Sha256Midstate {
    /** (Object sha2, byte[] block, int offset) void: sun.security.provider.SHA2.implCompress0. */
    private static final MethodHandle COMPRESS;

    /** () Object: new sun.security.provider.SHA2$SHA256(). */
    private static final MethodHandle NEW_DIGEST;

    /** (Object sha2) int[]: the digest's {@code state} field. */
    private static final MethodHandle GET_STATE;

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
                    sha2,
                    "implCompress0",
                    MethodType.methodType(void.class, byte[].class, int.class))
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

    /** Null if the direct path hashes a few headers exactly like {@link Hashes#sha256d}. */
    private static String selfTest() {
      try {
        byte[] header = new byte[HEADER_SIZE];
        for (int i = 0; i < header.length; i++) {
          header[i] = (byte) (i * 37 + 11);
        }
        Direct d = new Direct(header);
        for (int nonce : new int[] {0, 1, 0x10572b0f, -1}) {
          INT_LE.set(header, NONCE_OFFSET, nonce);
          if (!d.hash(nonce).equals(Sha256Hash.wrap(Hashes.sha256d(header)))) {
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

    /** Header bytes 64..79, then padding and the bit length 640. */
    private final byte[] tail = new byte[64];

    /** The first hash, then padding and the bit length 256. */
    private final byte[] second = new byte[64];

    Direct(byte[] header) {
      super(header);
      try {
        digest = NEW_DIGEST.invokeExact();
        state = (int[]) GET_STATE.invokeExact(digest);
        System.arraycopy(IV, 0, state, 0, 8);
        compress(this.header, 0);
        System.arraycopy(state, 0, midstate, 0, 8);
      } catch (Throwable t) {
        throw new IllegalStateException("JDK SHA-256 internals failed", t);
      }
      System.arraycopy(this.header, 64, tail, 0, 16);
      tail[16] = (byte) 0x80;
      tail[62] = (byte) (640 >>> 8); // 80 bytes = 640 bits
      tail[63] = (byte) 640;
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
    public void compute(int nonce) {
      int[] s = state;
      INT_LE.set(tail, 12, nonce);
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
    int resultWord(int i) {
      return state[i];
    }
  }

  /** Public API only: clones a {@code MessageDigest} that has absorbed the first 64 bytes. */
  static final class Portable extends Sha256Midstate {
    private final MessageDigest first = Hashes.newSha256();
    private final MessageDigest outer = Hashes.newSha256();
    private final boolean cloneable;
    private final byte[] tail = new byte[16];
    private final byte[] inner = new byte[32];
    private final byte[] result = new byte[32];

    Portable(byte[] header) {
      super(header);
      first.update(this.header, 0, 64);
      boolean ok;
      try {
        first.clone();
        ok = true;
      } catch (CloneNotSupportedException e) {
        ok = false; // hash all 80 bytes per nonce instead
      }
      cloneable = ok;
      System.arraycopy(this.header, 64, tail, 0, 16);
    }

    @Override
    public String name() {
      return "portable";
    }

    @Override
    public void compute(int nonce) {
      try {
        MessageDigest d;
        if (cloneable) {
          d = (MessageDigest) first.clone();
          INT_LE.set(tail, 12, nonce);
          d.update(tail, 0, 16);
        } else {
          d = outer;
          INT_LE.set(header, NONCE_OFFSET, nonce);
          d.update(header, 0, HEADER_SIZE);
        }
        d.digest(inner, 0, 32);
        outer.update(inner, 0, 32);
        outer.digest(result, 0, 32);
      } catch (CloneNotSupportedException | DigestException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    int resultWord(int i) {
      return (int) INT_BE.get(result, 4 * i);
    }
  }

  @Override
  public String toString() {
    return "Sha256Midstate["
        + name()
        + ", header "
        + HexFormat.of().formatHex(header, 0, NONCE_OFFSET)
        + "]";
  }
}
