package io.minicoin.wallet;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Script;
import io.minicoin.core.Sighash;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds and signs a payment: picks the oldest of the unspent outputs it is given until they cover
 * the amount and the fee, pays the recipient, returns the change to the sender, and signs every
 * input with the sender's key over the legacy SIGHASH_ALL digest.
 */
public final class TransactionBuilder {
  private TransactionBuilder() {}

  public static Transaction pay(
      PrivateKey key, List<UnspentOutput> available, Address to, Amount amount, Amount fee) {
    Address from = Address.fromPublicKey(key.publicKey());
    Amount needed = amount.plus(fee);
    List<UnspentOutput> coins = new ArrayList<>(available);
    coins.sort(
        Comparator.comparingInt(UnspentOutput::height)
            .thenComparing(c -> c.outPoint().txid())
            .thenComparingLong(c -> c.outPoint().index()));
    List<UnspentOutput> chosen = new ArrayList<>();
    Amount total = Amount.ZERO;
    for (UnspentOutput c : coins) {
      if (total.compareTo(needed) >= 0) {
        break;
      }
      chosen.add(c);
      total = total.plus(c.value());
    }
    if (total.compareTo(needed) < 0) {
      Amount balance = coins.stream().map(UnspentOutput::value).reduce(Amount.ZERO, Amount::plus);
      throw new WalletException(
          "not enough funds: " + from + " has " + balance + ", the amount plus fee is " + needed);
    }
    List<TxOut> outputs = new ArrayList<>();
    outputs.add(TxOut.to(to, amount));
    Amount change = total.minus(needed);
    if (change.isPositive()) {
      outputs.add(TxOut.to(from, change));
    }
    List<TxIn> unsigned = chosen.stream().map(c -> new TxIn(c.outPoint(), Script.EMPTY)).toList();
    return sign(key, new Transaction(unsigned, outputs), chosen);
  }

  /**
   * Signs input i as the owner of {@code spent.get(i)}: each signature covers every input and
   * output.
   */
  static Transaction sign(PrivateKey key, Transaction unsigned, List<UnspentOutput> spent) {
    byte[] pubKey = key.publicKey().bytes();
    List<TxIn> signed = new ArrayList<>();
    for (int i = 0; i < unsigned.inputs().size(); i++) {
      byte[] digest =
          Sighash.legacy(unsigned, i, spent.get(i).output().scriptPubKey(), Sighash.ALL);
      byte[] der = key.sign(digest).toDer();
      byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
      sig[der.length] = Sighash.ALL;
      TxIn in = unsigned.inputs().get(i);
      signed.add(new TxIn(in.previous(), Script.spending(sig, pubKey), in.sequence()));
    }
    return new Transaction(unsigned.version(), signed, unsigned.outputs(), unsigned.lockTime());
  }
}
