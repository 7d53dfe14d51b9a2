package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.TransactionIndex.LocatedTransaction;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Lookups over the best chain read from the chain file, so they work with or without a running
 * node: a block by height, a transaction by txid, and an address's payments (the last two from the
 * chain's transaction and address-history indexes).
 */
final class ChainLookup {
  /** One transaction touching an address: what it paid the address and what it took from it. */
  record Payment(int height, Sha256Hash txid, Amount received, Amount sent) {}

  private static final int PAGE = 500;

  private final Blockchain chain;
  private final TransactionIndex index;

  ChainLookup(Blockchain chain) {
    this.chain = chain;
    this.index = new TransactionIndex(chain);
  }

  Optional<Block> blockAt(int height) {
    return chain.hashAt(height).flatMap(chain::block);
  }

  Optional<LocatedTransaction> transaction(Sha256Hash txid) {
    return index.transaction(txid);
  }

  /** Every confirmed transaction paying {@code address} or spending from it, oldest first. */
  List<Payment> history(Address address) {
    byte[] scriptHash = TransactionIndex.scriptHash(address.lockingScript());
    List<Payment> payments = new ArrayList<>();
    Optional<Sha256Hash> last = Optional.empty();
    while (true) {
      List<LocatedTransaction> page = index.history(scriptHash, last, PAGE);
      for (LocatedTransaction t : page) {
        payments.add(
            new Payment(
                t.confirmation().orElseThrow().height(),
                t.tx().txid(),
                paidTo(address, t.tx().outputs()),
                paidTo(address, t.prevouts())));
      }
      if (page.size() < PAGE) {
        break;
      }
      last = Optional.of(page.get(page.size() - 1).tx().txid());
    }
    Collections.reverse(payments);
    return payments;
  }

  private static Amount paidTo(Address address, List<TxOut> outputs) {
    Amount sum = Amount.ZERO;
    for (TxOut o : outputs) {
      if (o != null && o.address().filter(address::equals).isPresent()) {
        sum = sum.plus(o.value());
      }
    }
    return sum;
  }
}
