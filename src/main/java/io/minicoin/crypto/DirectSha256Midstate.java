package io.minicoin.crypto;

/**
 * The miner's midstate through the JDK's own SHA-256 compression function ({@link
 * JdkSha256Compression}: SHA-NI / AVX2 code once compiled, no allocation and no {@code
 * MessageDigest} bookkeeping per hash), with the padding of a block header's two hashes done once
 * here. {@link #AVAILABLE} also needs this class's own self-test to pass.
 */
final class DirectSha256Midstate extends Sha256Midstate {
  static final boolean AVAILABLE;
  static final String PROBLEM;

  static {
    String problem = JdkSha256Compression.PROBLEM;
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
    digest = JdkSha256Compression.newDigest();
    state = JdkSha256Compression.state(digest);
    System.arraycopy(IV, 0, state, 0, 8);
    compress(this.message, 0);
    System.arraycopy(state, 0, midstate, 0, 8);
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
    JdkSha256Compression.compress(digest, block, offset);
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
