package io.minicoin.chain;

import static io.minicoin.testing.ChainBuilder.MINER;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Amount;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding the UTXO set from the blocks gives exactly what connecting and disconnecting them
 * kept.
 */
class ReindexUtxoTest {
  static final List<PrivateKey> PEOPLE =
      IntStream.range(10, 15).mapToObj(ChainBuilder::key).toList();

  @TempDir Path dir;

  private static Set<Sha256Hash> txidsIn(List<UnspentOutput> utxo) {
    return utxo.stream().map(c -> c.outPoint().txid()).collect(Collectors.toSet());
  }

  @Test
  void rebuildingAfterTwoHundredBusyBlocksGivesWhatTheIncrementalUpdatesGave() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 200);
      List<UnspentOutput> incremental = b.utxoSet();
      List<Amount> balances = PEOPLE.stream().map(b::balance).toList();

      int count = b.chain().reindexUtxo();

      assertThat(b.utxoSet()).isEqualTo(incremental);
      assertThat(count).isEqualTo(txidsIn(incremental).size());
      assertThat(PEOPLE.stream().map(b::balance).toList()).isEqualTo(balances);
      // per block: pays 2 coins and a fee, earns 10 coins and both fees back
      assertThat(b.balance(MINER))
          .isEqualTo(Amount.units(10 * 201 * 100_000_000L - 200 * 200_000_000L + 200 * 1_000L));
    }
  }

  @Test
  void rebuildingAfterAReorganizationOfBusyBlocksGivesWhatTheIncrementalUpdatesGave() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 10);
      BlockIndexEntry fork = b.entry(b.hashAt(5)).orElseThrow();
      BlockIndexEntry side = b.extend(fork, 6);
      assertThat(b.tip().hash()).isEqualTo(side.hash());
      List<UnspentOutput> incremental = b.utxoSet();

      b.chain().reindexUtxo();

      assertThat(b.utxoSet()).isEqualTo(incremental);
    }
  }
}
