package io.minicoin.chain;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.store.ChainReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only questions about the block tree that Bitcoin Core's RPC answers ({@code getblockhash},
 * {@code getchaintips}, {@code nextblockhash}), each read in one consistent snapshot of the chain
 * file so a reorg under way never mixes two chains into one answer.
 */
public final class ChainQueries {
  /** Core's tip states: the best chain, a fully valid fork, a fork not yet connected, invalid. */
  public enum TipStatus {
    ACTIVE("active"),
    VALID_FORK("valid-fork"),
    VALID_HEADERS("valid-headers"),
    INVALID("invalid");

    private final String coreName;

    TipStatus(String coreName) {
      this.coreName = coreName;
    }

    public String coreName() {
      return coreName;
    }
  }

  /**
   * A block no other block builds on, and how many of its blocks are off the best chain.
   *
   * @param branchLength 0 for the best chain's tip
   */
  public record Tip(int height, Sha256Hash hash, int branchLength, TipStatus status) {}

  private final Blockchain chain;

  public ChainQueries(Blockchain chain) {
    this.chain = chain;
  }

  /** The best-chain block after {@code e}, if {@code e} is on the best chain and not its tip. */
  public Optional<Sha256Hash> next(HeaderView e) {
    return chain
        .store()
        .read(
            r ->
                r.hashAt(e.height()).filter(e.hash()::equals).isPresent()
                    ? r.hashAt(e.height() + 1)
                    : Optional.<Sha256Hash>empty());
  }

  /**
   * Every tip of the block tree, the best one first, then by height, as Core lists them. Reads the
   * whole block index: fine for a classroom chain, and Core does the same walk.
   */
  public List<Tip> tips() {
    return chain.store().read(ChainQueries::tips);
  }

  private static List<Tip> tips(ChainReader r) {
    Map<Sha256Hash, BlockIndexEntry> all = new HashMap<>();
    Set<Sha256Hash> parents = new HashSet<>();
    r.forEachEntry(
        e -> {
          all.put(e.hash(), e);
          parents.add(e.parent());
        });
    Sha256Hash best = r.tipHash();
    List<Tip> tips = new ArrayList<>();
    for (BlockIndexEntry e : all.values()) {
      if (parents.contains(e.hash()) && !e.hash().equals(best)) {
        continue;
      }
      int branch = 0;
      boolean invalid = false;
      boolean connected = true;
      BlockIndexEntry b = e;
      while (b != null && !r.isOnBestChain(b)) {
        branch++;
        invalid |= b.status() == BlockStatus.INVALID;
        connected &= b.status() == BlockStatus.CONNECTED;
        b = all.get(b.parent());
      }
      TipStatus status =
          e.hash().equals(best)
              ? TipStatus.ACTIVE
              : invalid
                  ? TipStatus.INVALID
                  : connected ? TipStatus.VALID_FORK : TipStatus.VALID_HEADERS;
      tips.add(new Tip(e.height(), e.hash(), branch, status));
    }
    tips.sort(
        Comparator.comparing((Tip t) -> t.status() != TipStatus.ACTIVE)
            .thenComparing(Comparator.comparingInt(Tip::height).reversed()));
    return tips;
  }
}
