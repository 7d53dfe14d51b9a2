package io.minicoin.core;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.crypto.EcdsaSignature;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mainnet transaction f7fdd091... from Bitcoin Core's tx_valid.json: two P2PKH inputs signed by the
 * same uncompressed key. Its signatures were made before BIP 66 and are not strict DER; input 1's
 * has a high S, which verification must still accept.
 */
class MainnetTransactionF7fdTest {
  private static final String TXID =
      "f7fdd091fa6d8f5e7a8c2458f5c38faffff2d3f1406b6e4fe2c99dcc0d2d1cbb";
  private static final String PUBKEY_HASH = "bef80ecf3a44500fda1bc92176e442891662aed2";
  private static final String[] DIGESTS = {
    "0860b78454cdfc9704452dc35e4c9f03aaecaea7ead242358d2b3bba37f9d0dc",
    "fe5bb443be535dab1ccdd2fe9320e5eb75036cbfb6de5fd22c421bba0d438281"
  };

  /** The test entry that follows the comment naming this transaction. */
  private static List<Object> vector() {
    List<Object> entries = Vectors.jsonArray("tx_valid.json");
    boolean found = false;
    for (Object e : entries) {
      List<Object> entry = Vectors.list(e);
      if (entry.size() == 1 && ((String) entry.get(0)).contains(TXID)) {
        found = true;
      } else if (found && entry.get(0) instanceof List) {
        return entry;
      }
    }
    throw new AssertionError("tx_valid.json has no entry for " + TXID);
  }

  private static Transaction tx() {
    return Transaction.fromBytes(hex((String) vector().get(1)));
  }

  private static Script prevScript() {
    return Script.payToPubKeyHash(hex(PUBKEY_HASH));
  }

  @Test
  void txidIsTheHashOfItsBytes() {
    byte[] raw = hex((String) vector().get(1));
    Transaction tx = Transaction.fromBytes(raw);
    assertThat(tx.txid()).hasToString(TXID);
    assertThat(tx.serialize()).isEqualTo(raw);
    assertThat(tx.inputs()).hasSize(2);
  }

  @Test
  void bothSpentOutputsAreThePublishedP2pkhScript() {
    for (Object prevout : Vectors.list(vector().get(0))) {
      assertThat(Vectors.list(prevout).get(2))
          .isEqualTo("DUP HASH160 0x14 0x" + PUBKEY_HASH + " EQUALVERIFY CHECKSIG");
    }
    assertThat(hex(prevScript().bytes())).isEqualTo("76a914" + PUBKEY_HASH + "88ac");
  }

  @Test
  void sighashAllDigestsMatchTheKnownValues() {
    Transaction tx = tx();
    for (int i = 0; i < 2; i++) {
      assertThat(hex(Sighash.legacy(tx, i, prevScript(), Sighash.ALL)))
          .as("input %d", i)
          .isEqualTo(DIGESTS[i]);
    }
  }

  @Test
  void inputScriptsCarryTheKeyOfTheSpentOutputs() {
    for (TxIn in : tx().inputs()) {
      List<byte[]> pushes = in.scriptSig().pushes();
      assertThat(pushes).hasSize(2);
      PublicKey key = PublicKey.fromBytes(pushes.get(1));
      assertThat(key.bytes()).hasSize(65);
      assertThat(hex(key.hash160())).isEqualTo(PUBKEY_HASH);
      assertThat(pushes.get(0)[pushes.get(0).length - 1]).isEqualTo((byte) Sighash.ALL);
    }
  }

  /**
   * Both signatures predate BIP 66: each has an integer whose first byte is 0x80 or above with no
   * zero byte before it (input 0's r, input 1's s), a negative number in DER. Strict DER, which
   * fromDer implements and Bitcoin has required since 2015, refuses them; tx_valid.json marks the
   * transaction valid only without DERSIG and LOW_S.
   */
  @Test
  void bothSignaturesAreRefusedByStrictDerAsNegativeIntegers() {
    Transaction tx = tx();
    String[] negative = {"r is negative", "s is negative"};
    for (int i = 0; i < 2; i++) {
      byte[] der = withoutHashType(tx.inputs().get(i).scriptSig().pushes().get(0));
      assertThatThrownBy(() -> EcdsaSignature.fromDer(der))
          .as("input %d", i)
          .isInstanceOf(FormatException.class)
          .hasMessageContaining(negative[i]);
    }
  }

  /**
   * Read as the unsigned numbers the pre-BIP 66 parsers took, and re-encoded in strict DER, both
   * signatures parse with fromDer and verify with the key from the input script. Input 1's S is in
   * the upper half of the order: verification accepts it.
   */
  @Test
  void bothSignaturesVerifyAndInputOneHasAHighS() {
    Transaction tx = tx();
    for (int i = 0; i < 2; i++) {
      List<byte[]> pushes = tx.inputs().get(i).scriptSig().pushes();
      byte[] strictDer = laxDer(withoutHashType(pushes.get(0))).toDer();
      EcdsaSignature sig = EcdsaSignature.fromDer(strictDer);
      PublicKey key = PublicKey.fromBytes(pushes.get(1));
      byte[] digest = Sighash.legacy(tx, i, prevScript(), Sighash.ALL);
      assertThat(key.verify(digest, sig)).as("input %d", i).isTrue();
      assertThat(key.verify(digest, sig.toLowS())).as("input %d, low S form", i).isTrue();
      byte[] otherDigest = Sighash.legacy(tx, 1 - i, prevScript(), Sighash.ALL);
      assertThat(key.verify(otherDigest, sig)).as("input %d against the other digest", i).isFalse();
      assertThat(sig.isLowS()).as("input %d is low S", i).isEqualTo(i == 0);
    }
  }

  /** The two integers of a DER-shaped signature taken as unsigned, as pre-BIP 66 parsers did. */
  private static EcdsaSignature laxDer(byte[] der) {
    int lenR = der[3];
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + lenR));
    int lenS = der[5 + lenR];
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, 6 + lenR, 6 + lenR + lenS));
    return new EcdsaSignature(r, s);
  }

  private static byte[] withoutHashType(byte[] sigWithHashType) {
    return Arrays.copyOf(sigWithHashType, sigWithHashType.length - 1);
  }
}
