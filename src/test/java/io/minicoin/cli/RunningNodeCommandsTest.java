package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.testing.Ports;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that ask a running node (a real node process) over its JSON-RPC with its cookie: two
 * payments in a row from one address (the second spends the first's unconfirmed change) are mined
 * together in one block; the pool, the pending balance and the peers are shown; stopnode stops it
 * cleanly, and then those commands say no node runs.
 */
class RunningNodeCommandsTest {
  @TempDir Path dir;

  int port;

  /** A port whose JSON-RPC port (+5000) is free too. */
  @SuppressWarnings("try") // the socket is bound only to see that the port is free
  private static int portWithFreeRpcPort() throws IOException {
    while (true) {
      int p = Ports.free();
      if (p + 5000 > 65535) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(p + 5000)) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
  }

  private Cli.Run node(String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "-node-id", "" + port, "-datadir"));
    all.add(dir.toString());
    all.addAll(List.of(args).subList(1, args.length));
    return Cli.run(all.toArray(String[]::new));
  }

  private String ok(String... args) {
    Cli.Run run = node(args);
    assertThat(run.exitCode()).as("%s: %s", String.join(" ", args), run.err()).isZero();
    return run.out();
  }

  private static String group(String regex, String text) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  void twoPaymentsInARowAreMinedInOneBlockAndTheNodeIsAskedThroughItsRpc() throws Exception {
    port = portWithFreeRpcPort();
    String alice = group("address: (\\S+)", ok("createwallet"));
    String bob = group("address: (\\S+)", ok("createwallet"));
    String miner = group("address: (\\S+)", ok("createwallet"));
    ok("createblockchain", "-address", alice, "-bits", "0x207fffff");

    NodeProcess running =
        NodeProcess.start(
            dir,
            port,
            dir.resolve("node.log"),
            null,
            "startnode",
            "-central",
            "localhost:" + port,
            "-miner",
            miner,
            "-max-wait",
            "3600");
    try {
      running.awaitLine("HTTP API", Duration.ofSeconds(60));

      String first = group("(\\w{64})", ok("send", "-from", alice, "-to", bob, "-amount", "1"));
      String pool = ok("getmempool");
      assertThat(pool).startsWith("1 transaction").contains(first);
      assertThat(ok("gettransaction", first))
          .startsWith("Unconfirmed: in the pool of node " + port)
          .contains("Address:   " + bob, "Spends:    10 of " + alice);
      // Alice's 10 are spent by the pool, 9 come back as change: 1 less once mined.
      assertThat(ok("getbalance", "-address", alice).lines())
          .containsExactly(
              "Balance of '" + alice + "': 10",
              "Pending: -1 (unconfirmed, in node " + port + "'s pool)");

      // The only coin alice has is the first payment's unconfirmed change.
      String second = group("(\\w{64})", ok("send", "-from", alice, "-to", bob, "-amount", "2"));
      running.awaitLine("mined block \\w+ at height 1 with 2 transactions", Duration.ofSeconds(60));
      running.awaitLine("new tip \\w+ at height 1 \\(3 transactions\\)", Duration.ofSeconds(60));
      String block = ok("getblock", "1");
      assertThat(block).contains("--- Transaction " + first, "--- Transaction " + second);
      assertThat(ok("getbalance", "-address", bob).strip())
          .isEqualTo("Balance of '" + bob + "': 3");
      assertThat(ok("getbalance", "-address", alice).strip())
          .isEqualTo("Balance of '" + alice + "': 7");

      assertThat(ok("getpeers")).startsWith("0 peers");
      assertThat(ok("getmempool", "-json").strip()).isEqualTo("{ }");

      assertThat(ok("stopnode").strip()).isEqualTo("Node " + port + " is stopping");
      running.awaitLine("stopped", Duration.ofSeconds(60));
    } finally {
      running.stop();
    }
    assertThat(running.lines()).anyMatch(l -> l.contains("pool: saved 0 transactions"));
    Cli.Run gone = node("getmempool");
    assertThat(gone.exitCode()).isEqualTo(Main.EXIT_USER_ERROR);
    assertThat(gone.err()).contains("node " + port + " is not running");
  }
}
