package io.minicoin.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** secp256k1 in pure Java: Bouncy Castle's constant-time curve implementation. */
final class BouncyCastleSecp256k1 implements Secp256k1Implementation {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());

  @Override
  public String name() {
    return "Bouncy Castle";
  }

  @Override
  public byte[] publicKey(byte[] secret) {
    return new FixedPointCombMultiplier()
        .multiply(DOMAIN.getG(), new BigInteger(1, secret))
        .normalize()
        .getEncoded(true);
  }

  @Override
  public Object parsePublicKey(byte[] encoded) {
    try {
      return PARAMS.getCurve().decodePoint(encoded);
    } catch (IllegalArgumentException e) {
      throw new FormatException("public key is not a point on secp256k1");
    }
  }

  @Override
  public boolean verify(byte[] digest, EcdsaSignature signature, Object publicKey) {
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters((ECPoint) publicKey, DOMAIN));
    return verifier.verifySignature(digest, signature.r(), signature.s());
  }

  @Override
  public EcdsaSignature sign(byte[] digest, byte[] secret) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, secret), DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest);
    return new EcdsaSignature(rs[0], rs[1]).toLowS();
  }
}
