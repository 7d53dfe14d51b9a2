package io.minicoin.core;

/**
 * An output nobody has spent yet, with what validation needs to know about where it came from: the
 * height of its block and whether it was a coinbase. The UTXO set is a map of these.
 */
public record UnspentOutput(OutPoint outPoint, TxOut output, int height, boolean coinbase) {

  public Amount value() {
    return output.value();
  }
}
