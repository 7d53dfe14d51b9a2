package io.minicoin.crypto;

import java.math.BigInteger;

/**
 * The curve Bitcoin signs with, and the one place that chooses who does the arithmetic:
 * libsecp256k1 (Bitcoin Core's own library, native code, several times faster) when its native
 * library loads on this machine, Bouncy Castle (pure Java, runs anywhere) otherwise. Both sign
 * byte-identically (RFC 6979 nonces, low S) and accept the same signatures, so which one runs
 * changes speed only. {@code -Dminicoin.secp256k1=bouncycastle} forces Bouncy Castle.
 *
 * <p>The choice is made on first use, so a command that never touches a key (such as {@code
 * getbalance}) loads neither library.
 */
public final class Secp256k1 {
  /** The order of the curve's group: private keys and signature values lie in [1, N). */
  static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  static final BigInteger HALF_N = N.shiftRight(1);

  private Secp256k1() {}

  private static final class Chosen {
    static final Secp256k1Implementation IMPLEMENTATION = choose();
  }

  static Secp256k1Implementation implementation() {
    return Chosen.IMPLEMENTATION;
  }

  /** Which library does the work: "libsecp256k1" or "Bouncy Castle". */
  public static String implementationName() {
    return implementation().name();
  }

  private static Secp256k1Implementation choose() {
    if (!"bouncycastle".equals(System.getProperty("minicoin.secp256k1"))) {
      Secp256k1Implementation native_ = LibSecp256k1.loadOrNull();
      if (native_ != null) {
        return native_;
      }
    }
    return new BouncyCastleSecp256k1();
  }
}
