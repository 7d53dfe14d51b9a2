package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicoin.chain.Blockchain;
import io.minicoin.store.ChainReader;
import io.minicoin.store.ChainStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A chain file made by a version from before the transaction index, spends and script histories (a
 * real one, see {@code old-chain/README.md}) is not refused: the first command that opens it builds
 * them from its blocks, says so once, and every lookup then works as on a new file.
 */
class OldChainFileTest {
  @TempDir Path dir;

  static final String ALICE = "1B2VmVh53ZNuvh94yQBzhSMxMa5GPzKJVN";
  static final String BOB = "1K4XShNrZCExWKXJNWjHm2wpr29NAWqLPW";

  private Cli.Run cli(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = args[0];
    all[1] = "-node-id";
    all[2] = "3000";
    all[3] = "-datadir";
    all[4] = dir.toString();
    System.arraycopy(args, 1, all, 5, args.length - 1);
    return Cli.run(all);
  }

  @Test
  void theFirstCommandBuildsTheMissingIndexesOnceAndLookupsWork() throws Exception {
    Path file = dir.resolve("blockchain_3000.db");
    try (InputStream in = getClass().getResourceAsStream("/old-chain/blockchain_3000.db")) {
      Files.copy(in, file);
    }
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Blockchain.class);
    logger.addAppender(logs);
    Cli.Run history;
    Cli.Run again;
    try {
      history = cli("history", "-address", BOB);
      again = cli("history", "-address", BOB);
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out().lines().filter(l -> l.contains("+2"))).hasSize(3);
    // The same rows the second time (the log line went to stderr, not among them).
    assertThat(again.out()).isEqualTo(history.out());
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().contains("building the transaction index"))
        .hasSize(1) // the first command only
        .first()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("older", "4 blocks"));
    try (ChainStore store = ChainStore.open(file)) {
      assertThat(store.read(ChainReader::indexesMissing)).isFalse();
    }
    assertThat(cli("getbalance", "-address", BOB).out()).contains(": 6");
    assertThat(cli("getbalance", "-address", ALICE).out()).contains(": 34");
    Cli.Run verify = cli("verifychain");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("No problems found");
  }

  /**
   * A short command's log line (here the one-time "building the transaction index") goes to
   * standard error: standard output holds only the answer, so a script parsing {@code -json} output
   * still can.
   */
  @Test
  void aLogLineDoesNotBreakJsonOutput() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/old-chain/blockchain_3000.db")) {
      Files.copy(in, dir.resolve("blockchain_3000.db"));
    }
    Cli.Run history = cli("history", "-address", BOB, "-json");
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.err()).contains("building the transaction index");
    JsonNode rows = new ObjectMapper().readTree(history.out());
    assertThat(rows.findValues("txid")).hasSize(3);
  }
}
