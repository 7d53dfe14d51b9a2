package io.minicoin.core;

/**
 * An output nobody has spent yet, with what validation needs to know about where it came from: the
 * height of its block and whether it was a coinbase. The UTXO set is a map of these.
 */
public record UnspentOutput(OutPoint outPoint, TxOut output, int height, boolean coinbase) {

  public Amount value() {
    return output.value();
  }

  // Written out, not generated: start-up, as in OutPoint.
  @Override
  public boolean equals(Object o) {
    return o instanceof UnspentOutput other
        && height == other.height
        && coinbase == other.coinbase
        && outPoint.equals(other.outPoint)
        && output.equals(other.output);
  }

  @Override
  public int hashCode() {
    return ((outPoint.hashCode() * 31 + output.hashCode()) * 31 + height) * 31
        + Boolean.hashCode(coinbase);
  }
}
