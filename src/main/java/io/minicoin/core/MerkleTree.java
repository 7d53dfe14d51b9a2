package io.minicoin.core;

import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import java.util.List;

/**
 * Bitcoin's Merkle root: pair up the hashes, double SHA-256 each pair, repeat until one is left; a
 * level with an odd count pairs its last hash with itself.
 *
 * <p>That repetition lets two different transaction lists share a root (duplicate the last
 * transactions of a level: CVE-2012-2459), so the computation also reports whether any level held
 * two identical hashes side by side; such a block is refused as {@code bad-txns-duplicate}.
 */
public final class MerkleTree {
  private MerkleTree() {}

  public record Result(Sha256Hash root, boolean mutated) {}

  public static Result compute(List<Sha256Hash> leaves) {
    if (leaves.isEmpty()) {
      return new Result(Sha256Hash.ZERO, false);
    }
    byte[][] level = new byte[leaves.size()][];
    for (int i = 0; i < level.length; i++) {
      level[i] = leaves.get(i).bytes();
    }
    int count = level.length;
    boolean mutated = false;
    byte[] pair = new byte[64];
    while (count > 1) {
      int next = 0;
      for (int i = 0; i < count; i += 2) {
        byte[] left = level[i];
        byte[] right = i + 1 < count ? level[i + 1] : left;
        if (i + 1 < count && java.util.Arrays.equals(left, right)) {
          mutated = true;
        }
        System.arraycopy(left, 0, pair, 0, 32);
        System.arraycopy(right, 0, pair, 32, 32);
        level[next++] = Hashes.sha256d(pair);
      }
      count = next;
    }
    return new Result(Sha256Hash.wrap(level[0]), mutated);
  }

  public static Sha256Hash root(List<Sha256Hash> leaves) {
    return compute(leaves).root();
  }
}
