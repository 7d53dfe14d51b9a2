package io.minicoin.chain;

import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Sighash;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.EcdsaSignature;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.PublicKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every transaction must follow, in two tiers: {@link #checkSanity} needs nothing but the
 * transaction; {@link #checkInputs} needs the outputs it spends.
 */
public final class TransactionRules {
  private TransactionRules() {}

  public static void checkSanity(Transaction tx) throws VerificationException {
    if (tx.inputs().isEmpty()) {
      throw new VerificationException(
          RejectReason.BAD_TXNS_VIN_EMPTY, "transaction " + tx.txid() + " has no inputs");
    }
    if (tx.outputs().isEmpty()) {
      throw new VerificationException(
          RejectReason.BAD_TXNS_VOUT_EMPTY, "transaction " + tx.txid() + " has no outputs");
    }
    if (tx.size() > Transaction.MAX_SIZE) {
      throw new VerificationException(RejectReason.BAD_TXNS_OVERSIZE, tx.size() + " bytes");
    }
    Amount total = Amount.ZERO;
    for (TxOut out : tx.outputs()) {
      if (out.value().isNegative()) {
        throw new VerificationException(
            RejectReason.BAD_TXNS_VOUT_NEGATIVE,
            "output of " + out.value().units() + " units in " + tx.txid());
      }
      if (out.value().compareTo(Amount.MAX_MONEY) > 0) {
        throw new VerificationException(
            RejectReason.BAD_TXNS_VOUT_TOOLARGE,
            "output of " + out.value() + " coins in " + tx.txid());
      }
      total = total.plus(out.value());
      if (total.compareTo(Amount.MAX_MONEY) > 0) {
        throw new VerificationException(
            RejectReason.BAD_TXNS_TXOUTTOTAL_TOOLARGE,
            "outputs of " + tx.txid() + " add up to " + total);
      }
      if (out.scriptPubKey().payToPubKeyHash().isEmpty()) {
        throw new VerificationException(
            RejectReason.BAD_TXNS_NONSTANDARD,
            "output script " + out.scriptPubKey() + " is not pay-to-public-key-hash");
      }
    }
    Set<OutPoint> spent = new HashSet<>();
    for (TxIn in : tx.inputs()) {
      if (!spent.add(in.previous())) {
        throw new VerificationException(
            RejectReason.BAD_TXNS_INPUTS_DUPLICATE,
            tx.txid() + " spends " + in.previous() + " twice");
      }
    }
    if (tx.isCoinbase()) {
      int len = tx.inputs().get(0).scriptSig().length();
      if (len < 2 || len > 100) {
        throw new VerificationException(
            RejectReason.BAD_CB_LENGTH, "coinbase script of " + len + " bytes");
      }
    } else {
      for (TxIn in : tx.inputs()) {
        if (in.previous().isNull()) {
          throw new VerificationException(
              RejectReason.BAD_TXNS_PREVOUT_NULL, "input of " + tx.txid() + " spends nothing");
        }
      }
    }
  }

  /**
   * Checks that every input spends an unspent output the spender owns, with a valid signature, and
   * that the inputs cover the outputs.
   *
   * @return the fee: inputs minus outputs
   */
  public static Amount checkInputs(Transaction tx, UtxoView view) throws VerificationException {
    return checkInputs(tx, view, null);
  }

  /**
   * As {@link #checkInputs(Transaction, UtxoView)}, but with the signature checks added to {@code
   * signatures} (to run later, in parallel) instead of run now, when it is not null.
   */
  static Amount checkInputs(Transaction tx, UtxoView view, SignatureChecks signatures)
      throws VerificationException {
    Amount in = Amount.ZERO;
    List<TxIn> inputs = tx.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      OutPoint prev = inputs.get(i).previous();
      Optional<UnspentOutput> coin = view.unspent(prev);
      if (coin.isEmpty()) {
        throw new VerificationException(
            RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT,
            tx.txid() + " input " + i + " spends " + prev + ", which is missing or spent");
      }
      if (signatures == null) {
        checkSignature(tx, i, coin.get());
      } else {
        int index = i;
        UnspentOutput spent = coin.get();
        signatures.add(() -> checkSignature(tx, index, spent));
      }
      in = in.plus(coin.get().value());
    }
    Amount out = tx.totalOut();
    if (in.compareTo(out) < 0) {
      throw new VerificationException(
          RejectReason.BAD_TXNS_IN_BELOWOUT, tx.txid() + " spends " + in + " but pays " + out);
    }
    return in.minus(out);
  }

  /**
   * Relay policy, not consensus: every signature must have a low S. A high-S signature is valid
   * (old blocks hold them), but anyone who relays it could flip S to the low form and so change the
   * transaction's txid without invalidating it; refusing high S in the pool closes that door.
   */
  public static void checkLowS(Transaction tx) throws VerificationException {
    for (int i = 0; i < tx.inputs().size(); i++) {
      try {
        List<byte[]> pushes = tx.inputs().get(i).scriptSig().pushes();
        if (!pushes.isEmpty() && pushes.get(0).length > 1) {
          byte[] sig = pushes.get(0);
          if (!EcdsaSignature.fromDer(Arrays.copyOf(sig, sig.length - 1)).isLowS()) {
            throw new VerificationException(
                RejectReason.NON_CANONICAL_SIGNATURE,
                tx.txid() + " input " + i + " has a high-S signature");
          }
        }
      } catch (FormatException e) {
        // not a signature at all: checkInputs refuses it with the reason
      }
    }
  }

  /**
   * The P2PKH check, without a script interpreter: the input script is {@code <sig> <pubkey>}, the
   * key hashes to the hash the output is locked to, and the signature over the transaction's
   * SIGHASH_ALL digest verifies with that key.
   */
  static void checkSignature(Transaction tx, int index, UnspentOutput coin)
      throws VerificationException {
    byte[] lockedTo =
        coin.output()
            .scriptPubKey()
            .payToPubKeyHash()
            .orElseThrow(
                () ->
                    new VerificationException(
                        RejectReason.BAD_TXNS_NONSTANDARD,
                        coin.outPoint() + " is not pay-to-public-key-hash"));
    List<byte[]> pushes;
    try {
      pushes = tx.inputs().get(index).scriptSig().pushes();
    } catch (FormatException e) {
      throw new VerificationException(
          RejectReason.BAD_SIG, where(tx, index) + ": " + e.getMessage());
    }
    if (pushes.size() != 2) {
      throw new VerificationException(
          RejectReason.BAD_SIG,
          where(tx, index) + ": input script must be <signature> <public key>");
    }
    byte[] sig = pushes.get(0);
    if (sig.length < 2 || sig[sig.length - 1] != Sighash.ALL) {
      throw new VerificationException(
          RejectReason.BAD_SIG, where(tx, index) + ": signature must end in SIGHASH_ALL");
    }
    byte[] key = pushes.get(1);
    EcdsaSignature signature;
    try {
      signature = EcdsaSignature.fromDer(Arrays.copyOf(sig, sig.length - 1));
    } catch (FormatException e) {
      throw new VerificationException(
          RejectReason.BAD_SIG, where(tx, index) + ": " + e.getMessage());
    }
    // Whose key it is before what form it has, as Bitcoin Core's script does (OP_EQUALVERIFY runs
    // before OP_CHECKSIG looks at the key).
    if (!Arrays.equals(Hashes.hash160(key), lockedTo)) {
      throw new VerificationException(
          RejectReason.BAD_SIG, where(tx, index) + ": the key does not own " + coin.outPoint());
    }
    byte[] digest = Sighash.legacy(tx, index, coin.output().scriptPubKey(), Sighash.ALL);
    try {
      // The key's SEC form is checked there, and the key parsed while verifying (one call into
      // libsecp256k1, not two); only a refusal asks again whether it was a point at all, to say so.
      if (!PublicKey.verifyWithEncodedKey(key, digest, signature)) {
        PublicKey.fromBytes(key);
        throw new VerificationException(
            RejectReason.BAD_SIG, where(tx, index) + ": signature does not verify");
      }
    } catch (FormatException e) {
      throw new VerificationException(
          RejectReason.BAD_SIG, where(tx, index) + ": " + e.getMessage());
    }
  }

  /** Names the input in a refusal; made only then (formatting a txid costs as much as a lookup). */
  private static String where(Transaction tx, int index) {
    return tx.txid() + " input " + index;
  }
}
