package io.minicoin.chain;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block locator and the answer to one, as in Bitcoin's {@code getblocks}.
 *
 * <p>A node that wants to catch up sends a list of hashes of its chain, from its tip back: the
 * newest ten one apart, then doubling the step, ending with the genesis block. About 10 + log2(n)
 * hashes describe a chain of n blocks. The peer walks the list and takes the first hash on its own
 * best chain: that is the newest block both share (the fork point, give or take the gaps), and it
 * sends the hashes of its best chain after it.
 */
final class BlockLocator {
  private BlockLocator() {}

  /**
   * A locator that starts at any stored block, also one on a side branch: while a heavier branch is
   * downloaded, the next request must start where the last batch ended, not at our tip. An unknown
   * {@code start} means our tip.
   */
  static List<Sha256Hash> from(ChainReader r, Sha256Hash start) {
    List<Sha256Hash> hashes = new ArrayList<>();
    BlockIndexEntry e = r.entry(start).orElseGet(r::tip);
    int step = 1;
    while (e.height() > 0) {
      hashes.add(e.hash());
      if (hashes.size() >= 10) {
        step *= 2;
      }
      int target = Math.max(0, e.height() - step);
      while (e.height() > target) {
        if (r.isOnBestChain(e)) { // from here the heights table jumps straight there
          e = r.requireEntry(r.requireHashAt(target));
        } else {
          e = r.requireEntry(e.parent());
        }
      }
    }
    hashes.add(r.genesisHash());
    return hashes;
  }

  /**
   * Best-chain hashes after the newest locator entry on our best chain, up to {@code stop} or
   * {@code max} of them.
   */
  static List<Sha256Hash> hashesAfter(
      ChainReader r, List<Sha256Hash> locator, Sha256Hash stop, int max) {
    int start = 1; // as Bitcoin Core: with no shared block, start after the genesis block
    for (Sha256Hash h : locator) {
      Optional<BlockIndexEntry> e = r.entry(h);
      if (e.isPresent() && r.isOnBestChain(e.get())) {
        start = e.get().height() + 1;
        break;
      }
    }
    List<Sha256Hash> out = new ArrayList<>();
    int tipHeight = r.tip().height();
    for (int h = start; h <= tipHeight && out.size() < max; h++) {
      Sha256Hash hash = r.requireHashAt(h);
      out.add(hash);
      if (hash.equals(stop)) {
        break;
      }
    }
    return out;
  }
}
