package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance story (a central node, a miner and a wallet node that sync, send and mine, as the
 * README's scenario tells it), end to end: three real node processes on free loopback ports, every
 * command run as its own process, exactly as a user types them.
 */
class ThreeNodeScenarioTest {
  @TempDir Path dir;

  @Test
  // Each step already waits for its own event with its own limit (60 s for a log line, 120 s for
  // a command); this only stops a test that hangs outright. Some twenty JVMs start one after
  // another here, which on a loaded two-core machine took longer than the 120 s this once was.
  @Timeout(600)
  void theSeedsScenarioEndsWithTheSeedsBalancesAndOneTip() throws Exception {
    int central = Ports.free();
    int wallet = Ports.free();
    int miner = Ports.free();
    ByteArrayOutputStream narration = new ByteArrayOutputStream();
    Scenario.Outcome outcome;
    try (PrintStream out = new PrintStream(narration, true)) {
      outcome = new Scenario(dir, central, wallet, miner, out).run();
    } finally {
      System.out.println(narration);
    }
    assertThat(outcome.balances())
        .containsExactly(
            Map.entry("WALLET_1", "9"),
            Map.entry("WALLET_2", "9"),
            Map.entry("WALLET_3", "1"),
            Map.entry("WALLET_4", "1"),
            Map.entry("MINER", "10"),
            Map.entry("CENTRAL", "10"));
    assertThat(outcome.tips().values()).as("every node's tip block").doesNotContain("").hasSize(3);
    assertThat(outcome.tips().values().stream().distinct()).hasSize(1);
    assertThat(outcome.minerLog())
        .anyMatch(l -> l.matches(".*mined block .* at height 3 with 2 transactions.*"));
  }
}
