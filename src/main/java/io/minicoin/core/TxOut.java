package io.minicoin.core;

import java.util.Optional;

/** A transaction output: an amount and the script that locks it. */
public record TxOut(Amount value, Script scriptPubKey) {
  static final int MIN_SIZE = 9;
  static final int MAX_SCRIPT = 10_000;

  public static TxOut to(Address address, Amount value) {
    return new TxOut(value, address.lockingScript());
  }

  /** The address this output pays, if it uses the P2PKH template. */
  public Optional<Address> address() {
    return scriptPubKey.payToPubKeyHash().map(Address::fromPubKeyHash);
  }

  public void write(ByteWriter w) {
    w.writeInt64(value.units());
    w.writeVarBytes(scriptPubKey.bytes());
  }

  // Written out, not generated: start-up, as in OutPoint.
  @Override
  public boolean equals(Object o) {
    return o instanceof TxOut other
        && value.equals(other.value)
        && scriptPubKey.equals(other.scriptPubKey);
  }

  @Override
  public int hashCode() {
    return 31 * value.hashCode() + scriptPubKey.hashCode();
  }

  public static TxOut read(ByteReader r) {
    Amount value = Amount.units(r.readInt64());
    return new TxOut(value, Script.of(r.readVarBytes(MAX_SCRIPT, "output script")));
  }
}
