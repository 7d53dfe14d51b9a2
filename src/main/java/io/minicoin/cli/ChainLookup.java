package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookups over the best chain read from the chain file, so they work with or without a running
 * node: a block by height, a transaction by txid, and an address's payments. Transactions and
 * history walk the blocks, which is quick for a classroom chain of thousands of blocks.
 */
final class ChainLookup {
  /** A confirmed transaction, the block holding it, and that block's height. */
  record Found(Transaction tx, Block block, int height) {}

  /** One transaction touching an address: what it paid the address and what it took from it. */
  record Payment(int height, Sha256Hash txid, Amount received, Amount sent) {}

  private final Blockchain chain;

  ChainLookup(Blockchain chain) {
    this.chain = chain;
  }

  /** The best chain's blocks, from {@code height} down to the genesis block. */
  private List<Block> walkDown(int fromHeight) {
    List<Block> blocks = new ArrayList<>();
    Sha256Hash hash = chain.tip().hash();
    for (int h = chain.tip().height(); h >= 0; h--) {
      Block b = chain.block(hash).orElseThrow();
      if (h <= fromHeight) {
        blocks.add(b);
      }
      hash = b.header().previous();
    }
    return blocks;
  }

  Optional<Block> blockAt(int height) {
    if (height < 0 || height > chain.tip().height()) {
      return Optional.empty();
    }
    Sha256Hash hash = chain.tip().hash();
    for (int h = chain.tip().height(); h > height; h--) {
      hash = chain.block(hash).orElseThrow().header().previous();
    }
    return chain.block(hash);
  }

  Optional<Found> transaction(Sha256Hash txid) {
    Sha256Hash hash = chain.tip().hash();
    for (int height = chain.tip().height(); height >= 0; height--) {
      Block b = chain.block(hash).orElseThrow();
      for (Transaction tx : b.transactions()) {
        if (tx.txid().equals(txid)) {
          return Optional.of(new Found(tx, b, height));
        }
      }
      hash = b.header().previous();
    }
    return Optional.empty();
  }

  /** Every confirmed transaction paying {@code address} or spending from it, oldest first. */
  List<Payment> history(Address address) {
    List<Block> blocks = walkDown(chain.tip().height());
    java.util.Collections.reverse(blocks);
    Map<OutPoint, Amount> owned = new HashMap<>();
    List<Payment> payments = new ArrayList<>();
    for (int height = 0; height < blocks.size(); height++) {
      for (Transaction tx : blocks.get(height).transactions()) {
        Amount sent = Amount.ZERO;
        if (!tx.isCoinbase()) {
          for (TxIn in : tx.inputs()) {
            Amount v = owned.remove(in.previous());
            sent = v == null ? sent : sent.plus(v);
          }
        }
        Amount received = Amount.ZERO;
        for (int i = 0; i < tx.outputs().size(); i++) {
          TxOut o = tx.outputs().get(i);
          if (o.address().filter(address::equals).isPresent()) {
            owned.put(new OutPoint(tx.txid(), i), o.value());
            received = received.plus(o.value());
          }
        }
        if (sent.isPositive() || received.isPositive()) {
          payments.add(new Payment(height, tx.txid(), received, sent));
        }
      }
    }
    return payments;
  }
}
