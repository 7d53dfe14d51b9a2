package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.EcdsaSignature;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.PublicKey;
import io.minicoin.crypto.Sha256Hash;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A signature over SIGHASH_ALL commits to every output: changing one after signing breaks it. */
class TamperedTransactionTest {
  private final PrivateKey owner = PrivateKey.fromBytes(bytes32(11));
  private final Address ownerAddress = Address.fromPublicKey(owner.publicKey());
  private final Address recipient =
      Address.fromPublicKey(PrivateKey.fromBytes(bytes32(12)).publicKey());
  private final Address thief =
      Address.fromPublicKey(PrivateKey.fromBytes(bytes32(13)).publicKey());
  private final OutPoint spent = new OutPoint(Sha256Hash.of(new byte[] {1, 2, 3}), 0);
  private final Script prevScript = ownerAddress.lockingScript();

  private Transaction unsigned(List<TxOut> outputs) {
    return new Transaction(List.of(new TxIn(spent, Script.EMPTY)), outputs);
  }

  private Transaction signedCopy(Transaction tx, byte[] sigWithHashType) {
    TxIn in = new TxIn(spent, Script.spending(sigWithHashType, owner.publicKey().bytes()));
    return new Transaction(tx.version(), List.of(in), tx.outputs(), tx.lockTime());
  }

  @Test
  void changingAnAmountOrRecipientAfterSigningBreaksTheSignature() {
    List<TxOut> honestOutputs =
        List.of(TxOut.to(recipient, Amount.coins(3)), TxOut.to(ownerAddress, Amount.coins(6)));
    Transaction tx = unsigned(honestOutputs);
    byte[] digest = Sighash.legacy(tx, 0, prevScript, Sighash.ALL);
    EcdsaSignature sig = owner.sign(digest);
    byte[] der = sig.toDer();
    byte[] sigWithHashType = Arrays.copyOf(der, der.length + 1);
    sigWithHashType[der.length] = Sighash.ALL;
    Transaction signed = signedCopy(tx, sigWithHashType);

    // A verifier reads the signature and key back out of the input script.
    List<byte[]> pushes = signed.inputs().get(0).scriptSig().pushes();
    EcdsaSignature parsed =
        EcdsaSignature.fromDer(Arrays.copyOf(pushes.get(0), pushes.get(0).length - 1));
    PublicKey key = PublicKey.fromBytes(pushes.get(1));
    assertThat(prevScript.payToPubKeyHash())
        .hasValueSatisfying(h -> assertThat(h).isEqualTo(key.hash160()));
    byte[] signedDigest = Sighash.legacy(signed, 0, prevScript, Sighash.ALL);
    assertThat(signedDigest).as("the input script is not part of the digest").isEqualTo(digest);
    assertThat(key.verify(signedDigest, parsed)).isTrue();

    Transaction moreMoney =
        signedCopy(
            unsigned(List.of(TxOut.to(recipient, Amount.coins(4)), honestOutputs.get(1))),
            sigWithHashType);
    Transaction otherRecipient =
        signedCopy(
            unsigned(List.of(TxOut.to(thief, Amount.coins(3)), honestOutputs.get(1))),
            sigWithHashType);
    Transaction droppedChange =
        signedCopy(unsigned(List.of(honestOutputs.get(0))), sigWithHashType);
    for (Transaction tampered : List.of(moreMoney, otherRecipient, droppedChange)) {
      byte[] newDigest = Sighash.legacy(tampered, 0, prevScript, Sighash.ALL);
      assertThat(newDigest).isNotEqualTo(digest);
      assertThat(key.verify(newDigest, parsed)).isFalse();
      assertThat(tampered.txid()).isNotEqualTo(signed.txid());
    }
  }

  @Test
  void theTxidCoversTheSignature() {
    Transaction tx = unsigned(List.of(TxOut.to(recipient, Amount.coins(1))));
    Transaction a = signedCopy(tx, new byte[] {1});
    Transaction b = signedCopy(tx, new byte[] {2});
    assertThat(a.txid()).isNotEqualTo(b.txid());
    assertThat(Sighash.legacy(a, 0, prevScript, Sighash.ALL))
        .isEqualTo(Sighash.legacy(b, 0, prevScript, Sighash.ALL));
  }

  private static byte[] bytes32(int n) {
    byte[] out = new byte[32];
    out[31] = (byte) n;
    return out;
  }
}
