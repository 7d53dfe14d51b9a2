package io.minicoin.crypto;

import fr.acinq.secp256k1.Secp256k1Exception;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * secp256k1 in Bitcoin Core's own library, libsecp256k1, through ACINQ's JNI binding (whose jars
 * carry the native library for Linux, macOS and Windows on x86-64 and ARM).
 */
final class LibSecp256k1 implements Secp256k1Implementation {
  private final fr.acinq.secp256k1.Secp256k1 lib;

  private LibSecp256k1(fr.acinq.secp256k1.Secp256k1 lib) {
    this.lib = lib;
  }

  /** The native library, or null if it does not load here (another platform, no temp dir...). */
  static LibSecp256k1 loadOrNull() {
    try {
      useCachedCopy();
      // The binding's entry point: it loads the native library for this platform on first use,
      // from the cached copy when useCachedCopy found one, else unpacking it to the temp dir.
      LibSecp256k1 loaded = new LibSecp256k1(fr.acinq.secp256k1.Secp256k1.Companion);
      // One known answer before trusting it: the public key of the secret 1 is the generator.
      byte[] one = new byte[32];
      one[31] = 1;
      if (!Arrays.equals(loaded.publicKey(one), GENERATOR)) {
        return null;
      }
      return loaded;
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  private static final String LIB_PATH = "fr.acinq.secp256k1.lib.path";
  private static final String LIB_NAME = "fr.acinq.secp256k1.lib.name";

  /**
   * Points the binding at a verified copy of its library in the user's cache (NativeLibraryCache),
   * which it then loads instead of unpacking a new one; leaves everything as it was when there is
   * none or when the user chose a library path.
   */
  private static void useCachedCopy() throws ReflectiveOperationException {
    if (System.getProperty(LIB_PATH) != null || System.getProperty(LIB_NAME) != null) {
      return;
    }
    // The binding's own platform name (linux-x86_64, darwin-aarch64...), so that we look where
    // its loader would; the class is in a jar we get only at run time, hence by name.
    Class<?> osInfo = Class.forName("fr.acinq.secp256k1.jni.OSInfo");
    String platform = (String) osInfo.getMethod("getNativeSuffix").invoke(null);
    String library = System.mapLibraryName("secp256k1-jni");
    java.net.URL resource =
        osInfo.getResource(
            String.format("/fr/acinq/secp256k1/jni/native/%s/%s", platform, library));
    java.nio.file.Path dir = NativeLibraryCache.defaultDir(platform);
    if (resource == null || dir == null) {
      return;
    }
    java.nio.file.Path copy = NativeLibraryCache.cachedCopy(resource, dir);
    if (copy != null) {
      System.setProperty(LIB_PATH, copy.getParent().toString());
      System.setProperty(LIB_NAME, copy.getFileName().toString());
    }
  }

  private static final byte[] GENERATOR =
      java.util.HexFormat.of()
          .parseHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");

  @Override
  public String name() {
    return "libsecp256k1";
  }

  @Override
  public byte[] publicKey(byte[] secret) {
    return lib.pubKeyCompress(lib.pubkeyCreate(secret));
  }

  @Override
  public Object parsePublicKey(byte[] encoded) {
    try {
      lib.pubkeyParse(encoded);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new FormatException("public key is not a point on secp256k1");
    }
    return encoded.clone();
  }

  @Override
  public boolean verify(byte[] digest, EcdsaSignature signature, Object publicKey) {
    // libsecp256k1 accepts only low S (its defence against malleability); consensus accepts both,
    // and (r, n - s) verifies exactly when (r, s) does, so verify the low form, as Bitcoin Core
    // does.
    try {
      return lib.verify(compact(signature.toLowS()), digest, (byte[]) publicKey);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public boolean verifyEncoded(byte[] digest, EcdsaSignature signature, byte[] encodedKey) {
    // parsePublicKey keeps the encoding, and verify parses it: the same call, one parse fewer.
    return verify(digest, signature, encodedKey);
  }

  @Override
  public EcdsaSignature sign(byte[] digest, byte[] secret) {
    byte[] rs = lib.sign(digest, secret); // RFC 6979 nonce, low S
    return new EcdsaSignature(
        new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)));
  }

  /** r and s as 32 big-endian bytes each: libsecp256k1's compact form. */
  private static byte[] compact(EcdsaSignature signature) {
    byte[] out = new byte[64];
    put(signature.r(), out, 0);
    put(signature.s(), out, 32);
    return out;
  }

  private static void put(BigInteger value, byte[] out, int at) {
    byte[] b = value.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, at + 32 - len, len);
  }
}
