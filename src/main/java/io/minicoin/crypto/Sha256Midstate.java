package io.minicoin.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Double SHA-256 of one message for many values of its last four bytes, read as a little-endian
 * 32-bit counter: the inner loop of a proof-of-work search, where the message is a block header and
 * the counter its nonce.
 *
 * <p>SHA-256 eats its input in 64-byte chunks. The first 64 bytes of the message do not change with
 * the counter, so their compression (the <em>midstate</em>) is computed once. Each counter value
 * then costs two compressions: the second chunk (the rest of the message plus padding) and the
 * second SHA-256 of the 32-byte first hash (one padded chunk). That is why the message must be
 * longer than 64 bytes, and short enough that its rest and the padding (at least 9 bytes) fit in
 * one chunk: 68 to 119 bytes.
 *
 * <p>Two implementations:
 *
 * <ul>
 *   <li>{@link DirectSha256Midstate}: calls the JDK's own SHA-256 compression function, which
 *       HotSpot replaces by SHA-NI / AVX2 code, with no allocation per value. It needs {@code
 *       --add-opens java.base/sun.security.provider=ALL-UNNAMED}.
 *   <li>{@link PortableSha256Midstate}: only public API: a {@link MessageDigest} holding the
 *       midstate is cloned per value (one small allocation each).
 * </ul>
 *
 * <p>{@link #create(byte[])} picks the direct one when the JDK internals are accessible and pass a
 * self-test against {@link Hashes#sha256d}, else the portable one, silently; {@link
 * #implementation()} tells which. Instances are not thread-safe: one per mining thread.
 */
public abstract class Sha256Midstate {
  /** The shortest message: one chunk for the midstate, then at least the counter. */
  public static final int MIN_LENGTH = 68;

  /** The longest message whose rest, 0x80 and the 8-byte bit length fit in the second chunk. */
  public static final int MAX_LENGTH = 119;

  static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** SHA-256's initial hash value (FIPS 180-4, 5.3.3). */
  static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  /** The message as given, with the counter as last set. */
  final byte[] message;

  /** Offset of the counter: the last four bytes. */
  final int counterOffset;

  Sha256Midstate(byte[] message) {
    if (message.length < MIN_LENGTH || message.length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a midstate needs a message of "
              + MIN_LENGTH
              + " to "
              + MAX_LENGTH
              + " bytes, not "
              + message.length);
    }
    this.message = message.clone();
    this.counterOffset = message.length - 4;
  }

  /** The fastest implementation available in this JVM, for this message (copied). */
  public static Sha256Midstate create(byte[] message) {
    return DirectSha256Midstate.AVAILABLE
        ? new DirectSha256Midstate(message)
        : new PortableSha256Midstate(message);
  }

  /** The portable implementation (public JDK API only), for this message (copied). */
  public static Sha256Midstate portable(byte[] message) {
    return new PortableSha256Midstate(message);
  }

  /**
   * The direct implementation (the JDK's SHA-256 compression called directly).
   *
   * @throws UnsupportedOperationException if the JDK internals are not accessible
   */
  public static Sha256Midstate direct(byte[] message) {
    if (!DirectSha256Midstate.AVAILABLE) {
      throw new UnsupportedOperationException(
          "JDK SHA-256 internals not accessible: " + DirectSha256Midstate.PROBLEM);
    }
    return new DirectSha256Midstate(message);
  }

  public static boolean directAvailable() {
    return DirectSha256Midstate.AVAILABLE;
  }

  /** Which implementation {@link #create} uses, for logs and benchmarks. */
  public static String implementation() {
    return DirectSha256Midstate.AVAILABLE
        ? "direct (JDK intrinsic sun.security.provider.SHA2.implCompress0)"
        : "portable (MessageDigest midstate clone; direct unavailable: "
            + DirectSha256Midstate.PROBLEM
            + ")";
  }

  /** This instance's implementation: "direct" or "portable". */
  public abstract String name();

  /**
   * Computes the double SHA-256 of the message with {@code counter} as its last four bytes; the
   * result is then in {@link #resultWord(int)}. No allocation in the direct implementation.
   */
  public abstract void compute(int counter);

  /**
   * Word {@code i} (0..7) of the last {@link #compute} result: hash bytes 4i..4i+3, big-endian, as
   * SHA-256 defines its output. Reading words spares the inner loop an array per hash.
   */
  public abstract int resultWord(int i);

  /** The double SHA-256 of the message with {@code counter} (allocates; not for the inner loop). */
  public final Sha256Hash hash(int counter) {
    compute(counter);
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      INT_BE.set(out, 4 * i, resultWord(i));
    }
    return Sha256Hash.wrap(out);
  }

  @Override
  public String toString() {
    return "Sha256Midstate["
        + name()
        + ", message "
        + HexFormat.of().formatHex(message, 0, counterOffset)
        + "]";
  }
}
