package io.minicoin.chain;

import io.minicoin.core.OutPoint;
import io.minicoin.core.UnspentOutput;
import java.util.Optional;

/**
 * Where a transaction's inputs are looked up: the chain's UTXO set, possibly with the pool's
 * outputs on top.
 */
@FunctionalInterface
public interface UtxoView {
  Optional<UnspentOutput> unspent(OutPoint outPoint);
}
