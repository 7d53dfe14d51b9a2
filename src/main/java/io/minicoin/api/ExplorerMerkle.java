package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.core.Block;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /explorer/merkle/<block hash>[?tx=<number or txid>]}: a block's Merkle tree, from the
 * transaction ids (level 0) up to the root, each hash as Bitcoin shows it; a level with an odd
 * count pairs its last hash with itself, as Bitcoin does.
 *
 * <p>A tree wider than {@value #MAX_DRAWN} leaves cannot be drawn readably, so its wide lower
 * levels are left out ({@code widths} still counts every level) and the answer adds the Merkle
 * branch of one transaction ({@code tx}, the coinbase when not named): at each level its hash, the
 * sibling hash it is paired with, on which side, and the parent they make, up to the root. That is
 * the proof a light client checks (Bitcoin's {@code gettxoutproof}), and what a learner can follow
 * by hand in a block of any size.
 */
final class ExplorerMerkle {
  /** Leaves of a drawn Merkle tree at most; a wider level is left out of {@code levels}. */
  static final int MAX_DRAWN = 64;

  private ExplorerMerkle() {}

  static RestReply tree(Block block, String tx) {
    List<List<Sha256Hash>> levels = levels(block.txids());
    ObjectNode o = RpcJson.object();
    o.put("root", block.header().merkleRoot().toString());
    o.put("transactions", block.transactions().size());
    ArrayNode widths = o.putArray("widths");
    ArrayNode drawn = o.putArray("levels");
    for (List<Sha256Hash> l : levels) {
      widths.add(l.size());
      if (l.size() <= MAX_DRAWN) {
        ArrayNode row = drawn.addArray();
        l.forEach(h -> row.add(h.toString()));
      }
    }
    if (tx != null || block.transactions().size() > MAX_DRAWN) {
      o.set("branch", branch(levels, position(block, tx)));
    }
    return RestReply.json(o);
  }

  /** Where {@code tx} (a number from 0, or a txid) is in the block; the coinbase when null. */
  private static int position(Block block, String tx) {
    if (tx == null || tx.isEmpty()) {
      return 0;
    }
    if (tx.length() <= 7 && tx.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(tx);
      if (n >= block.transactions().size()) {
        throw RestReply.Error.notFound(
            "the block has " + block.transactions().size() + " transactions, numbered from 0");
      }
      return n;
    }
    int at = block.txids().indexOf(EsploraRoutes.hash(tx));
    if (at < 0) {
      throw RestReply.Error.notFound("transaction " + tx + " is not in this block");
    }
    return at;
  }

  static List<List<Sha256Hash>> levels(List<Sha256Hash> txids) {
    List<List<Sha256Hash>> levels = new ArrayList<>();
    List<Sha256Hash> level = txids;
    levels.add(level);
    while (level.size() > 1) {
      List<Sha256Hash> up = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i < level.size(); i += 2) {
        up.add(parent(level.get(i), i + 1 < level.size() ? level.get(i + 1) : level.get(i)));
      }
      levels.add(up);
      level = up;
    }
    return levels;
  }

  private static Sha256Hash parent(Sha256Hash left, Sha256Hash right) {
    byte[] pair = new byte[64];
    System.arraycopy(left.bytes(), 0, pair, 0, 32);
    System.arraycopy(right.bytes(), 0, pair, 32, 32);
    return Sha256Hash.wrap(Hashes.sha256d(pair));
  }

  /**
   * The branch from leaf {@code at} to the root: one step per level below the root, each {@code
   * {level, hash, sibling, side, parent}}, side telling where the sibling goes ("left" or "right";
   * "self" when the hash is the odd last one, paired with itself).
   */
  private static ObjectNode branch(List<List<Sha256Hash>> levels, int at) {
    ObjectNode b = RpcJson.object();
    b.put("index", at);
    b.put("txid", levels.get(0).get(at).toString());
    ArrayNode steps = b.putArray("steps");
    int i = at;
    for (int l = 0; l + 1 < levels.size(); l++) {
      List<Sha256Hash> level = levels.get(l);
      int sibling = (i % 2 == 0) ? i + 1 : i - 1;
      String side = sibling >= level.size() ? "self" : (i % 2 == 0 ? "right" : "left");
      steps
          .addObject()
          .put("level", l)
          .put("position", i)
          .put("hash", level.get(i).toString())
          .put("sibling", level.get(Math.min(sibling, level.size() - 1)).toString())
          .put("side", side)
          .put("parent", levels.get(l + 1).get(i / 2).toString());
      i /= 2;
    }
    return b;
  }
}
