package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first 439 mainnet blocks and block 169482, from bitcoinj's fixtures (PROVENANCE.md). */
class MainnetBlocksTest {

  @Test
  void first439BlocksParseLinkAndCarryValidWorkAndMerkleRoots() {
    List<byte[]> records = Vectors.blockRecords("first-100k-blocks.dat");
    assertThat(records).hasSize(439);
    Sha256Hash parent = Sha256Hash.ZERO;
    int transactions = 0;
    for (int height = 0; height < records.size(); height++) {
      Block block = checkBlock(records.get(height), "height " + height);
      assertThat(block.header().previous()).as("parent of height %d", height).isEqualTo(parent);
      assertThat(block.header().bits()).isEqualTo(0x1d00ffff);
      assertThat(block.transactions().get(0).isCoinbase()).isTrue();
      parent = block.hash();
      transactions += block.transactions().size();
    }
    assertThat(parent)
        .hasToString("0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a");
    assertThat(transactions).isEqualTo(446);
  }

  @Test
  void block169482() {
    Block block = checkBlock(Vectors.bytes("block169482.dat"), "block 169482");
    assertThat(block.hash())
        .hasToString("0000000000000756935f1ee9d5987857b604046f846d3df56d024cdb5f368665");
    assertThat(block.transactions()).hasSize(14);
  }

  private static Block checkBlock(byte[] raw, String name) {
    Block block = Block.fromBytes(raw);
    assertThat(block.serialize()).as("re-serialized %s", name).isEqualTo(raw);
    assertThat(block.size()).as("size of %s", name).isEqualTo(raw.length);
    assertThat(block.header().meetsOwnTarget()).as("work of %s", name).isTrue();
    MerkleTree.Result merkle = block.computeMerkleRoot();
    assertThat(merkle.root()).as("Merkle root of %s", name).isEqualTo(block.header().merkleRoot());
    assertThat(merkle.mutated()).isFalse();
    for (Transaction tx : block.transactions()) {
      assertThat(Transaction.fromBytes(tx.serialize())).isEqualTo(tx);
    }
    return block;
  }
}
