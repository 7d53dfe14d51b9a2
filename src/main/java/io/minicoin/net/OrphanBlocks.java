package io.minicoin.net;

import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks whose parent we do not have yet, kept until the parent arrives. Bounded: when full, the
 * oldest is dropped, so a peer cannot fill our memory with blocks that lead nowhere.
 */
final class OrphanBlocks {
  private final int capacity;
  private final Map<Sha256Hash, Block> byHash = new LinkedHashMap<>();

  OrphanBlocks(int capacity) {
    this.capacity = capacity;
  }

  void add(Block block) {
    if (byHash.size() >= capacity) {
      Iterator<Sha256Hash> oldest = byHash.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byHash.put(block.hash(), block);
  }

  boolean contains(Sha256Hash hash) {
    return byHash.containsKey(hash);
  }

  /** Removes and returns the orphans whose parent is {@code parent}. */
  List<Block> takeChildrenOf(Sha256Hash parent) {
    List<Block> children = new ArrayList<>();
    byHash.values().removeIf(b -> {
      if (b.header().previous().equals(parent)) {
        children.add(b);
        return true;
      }
      return false;
    });
    return children;
  }

  int size() {
    return byHash.size();
  }
}
