package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MerkleTree against a reference written from the definition, and the CVE-2012-2459 check. */
class MerkleTreeTest {

  /** The definition: one hash is the root; otherwise pad an odd level, hash pairs, recurse. */
  private static byte[] referenceRoot(List<byte[]> level) {
    if (level.size() == 1) {
      return level.get(0);
    }
    List<byte[]> padded = new ArrayList<>(level);
    if (padded.size() % 2 == 1) {
      padded.add(padded.get(padded.size() - 1));
    }
    List<byte[]> next = new ArrayList<>();
    for (int i = 0; i < padded.size(); i += 2) {
      byte[] pair = new byte[64];
      System.arraycopy(padded.get(i), 0, pair, 0, 32);
      System.arraycopy(padded.get(i + 1), 0, pair, 32, 32);
      next.add(Hashes.sha256d(pair));
    }
    return referenceRoot(next);
  }

  private static List<Sha256Hash> leaves(int n) {
    List<Sha256Hash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Sha256Hash.of(new byte[] {(byte) i, 'm', 'c'}));
    }
    return out;
  }

  @Test
  void oneToNineLeavesMatchTheReference() {
    for (int n = 1; n <= 9; n++) {
      List<Sha256Hash> leaves = leaves(n);
      byte[] expected = referenceRoot(leaves.stream().map(Sha256Hash::bytes).toList());
      MerkleTree.Result result = MerkleTree.compute(leaves);
      assertThat(result.root().bytes()).as("%d leaves", n).isEqualTo(expected);
      assertThat(result.mutated()).as("%d distinct leaves", n).isFalse();
    }
  }

  @Test
  void oneLeafIsItsOwnRootAndNoLeavesGiveZero() {
    Sha256Hash only = leaves(1).get(0);
    assertThat(MerkleTree.root(List.of(only))).isEqualTo(only);
    assertThat(MerkleTree.root(List.of())).isEqualTo(Sha256Hash.ZERO);
  }

  @Test
  void duplicatingTheLastTransactionKeepsTheRootButIsReportedAsMutated() {
    for (int n : new int[] {3, 5, 7, 9}) {
      List<Sha256Hash> honest = leaves(n);
      List<Sha256Hash> forged = new ArrayList<>(honest);
      forged.add(honest.get(n - 1));
      MerkleTree.Result h = MerkleTree.compute(honest);
      MerkleTree.Result f = MerkleTree.compute(forged);
      assertThat(f.root()).as("%d leaves + 1", n).isEqualTo(h.root());
      assertThat(h.mutated()).isFalse();
      assertThat(f.mutated()).as("%d leaves + 1", n).isTrue();
    }
  }

  @Test
  void duplicatingTheLastTwoTransactionsKeepsTheRootButIsReportedAsMutated() {
    List<Sha256Hash> honest = leaves(6); // levels of 6, 3, 2, 1: the 3 pads its last hash
    List<Sha256Hash> forged = new ArrayList<>(honest);
    forged.add(honest.get(4));
    forged.add(honest.get(5));
    assertThat(MerkleTree.compute(forged).root()).isEqualTo(MerkleTree.root(honest));
    assertThat(MerkleTree.compute(forged).mutated()).isTrue();
    assertThat(MerkleTree.compute(honest).mutated()).isFalse();
  }

  @Test
  void changingAnyLeafChangesTheRoot() {
    List<Sha256Hash> leaves = leaves(7);
    Sha256Hash root = MerkleTree.root(leaves);
    for (int i = 0; i < leaves.size(); i++) {
      List<Sha256Hash> changed = new ArrayList<>(leaves);
      changed.set(i, Sha256Hash.of(new byte[] {(byte) i, 'x'}));
      assertThat(MerkleTree.root(changed)).isNotEqualTo(root);
    }
  }
}
