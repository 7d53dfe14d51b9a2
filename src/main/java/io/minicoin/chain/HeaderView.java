package io.minicoin.chain;

import io.minicoin.core.BlockHeader;
import io.minicoin.crypto.Sha256Hash;
import java.math.BigInteger;

/**
 * What the chain knows of a stored block without reading the block: its header, its height, the
 * total work of the chain that ends in it, and whether it broke a rule. This is how the layers
 * above the chain (the network, the command line, the HTTP API) see blocks; the store's own index
 * entries stay inside the chain.
 *
 * @param chainWork the expected number of hashes to make this block and all before it: the measure
 *     by which the best chain is chosen
 * @param invalid the block broke a rule or builds on one that did; it is never accepted again
 */
public record HeaderView(BlockHeader header, int height, BigInteger chainWork, boolean invalid) {

  public Sha256Hash hash() {
    return header.hash();
  }

  public Sha256Hash parent() {
    return header.previous();
  }
}
