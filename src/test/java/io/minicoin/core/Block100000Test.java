package io.minicoin.core;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Mainnet block 100000: its header and its four-transaction Merkle root (PROVENANCE.md). */
class Block100000Test {
  private static final String HEADER =
      "0100000050120119172a610421a6c3011dd330d9df07b63616c2cc1f1cd00200000000006657a9252aacd5c0b2"
          + "940996ecff952228c3067cc38d4885efb5a4ac4247e9f337221b4d4c86041b0f2b5710";
  private static final String MERKLE_ROOT =
      "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766";

  @Test
  void headerParsesToItsKnownHash() {
    ByteReader r = new ByteReader(hex(HEADER));
    BlockHeader header = BlockHeader.read(r);
    r.expectEnd("header");
    assertThat(header.hash())
        .hasToString("000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506");
    assertThat(header.previous())
        .hasToString("000000000002d01c1fccc21636b607dfd930d31d01c3a62104612a1719011250");
    assertThat(header.merkleRoot()).hasToString(MERKLE_ROOT);
    assertThat(header.bits()).isEqualTo(0x1b04864c);
    assertThat(header.meetsOwnTarget()).isTrue();
    assertThat(hex(header.serialize())).isEqualTo(HEADER);
  }

  @Test
  void merkleRootOfItsFourTxids() {
    List<Sha256Hash> txids =
        Stream.of(
                "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
                "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
                "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
                "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d")
            .map(Sha256Hash::fromHex)
            .toList();
    assertThat(MerkleTree.root(txids)).hasToString(MERKLE_ROOT);
    assertThat(MerkleTree.compute(txids).mutated()).isFalse();
  }
}
