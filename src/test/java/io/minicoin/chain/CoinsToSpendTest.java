package io.minicoin.chain;

import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment reads only as many of the payer's coins as it needs: an address holding tens of
 * thousands of coins (a miner's) pays from a few reads, not a walk over all of them.
 */
class CoinsToSpendTest {
  @TempDir Path dir;

  private static Amount sum(List<UnspentOutput> coins) {
    return coins.stream().map(UnspentOutput::value).reduce(Amount.ZERO, Amount::plus);
  }

  @Test
  void aFewCoinsAreReadWhenAFewSuffice() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.extend(b.tip(), 60); // 61 coinbases of 10 coins to the miner
      Address miner = address(MINER);
      List<UnspentOutput> all = b.chain().unspentOf(miner);
      assertThat(all).hasSize(61);

      List<UnspentOutput> forOne = b.chain().coinsToSpend(miner, Amount.coins(1), Set.of());
      List<UnspentOutput> forTwentyFive = b.chain().coinsToSpend(miner, Amount.coins(25), Set.of());

      assertThat(forOne).hasSize(1);
      assertThat(forTwentyFive).hasSize(3);
      assertThat(sum(forTwentyFive)).isEqualTo(Amount.coins(30));
      assertThat(all).containsAll(forTwentyFive);
    }
  }

  @Test
  void coinsTheCallerRefusesAreSkippedAndAllAreReadWhenTogetherTheyAreTooFew() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.extend(b.tip(), 9);
      Address miner = address(MINER);
      List<UnspentOutput> all = b.chain().unspentOf(miner);
      Set<OutPoint> inPool =
          all.subList(0, 4).stream().map(UnspentOutput::outPoint).collect(Collectors.toSet());

      List<UnspentOutput> usable = b.chain().coinsToSpend(miner, Amount.coins(15), inPool);
      List<UnspentOutput> tooFew = b.chain().coinsToSpend(miner, Amount.coins(1_000), Set.of());

      assertThat(usable).hasSize(2).noneMatch(c -> inPool.contains(c.outPoint()));
      assertThat(tooFew).containsExactlyInAnyOrderElementsOf(all);
    }
  }
}
