package io.minicoin.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Only public API: a {@link MessageDigest} that has absorbed the first 64 bytes is cloned per
 * counter value, so each hash costs one small allocation and the digest's bookkeeping. Used when
 * the JDK's internals are closed to us ({@link DirectSha256Midstate#AVAILABLE} is false).
 */
final class PortableSha256Midstate extends Sha256Midstate {
  private final MessageDigest first = Hashes.newSha256();
  private final MessageDigest outer = Hashes.newSha256();
  private final boolean cloneable;
  private final byte[] tail;
  private final byte[] inner = new byte[32];
  private final byte[] result = new byte[32];

  PortableSha256Midstate(byte[] message) {
    super(message);
    first.update(this.message, 0, 64);
    boolean ok;
    try {
      ok = first.clone() != null; // a provider's digest may refuse to be cloned
    } catch (CloneNotSupportedException e) {
      ok = false; // hash the whole message per counter value instead
    }
    cloneable = ok;
    tail = Arrays.copyOfRange(this.message, 64, this.message.length);
  }

  @Override
  public String name() {
    return "portable";
  }

  @Override
  public void compute(int counter) {
    try {
      MessageDigest d;
      if (cloneable) {
        d = (MessageDigest) first.clone();
        INT_LE.set(tail, tail.length - 4, counter);
        d.update(tail, 0, tail.length);
      } else {
        d = outer;
        INT_LE.set(message, counterOffset, counter);
        d.update(message, 0, message.length);
      }
      d.digest(inner, 0, 32);
      outer.update(inner, 0, 32);
      outer.digest(result, 0, 32);
    } catch (CloneNotSupportedException | DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int resultWord(int i) {
    return (int) INT_BE.get(result, 4 * i);
  }
}
