package io.minicoin.core;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import org.junit.jupiter.api.Test;

/** Bitcoin's mainnet genesis block, as Bitcoin Core's chainparams.cpp builds it. */
class GenesisBlockTest {
  static final String GENESIS_HEX =
      "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b2"
          + "7ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c0101000000"
          + "010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff"
          + "001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e20"
          + "6272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f205"
          + "2a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649"
          + "f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";
  static final String GENESIS_HASH =
      "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
  static final String GENESIS_MERKLE =
      "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

  @Test
  void parsesAndReserializesToTheSameBytes() {
    byte[] raw = hex(GENESIS_HEX);
    assertThat(raw).hasSize(285);
    Block genesis = Block.fromBytes(raw);
    assertThat(genesis.serialize()).isEqualTo(raw);
    assertThat(genesis.transactions()).hasSize(1);
    assertThat(genesis.transactions().get(0).isCoinbase()).isTrue();
    assertThat(genesis.transactions().get(0).totalOut()).isEqualTo(Amount.coins(50));
  }

  @Test
  void hasItsKnownHashAndMeetsItsTarget() {
    BlockHeader header = Block.fromBytes(hex(GENESIS_HEX)).header();
    assertThat(header.hash()).hasToString(GENESIS_HASH);
    assertThat(header.previous()).isEqualTo(Sha256Hash.ZERO);
    assertThat(header.bits()).isEqualTo(0x1d00ffff);
    assertThat(header.time()).isEqualTo(1231006505L);
    assertThat(header.nonce()).isEqualTo(2083236893);
    assertThat(header.meetsOwnTarget()).isTrue();
    assertThat(header.withNonce(header.nonce() + 1).meetsOwnTarget()).isFalse();
  }

  @Test
  void merkleRootIsTheCoinbaseTxid() {
    Block genesis = Block.fromBytes(hex(GENESIS_HEX));
    assertThat(genesis.header().merkleRoot()).hasToString(GENESIS_MERKLE);
    assertThat(genesis.transactions().get(0).txid()).hasToString(GENESIS_MERKLE);
    MerkleTree.Result merkle = genesis.computeMerkleRoot();
    assertThat(merkle.root()).hasToString(GENESIS_MERKLE);
    assertThat(merkle.mutated()).isFalse();
  }

  @Test
  void isTheFirstBlockOfTheMainnetBlockFile() {
    byte[] first = Vectors.blockRecords("first-100k-blocks.dat").get(0);
    assertThat(first).isEqualTo(hex(GENESIS_HEX));
  }
}
