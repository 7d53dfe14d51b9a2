package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The value types whose equals and hashCode are written out (for start-up) keep a record's meaning:
 * equal exactly when every component is equal, and equal values hash alike, so they still work as
 * keys of the UTXO set and the pool's maps.
 */
class ValueEqualityTest {
  private static final Sha256Hash TXID = Sha256Hash.of(new byte[] {1});
  private static final Sha256Hash OTHER_TXID = Sha256Hash.of(new byte[] {2});

  private static TxOut out(long units, int scriptByte) {
    return new TxOut(Amount.units(units), Script.of(new byte[] {(byte) scriptByte, 0x51}));
  }

  @Test
  void equalComponentsMakeEqualValuesWithEqualHashes() {
    assertEqualPair(Amount.units(7), Amount.units(7));
    assertEqualPair(new OutPoint(TXID, 3), new OutPoint(Sha256Hash.wrap(TXID.bytes()), 3));
    assertEqualPair(out(5, 0x76), out(5, 0x76));
    assertEqualPair(
        new UnspentOutput(new OutPoint(TXID, 1), out(5, 0x76), 10, true),
        new UnspentOutput(new OutPoint(TXID, 1), out(5, 0x76), 10, true));
  }

  @Test
  void anyDifferentComponentMakesADifferentValue() {
    assertThat(Amount.units(7)).isNotEqualTo(Amount.units(8)).isNotEqualTo(7L);
    assertThat(new OutPoint(TXID, 3))
        .isNotEqualTo(new OutPoint(TXID, 4))
        .isNotEqualTo(new OutPoint(OTHER_TXID, 3))
        .isNotEqualTo(null);
    assertThat(out(5, 0x76)).isNotEqualTo(out(6, 0x76)).isNotEqualTo(out(5, 0x77));
    UnspentOutput coin = new UnspentOutput(new OutPoint(TXID, 1), out(5, 0x76), 10, true);
    assertThat(coin)
        .isNotEqualTo(new UnspentOutput(new OutPoint(TXID, 2), out(5, 0x76), 10, true))
        .isNotEqualTo(new UnspentOutput(new OutPoint(TXID, 1), out(6, 0x76), 10, true))
        .isNotEqualTo(new UnspentOutput(new OutPoint(TXID, 1), out(5, 0x76), 11, true))
        .isNotEqualTo(new UnspentOutput(new OutPoint(TXID, 1), out(5, 0x76), 10, false));
  }

  @Test
  void outPointsOfOneTransactionHashApart() {
    // A UTXO set keyed by outpoints: a hash that ignored the index would put a transaction's
    // outputs in one bucket.
    Set<Integer> hashes = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      hashes.add(new OutPoint(TXID, i).hashCode());
    }
    assertThat(hashes).hasSize(16);
    assertThat(new HashSet<>(List.of(new OutPoint(TXID, 1), new OutPoint(OTHER_TXID, 1))))
        .hasSize(2);
  }

  private static void assertEqualPair(Object a, Object b) {
    assertThat(a).isNotSameAs(b).isEqualTo(b);
    assertThat(b).isEqualTo(a);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
  }
}
