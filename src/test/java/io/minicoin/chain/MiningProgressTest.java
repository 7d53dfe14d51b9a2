package io.minicoin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MiningProgressTest {
  @Test
  void bitcoinsDifficultyOneNeedsAbout4295MillionTries() {
    // 2^256 / (target + 1) for 0x1d00ffff is 0x100010001: Bitcoin's work per difficulty-1 block.
    MiningProgress p = MiningProgress.of(0, 1, 0x1d00ffff);
    assertThat(p.expectedTries()).isEqualTo(4_295_032_833d);
  }

  @Test
  void rateTriesAndTimeLeftAreShown() {
    MiningProgress p = MiningProgress.of(100_000_000L, 10_000_000_000L, 0x1d00ffff);
    assertThat(p.hashesPerSecond()).isEqualTo(10_000_000d);
    assertThat(p.secondsLeftOnAverage()).isEqualTo((4_295_032_833d - 1e8) / 1e7);
    assertThat(p.describe())
        .isEqualTo(
            "10.0 M hashes/s, 100,000,000 tries of about 4,295,032,833 expected, about 7 min 0 s"
                + " left on average");
  }

  @Test
  void pastTheAverageTheWaitIsAsLongAgain() {
    MiningProgress p = MiningProgress.of(5_000_000_000L, 500_000_000_000L, 0x1d00ffff);
    assertThat(p.secondsLeftOnAverage()).isEqualTo(4_295_032_833d / 1e7);
  }
}
