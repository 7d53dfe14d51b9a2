package io.minicoin.core;

import io.minicoin.crypto.Sha256Midstate;
import java.math.BigInteger;

/**
 * Hashes one block header for many nonces and tells which hashes meet a target: the work of one
 * mining thread.
 *
 * <p>The nonce is the header's last field (bytes 76..79, little-endian), so a {@link
 * Sha256Midstate} of the serialized header hashes it for any nonce with two SHA-256 compressions.
 * The hash is then compared with the target as Bitcoin reads it: the 32 hash bytes as a
 * little-endian 256-bit number. To spare a {@link BigInteger} per nonce, the target is kept as 8
 * words, most significant first ({@link #targetWords}), and compared word by word; the first word
 * alone rejects almost every nonce.
 */
public final class NonceScanner {
  private final Sha256Midstate hasher;
  private final int[] target;

  /**
   * @param hasher a midstate of a serialized {@link BlockHeader} (80 bytes, nonce last)
   * @param target the largest hash, as a number, that counts as a solution
   */
  public NonceScanner(Sha256Midstate hasher, BigInteger target) {
    this.hasher = hasher;
    this.target = targetWords(target);
  }

  /** A scanner for {@code template}'s own target, with the fastest SHA-256 this JVM has. */
  public static NonceScanner of(BlockHeader template) {
    return new NonceScanner(
        Sha256Midstate.create(template.serialize()), CompactTarget.decode(template.bits()));
  }

  /** The 256-bit {@code target} as 8 words, most significant first. */
  static int[] targetWords(BigInteger target) {
    if (target.signum() < 0 || target.bitLength() > 256) {
      throw new IllegalArgumentException("target out of range: " + target);
    }
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = target.shiftRight(32 * (7 - i)).intValue();
    }
    return w;
  }

  /** Whether the header with {@code nonce} hashes to at most the target. */
  public boolean meets(int nonce) {
    hasher.compute(nonce);
    return resultMeets();
  }

  /**
   * Tries nonces {@code first, first + 1, ...} ({@code count} of them, wrapping around 2^32) in
   * ascending order and returns the index (0..count-1) of the first that meets the target, or -1.
   */
  public int scan(int first, int count) {
    int top = target[0];
    for (int i = 0; i < count; i++) {
      hasher.compute(first + i);
      // Fast reject on the most significant word; almost every nonce stops here.
      int c = Integer.compareUnsigned(Integer.reverseBytes(hasher.resultWord(7)), top);
      if (c < 0 || (c == 0 && resultMeets())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the last result, read as a little-endian 256-bit number (Bitcoin's convention), is at
   * most the target.
   */
  private boolean resultMeets() {
    // The number's most significant word is hash bytes 31..28, i.e. byte-reversed result word 7.
    for (int i = 0; i < 8; i++) {
      int h = Integer.reverseBytes(hasher.resultWord(7 - i));
      int c = Integer.compareUnsigned(h, target[i]);
      if (c != 0) {
        return c < 0;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "NonceScanner[" + hasher + "]";
  }
}
