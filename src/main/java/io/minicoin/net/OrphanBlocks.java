package io.minicoin.net;

import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks whose parent we do not have yet, kept with the peer that sent them until the parent
 * arrives. Bounded by count and by bytes: when full, the oldest go first, so a peer cannot fill our
 * memory with blocks that lead nowhere.
 */
final class OrphanBlocks {
  /** An orphan and who sent it, so that if it turns out invalid, its sender is the one dropped. */
  record Orphan(Block block, Peer source, int size) {}

  private final int maxCount;
  private final long maxBytes;
  private final Map<Sha256Hash, Orphan> byHash = new LinkedHashMap<>();
  private long bytes;

  OrphanBlocks(int maxCount, long maxBytes) {
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
  }

  void add(Block block, Peer source) {
    if (byHash.containsKey(block.hash())) {
      return; // already held: evicting another orphan to make room for it would lose that one
    }
    int size = block.size();
    Iterator<Orphan> oldest = byHash.values().iterator();
    while (oldest.hasNext() && (byHash.size() >= maxCount || bytes + size > maxBytes)) {
      bytes -= oldest.next().size();
      oldest.remove();
    }
    if (byHash.putIfAbsent(block.hash(), new Orphan(block, source, size)) == null) {
      bytes += size;
    }
  }

  boolean contains(Sha256Hash hash) {
    return byHash.containsKey(hash);
  }

  /** Removes and returns the orphans whose parent is {@code parent}. */
  List<Orphan> takeChildrenOf(Sha256Hash parent) {
    List<Orphan> children = new ArrayList<>();
    byHash
        .values()
        .removeIf(
            o -> {
              if (o.block().header().previous().equals(parent)) {
                children.add(o);
                bytes -= o.size();
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
