package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage for every command and flag, suggestions for typos, and the flags' placement. */
class CommandLineHelpTest {
  @TempDir Path dir;

  /** Every command the usage must list, as a learner meets them. */
  static final List<String> COMMANDS =
      List.of(
          "createwallet",
          "listaddresses",
          "importprivkey",
          "dumpprivkey",
          "createblockchain",
          "getbalance",
          "listunspent",
          "history",
          "send",
          "getblockcount",
          "getblock",
          "gettransaction",
          "printchain",
          "reindexutxo",
          "startnode",
          "getmempool",
          "getpeers",
          "stopnode",
          "bench",
          "demo");

  @Test
  void noCommandDashHAndHelpPrintTheUsageWithEveryCommandOnOneLine() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"-h"},
            new String[] {"help"},
            new String[] {"help", "-h"},
            new String[] {"-datadir", ".", "help"},
            new String[] {"-node-id", "3000"})) {
      Cli.Run run = Cli.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      for (String command : COMMANDS) {
        assertThat(run.out().lines().filter(l -> l.matches("\\s+" + command + "\\s{2,}\\S.*")))
            .as("one line for %s in:%n%s", command, run.out())
            .hasSize(1);
      }
      assertThat(run.out()).contains("NODE_ID", "-datadir");
      assertThat(run.out())
          .as("the node's files")
          .contains("blockchain_<NODE_ID>.db", "wallet_<NODE_ID>.dat", "mempool_<NODE_ID>.dat");
    }
  }

  /** The usage and the README (both languages) name the same node files. */
  @Test
  void theReadmeNamesTheFilesTheUsageNames() throws IOException {
    String usage = Cli.run("-h").out();
    String readme = Files.readString(Path.of("README.md"));
    int chinese = readme.indexOf("## 中文说明");
    assertThat(chinese).as("README's Chinese part").isPositive();
    List<String> files =
        Pattern.compile("\\w+_<NODE_ID>\\.\\w+")
            .matcher(usage)
            .results()
            .map(MatchResult::group)
            .toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    for (String file : files) {
      assertThat(readme.substring(0, chinese)).as("English README names " + file).contains(file);
      assertThat(readme.substring(chinese)).as("Chinese README names " + file).contains(file);
    }
  }

  @Test
  void everyCommandHasItsOwnUsageAndEveryFlagADescription() {
    assertThat(Main.COMMANDS.stream().map(Main.Entry::name)).containsAll(COMMANDS);
    for (Main.Entry e : Main.COMMANDS) {
      String command = e.name();
      for (String flag : List.of("-h", "--help", "-help")) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add(flag);
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("%s %s: %s", command, flag, run.err()).isZero();
        assertThat(run.out()).contains("Usage: minicoin " + command, e.header());
        for (Option o : e.make().options().getOptions()) {
          assertThat(o.getDescription())
              .as("description of %s -%s", command, o.getOpt())
              .isNotBlank();
          assertThat(run.out())
              .as("%s -h names -%s", command, o.getOpt())
              .containsPattern(
                  "(?s)-"
                      + o.getOpt()
                      + ", --"
                      + o.getOpt()
                      + "\\b.*"
                      + o.getDescription().substring(0, 10));
        }
      }
      List<String> help = new java.util.ArrayList<>(List.of("help"));
      help.addAll(List.of(command.split(" ")));
      assertThat(Cli.run(help.toArray(String[]::new)).out()).contains("Usage: minicoin " + command);
    }
  }

  @Test
  void aCommandsUsageNamesItsParameterAndItsRequiredFlags() {
    String getblock = Cli.run("getblock", "-h").out();
    assertThat(getblock)
        .containsPattern("Usage: minicoin getblock .*HASH\\|HEIGHT")
        .containsPattern("HASH\\|HEIGHT +the block's hash");
    String send = Cli.run("send", "-h").out();
    assertThat(send)
        .containsPattern("Usage: minicoin send -from=FROM -to=TO -amount=COINS \\[-fee=COINS\\]");
    assertThat(Cli.run("--version").out().strip()).isEqualTo("minicoin 0.1.0");
  }

  @Test
  void sendsFlagsAreDescribed() {
    String usage = Cli.run("send", "--help").out();
    assertThat(usage)
        .containsPattern("-from.*FROM\\s+the paying address")
        .containsPattern("-to.*TO\\s+the address paid")
        .contains("how many coins to pay");
  }

  @Test
  void theDefaultsTheUsageNamesAreTheOnesTheCommandsUse() {
    String central = "(default: " + StartNodeCommand.DEFAULT_CENTRAL + ")";
    assertThat(Cli.run("send", "-h").out().replaceAll("\\s+", " ")).contains(central);
    assertThat(Cli.run("startnode", "-h").out().replaceAll("\\s+", " "))
        .contains(central, "(default: NODE_ID + " + StartNodeCommand.API_PORT_OFFSET + ")");
    for (String command : List.of("getmempool", "getpeers", "stopnode")) {
      assertThat(Cli.run(command, "-h").out().replaceAll("\\s+", " "))
          .contains("(default: NODE_ID + " + StartNodeCommand.API_PORT_OFFSET + ")");
    }
    assertThat(Cli.run("createblockchain", "-h").out().replaceAll("\\s+", " "))
        .contains(
            "(default: 0x" + Integer.toHexString(io.minicoin.core.ChainParams.DEFAULT_BITS) + ")");
    assertThat(Cli.run("verifychain", "-h").out().replaceAll("\\s+", " "))
        .contains("(default: " + io.minicoin.chain.ChainVerification.DEFAULT_CHECK_BLOCKS + ")");
  }

  @Test
  void aMistypedCommandSuggestsTheNearest() {
    Map<String, String> typos =
        Map.of(
            "creatwallet", "createwallet",
            "getbalanse", "getbalance",
            "princhain", "printchain",
            "startndoe", "startnode",
            "sned", "send");
    typos.forEach(
        (typo, meant) -> {
          Cli.Run run = Cli.run(typo, "-node-id", "3000");
          assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
          assertThat(run.err())
              .contains("'" + typo + "' is not a minicoin command")
              .contains("did you mean " + meant + "?");
        });
    Cli.Run help = Cli.run("help", "creatwallet");
    assertThat(help.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(help.err())
        .contains("'creatwallet'", "did you mean createwallet?", "run 'minicoin -h'")
        .doesNotContain("minicoin minicoin");
    Cli.Run far = Cli.run("frobnicate");
    assertThat(far.err()).contains("'frobnicate' is not a minicoin command");
    assertThat(far.err()).doesNotContain("did you mean");
  }

  @Test
  void anUnknownFlagIsReportedAsUnknownNotAsARequiredFlagMissing() {
    Cli.Run run =
        Cli.run(
            "send",
            "-node-id",
            "3000",
            "-datadir",
            dir.toString(),
            "-from",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "-to",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "-amout",
            "1");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err())
        .contains("unknown option '-amout' (did you mean -amount?)")
        .doesNotContain("Missing");
    assertThat(Cli.fingerprint(dir)).isEmpty();
  }

  @Test
  void nodeFlagsWorkBeforeOrAfterTheCommand() {
    Cli.Run before = Cli.run("-node-id", "3005", "-datadir", dir.toString(), "createwallet");
    assertThat(before.exitCode()).as(before.err()).isZero();
    Cli.Run after = Cli.run("createwallet", "-datadir=" + dir, "--node-id=3005");
    assertThat(after.exitCode()).as(after.err()).isZero();
    Cli.Run mixed = Cli.run("--datadir", dir.toString(), "listaddresses", "-node-id", "3005");
    assertThat(mixed.out().lines().toList())
        .containsExactly(
            before.out().strip().replace("Your new address: ", ""),
            after.out().strip().replace("Your new address: ", ""));
  }

  @Test
  void aCommandsUsageIsTheSameWhateverNodeFlagsComeBeforeIt() {
    for (String[] command : List.of(new String[] {"getbalance"}, new String[] {"bench", "sync"})) {
      String name = String.join(" ", command);
      String usage = Cli.run(concat(command, new String[] {"-h"}, new String[] {})).out();
      assertThat(usage).startsWith("Usage: minicoin " + name + " ");
      List<String[]> ways =
          List.of(
              concat(new String[] {"-node-id", "3000"}, command, new String[] {"-h"}),
              concat(
                  new String[] {"-datadir=" + dir, "--node-id=3000"}, command, new String[] {"-h"}),
              concat(new String[] {"-datadir", dir.toString(), "help"}, command, new String[] {}),
              concat(new String[] {"help"}, command, new String[] {"-h"}));
      for (String[] args : ways) {
        Cli.Run run = Cli.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        assertThat(run.out()).as(String.join(" ", args)).isEqualTo(usage);
      }
    }
    assertThat(Cli.fingerprint(dir)).isEmpty();
  }

  private static String[] concat(String[] a, String[] b, String[] c) {
    String[] all = new String[a.length + b.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    System.arraycopy(c, 0, all, a.length + b.length, c.length);
    return all;
  }
}
