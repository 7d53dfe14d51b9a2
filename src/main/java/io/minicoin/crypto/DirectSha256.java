package io.minicoin.crypto;

import java.util.Arrays;

/**
 * SHA-256 of a whole message through the JDK's own compression function ({@link
 * JdkSha256Compression}, which the miner uses too and HotSpot replaces by SHA-NI / AVX2 code), with
 * the padding done here: no {@link java.security.MessageDigest}, so no copy of a prototype digest
 * per hash and none of its buffering code. This padding is checked by DirectSha256Test only (every
 * length around the padding's edges against MessageDigest); the self-tests at start check the
 * compression and the miner's own padding, not this.
 *
 * <p>Why a node uses it: in a fresh node's first seconds (a download from the first block) the
 * optimizing compiler spent more time on {@code MessageDigest}'s buffering and its several
 * recompilations (0.2 s on each of the two nodes of {@code bench sync}) than the hashing itself
 * took, and copying the prototype digest per hash called into the VM three times while the code was
 * still interpreted. What is compiled here is one short loop around the compression. {@link Hashes}
 * uses it once a node asks ({@link Hashes#useDirectCompression}); short commands keep {@code
 * MessageDigest}, whose classes their class-data archive holds.
 */
final class DirectSha256 {
  private DirectSha256() {}

  /** Whether the JDK's compression function can be reached ({@link JdkSha256Compression}). */
  static boolean available() {
    return JdkSha256Compression.AVAILABLE;
  }

  /** A thread's own digest object, whose state array the compression function updates. */
  private static final class Engine {
    final Object digest;
    final int[] state;
    final byte[] tail = new byte[128];

    Engine() {
      digest = JdkSha256Compression.newDigest();
      state = JdkSha256Compression.state(digest);
    }

    void compress(byte[] block, int offset) {
      JdkSha256Compression.compress(digest, block, offset);
    }

    /**
     * SHA-256 of {@code data}, into a new 32-byte array. Of the whole array, always: the
     * compression does not check bounds ({@link JdkSha256Compression#compress}).
     */
    byte[] hash(byte[] data) {
      int length = data.length;
      int[] s = state;
      System.arraycopy(Sha256Midstate.IV, 0, s, 0, 8);
      int whole = length & ~63;
      for (int off = 0; off < whole; off += 64) {
        compress(data, off);
      }
      // The last part, 0x80, zeros, and the length in bits as a big-endian 64-bit number: one
      // block, or two when fewer than 9 bytes are left in the first.
      int rest = length - whole;
      byte[] t = tail;
      Arrays.fill(t, (byte) 0);
      System.arraycopy(data, whole, t, 0, rest);
      t[rest] = (byte) 0x80;
      int end = rest < 56 ? 64 : 128;
      long bits = (long) length << 3;
      for (int i = 1; i <= 8; i++) {
        t[end - i] = (byte) (bits >>> (8 * (i - 1)));
      }
      compress(t, 0);
      if (end == 128) {
        compress(t, 64);
      }
      byte[] out = new byte[32];
      for (int i = 0; i < 8; i++) {
        int w = s[i];
        out[4 * i] = (byte) (w >>> 24);
        out[4 * i + 1] = (byte) (w >>> 16);
        out[4 * i + 2] = (byte) (w >>> 8);
        out[4 * i + 3] = (byte) w;
      }
      return out;
    }
  }

  private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

  static byte[] sha256(byte[] data) {
    return ENGINE.get().hash(data);
  }

  static byte[] sha256d(byte[] data) {
    Engine e = ENGINE.get();
    return e.hash(e.hash(data));
  }
}
