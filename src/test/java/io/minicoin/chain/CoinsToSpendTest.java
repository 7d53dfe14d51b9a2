package io.minicoin.chain;

import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * Many small coins early in the address index (by txid) and one large coin after them: the
   * payment takes the large coin alone, not two hundred small ones (each an input, ~150 bytes and a
   * signature).
   */
  @Test
  void theLargestCoinsArePickedNotTheFirstInTheIndex() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.extend(b.tip(), 2); // the miner holds three coinbases of 10 coins
      List<UnspentOutput> minerCoins = b.chain().unspentOf(address(MINER));
      Address alice = address(ChainBuilder.ALICE);
      List<TxOut> dustOutputs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        dustOutputs.add(TxOut.to(alice, Amount.units(1_000_000)));
      }
      dustOutputs.add(TxOut.to(address(MINER), Amount.coins(8)));
      Transaction dust = ChainBuilder.signed(MINER, List.of(minerCoins.get(0)), dustOutputs);
      Transaction large = null;
      for (long extra = 0; large == null || !sortsBefore(dust, large); extra++) {
        large =
            ChainBuilder.signed(
                MINER,
                List.of(minerCoins.get(1)),
                List.of(TxOut.to(alice, Amount.units(500_000_000 + extra))));
      }
      b.mineOnTip(dust, large);

      List<UnspentOutput> chosen = b.chain().coinsToSpend(alice, Amount.coins(4), Set.of());

      assertThat(chosen).extracting(c -> c.outPoint().txid()).containsExactly(large.txid());
    }
  }

  /**
   * Whether {@code a}'s outputs come before {@code b}'s in the address index (stored txid bytes).
   */
  private static boolean sortsBefore(Transaction a, Transaction b) {
    return Arrays.compareUnsigned(a.txid().bytes(), b.txid().bytes()) < 0;
  }
}
