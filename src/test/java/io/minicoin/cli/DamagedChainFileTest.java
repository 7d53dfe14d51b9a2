package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain file that was cut short or had bytes changed on disk is refused with a message naming the
 * damage, a non-zero exit and no stack trace; nothing is written to it, and no JVM crash report is
 * left behind.
 */
class DamagedChainFileTest {
  @TempDir Path dir;
  String alice;
  String bob;

  private Path chainFile() {
    return dir.resolve("blockchain_3000.db");
  }

  private Cli.Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "-node-id", "3000", "-datadir"));
    all.add(dir.toString());
    all.addAll(List.of(args).subList(1, args.length));
    return Cli.run(all.toArray(String[]::new));
  }

  private static String address(Cli.Run created) {
    Matcher m = Pattern.compile("Your new address: (\\S+)").matcher(created.out());
    assertThat(m.find()).as(created.err()).isTrue();
    return m.group(1);
  }

  @BeforeEach
  void aChainOfSeveralBlocks() {
    alice = address(cli("createwallet"));
    bob = address(cli("createwallet"));
    assertThat(cli("createblockchain", "-address", alice, "-bits", "0x207fffff").exitCode())
        .isZero();
    for (int i = 0; i < 8; i++) {
      Cli.Run sent = cli("send", "-from", alice, "-to", bob, "-amount", "1", "-mine");
      assertThat(sent.exitCode()).as(sent.err()).isZero();
    }
  }

  /** Runs the command in its own JVM, as a user does: a crash there cannot take this test down. */
  private Cli.Run inProcessOfItsOwn(String... args) throws IOException, InterruptedException {
    List<String> cmd = NodeProcess.javaCommand();
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-node-id", "3000", "-datadir", dir.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish");
    }
    return new Cli.Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private void assertRefusedAsDamaged(Cli.Run run, String what) {
    assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(Main.EXIT_USER_ERROR);
    assertThat(run.err()).as(what).contains("damaged").contains("restore it from a copy");
    assertThat(run.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private void assertNoCrashReports() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.startsWith("hs_err") || n.startsWith("core"));
    }
  }

  @Test
  void aTruncatedFileIsRefusedBeforeLmdbMapsIt() throws Exception {
    long full = Files.size(chainFile());
    try (RandomAccessFile f = new RandomAccessFile(chainFile().toFile(), "rw")) {
      f.setLength(full / 2);
    }
    Map<String, String> before = Cli.fingerprint(dir);
    String[][] commands = {
      {"getbalance", "-address", alice},
      {"printchain"},
      {"send", "-from", alice, "-to", bob, "-amount", "1", "-mine"},
      {"reindexutxo"},
      {"verifychain"},
      {"startnode", "-central", "localhost:1"}
    };
    for (String[] command : commands) {
      Cli.Run run = inProcessOfItsOwn(command);
      assertRefusedAsDamaged(run, command[0]);
      assertThat(run.err()).as(command[0]).contains("truncated").contains(chainFile().toString());
    }
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
    assertNoCrashReports();
  }

  /** Changes one byte of every copy of {@code pattern} in the file, at {@code offset} into it. */
  private int flip(byte[] pattern, int offset) throws IOException {
    byte[] bytes = Files.readAllBytes(chainFile());
    int found = 0;
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        bytes[i + offset] ^= 0x10;
        found++;
      }
    }
    Files.write(chainFile(), bytes);
    return found;
  }

  private byte[] tipBlockBytes() {
    Cli.Run raw = cli("printchain", "-raw");
    assertThat(raw.exitCode()).isZero();
    return HexFormat.of().parseHex(raw.out().lines().findFirst().orElseThrow().strip());
  }

  @Test
  void aChangedByteInsideABlockIsFoundAndNothingIsWritten() throws Exception {
    byte[] tip = tipBlockBytes();
    // A byte in the block's last transaction (its last output's script): the block still decodes,
    // but no longer matches its Merkle root.
    assertThat(flip(tip, tip.length - 10)).isPositive();
    Map<String, String> before = Cli.fingerprint(dir);

    assertRefusedAsDamaged(cli("printchain"), "printchain");
    assertRefusedAsDamaged(cli("reindexutxo"), "reindexutxo");
    assertRefusedAsDamaged(cli("getbalance", "-address", bob), "getbalance");
    assertRefusedAsDamaged(
        cli("send", "-from", alice, "-to", bob, "-amount", "1", "-mine"), "send -mine");
    assertRefusedAsDamaged(cli("verifychain"), "verifychain");
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void aChangedBlockHeaderIsFound() throws Exception {
    byte[] tip = tipBlockBytes();
    assertThat(flip(java.util.Arrays.copyOf(tip, 80), 70)).isPositive(); // its time field
    Map<String, String> before = Cli.fingerprint(dir);
    assertRefusedAsDamaged(cli("printchain"), "printchain");
    assertRefusedAsDamaged(cli("printchain", "-raw"), "printchain -raw");
    assertRefusedAsDamaged(cli("getbalance", "-address", bob), "getbalance");
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void aChangedAmountInTheUtxoSetIsFoundAndReindexRepairsIt() throws Exception {
    Cli.Run balance = cli("getbalance", "-address", bob);
    assertThat(balance.out()).contains(": 8");
    // bob's coins as the UTXO set stores them: height | coinbase flag 0 | 1 coin (LE) | script.
    byte[] oneCoin = HexFormat.of().parseHex("0000" + "00e1f50500000000" + "1976a914");
    assertThat(flip(oneCoin, 5)).isPositive();

    assertRefusedAsDamaged(cli("getbalance", "-address", bob), "getbalance");
    assertRefusedAsDamaged(cli("verifychain", "-checkblocks", "0"), "verifychain");

    Cli.Run reindex = cli("reindexutxo");
    assertThat(reindex.exitCode()).as(reindex.err()).isZero();
    assertThat(cli("getbalance", "-address", bob).out()).contains(": 8");
    Cli.Run verify = cli("verifychain", "-checkblocks", "0");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("No problems found");
  }

  /**
   * A running total read by getbalance is trusted, as Core trusts its indexes between checks: a
   * changed one is found by verifychain (against the UTXO set), named as damage, and rebuilt by
   * reindexutxo.
   */
  @Test
  void aChangedRunningTotalIsFoundByVerifychainAndReindexRepairsIt() throws Exception {
    // bob's running totals: 8 outputs received, 8 coins, none spent, in 8 transactions.
    byte[] bobTotals =
        HexFormat.of()
            .parseHex(
                "0800000000000000"
                    + "0008af2f00000000"
                    + "0000000000000000"
                    + "0000000000000000"
                    + "0800000000000000");
    assertThat(flip(bobTotals, 10)).isPositive(); // 8 coins become 8.01048576

    Cli.Run verify = cli("verifychain");
    assertRefusedAsDamaged(verify, "verifychain");
    assertThat(verify.err()).contains("running totals of script", "UTXO set holds 800000000");

    Cli.Run reindex = cli("reindexutxo");
    assertThat(reindex.exitCode()).as(reindex.err()).isZero();
    assertThat(cli("getbalance", "-address", bob).out()).contains(": 8");
    Cli.Run again = cli("verifychain");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("the running totals of 2 scripts");
  }

  @Test
  void aLostTransactionIndexEntryIsNamedNotAStackTrace() throws Exception {
    // The history table still lists bob's payments, but the transaction index no longer says
    // where one of them is: a record the file has lost, not one that fails to decode.
    try (io.minicoin.store.ChainStore store = io.minicoin.store.ChainStore.open(chainFile())) {
      byte[] bobKey = io.minicoin.core.Address.parse(bob).pubKeyHash();
      store.writeAll(w -> w.deleteTxLocation(w.unspentOf(bobKey).get(0).outPoint().txid()));
    }
    Map<String, String> before = Cli.fingerprint(dir);
    Cli.Run history = inProcessOfItsOwn("history", "-address", bob);
    assertRefusedAsDamaged(history, "history");
    assertThat(history.err()).contains("transaction index entry").contains("is missing");
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void anUndamagedChainPassesVerifychain() {
    Cli.Run verify = cli("verifychain");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("checked the last 6 blocks (tip at height 8)");
  }
}
