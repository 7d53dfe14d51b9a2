package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Address;
import io.minicoin.crypto.Base58;
import io.minicoin.testing.ChainBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;

/**
 * Every bad input gets a clear error on stderr naming the problem, a non-zero exit code, and leaves
 * every file of the node byte-for-byte as it was.
 */
class CommandLineBadInputTest {
  @TempDir Path dir;

  /** In this node's wallet, holding the genesis block's 10 coins. */
  String alice;

  /** Not in this node's wallet. */
  final String stranger = ChainBuilder.address(ChainBuilder.key(99)).toString();

  @BeforeEach
  void nodeWithAWalletAndAChain() {
    Cli.Run created = Cli.run("createwallet", "-node-id", "3000", "-datadir", dir.toString());
    Matcher m = Pattern.compile("Your new address: (\\S+)").matcher(created.out());
    assertThat(m.find()).as(created.err()).isTrue();
    alice = m.group(1);
    assertThat(
            Cli.run(
                    "createblockchain",
                    "-node-id",
                    "3000",
                    "-datadir",
                    dir.toString(),
                    "-address",
                    alice,
                    "-bits",
                    "0x207fffff")
                .exitCode())
        .isZero();
  }

  private Path chainFile() {
    return dir.resolve("blockchain_3000.db");
  }

  private Path walletFile() {
    return dir.resolve("wallet_3000.dat");
  }

  /**
   * Runs {@code command -node-id 3000 -datadir DIR args...} and expects a refusal mentioning each
   * of {@code expected}.
   */
  private void assertRefused(String command, List<String> args, String... expected) {
    List<String> all =
        new ArrayList<>(List.of(command, "-node-id", "3000", "-datadir", dir.toString()));
    all.addAll(args);
    assertRefusedExactly(all.toArray(String[]::new), expected);
  }

  private void assertRefusedExactly(String[] args, String... expected) {
    Map<String, String> before = Cli.fingerprint(dir);
    Cli.Run run = Cli.run(args);
    assertThat(run.exitCode()).as("exit code of %s", String.join(" ", args)).isNotZero();
    assertThat(run.err()).startsWith("error: ").contains(expected);
    assertThat(run.out()).doesNotContain("Success!");
    assertThat(run.err()).doesNotContain("\tat "); // a message, not a stack trace
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
  }

  private List<String> send(String from, String to, String amount, String... more) {
    List<String> args =
        new ArrayList<>(List.of("-from", from, "-to", to, "-amount", amount, "-mine"));
    args.addAll(List.of(more));
    return args;
  }

  // ---- NODE_ID ----

  @Test
  void aMissingNodeIdIsNamed() throws Exception {
    // In another process, so that a NODE_ID in this test run's environment cannot hide the problem.
    Map<String, String> before = Cli.fingerprint(dir);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "getbalance",
            "-datadir",
            dir.toString(),
            "-address",
            alice);
    pb.environment().remove("NODE_ID");
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isNotZero();
    assertThat(err)
        .contains("NODE_ID is not set")
        .contains("export NODE_ID=3000", "set NODE_ID=3000", "$env:NODE_ID=3000", "-node-id");
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void aNodeIdThatIsNotAPortNumberIsNamed() {
    for (String id : List.of("abc", "0", "70000", "-5")) {
      assertRefusedExactly(
          new String[] {
            "getbalance", "-node-id", id, "-datadir", dir.toString(), "-address", alice
          },
          "NODE_ID '" + id + "' is not a port number");
    }
  }

  @Test
  void anEmptyNodeFlagIsNamedNotTakenAsUnsetOrAsTheCurrentDirectory() {
    String[][] cases = {
      {"-node-id=", "-datadir", dir.toString()},
      {"-node-id", "", "-datadir", dir.toString()},
      {"-node-id", " ", "-datadir", dir.toString()},
      {"-node-id", "3000", "-datadir="},
      {"-node-id", "3000", "--datadir", ""}
    };
    for (String[] node : cases) {
      String flag = node[1].equals("3000") ? "'-datadir' (DIR)" : "'-node-id' (PORT)";
      List<String> args = new ArrayList<>(List.of("getbalance", "-address", alice));
      args.addAll(List.of(node));
      assertRefusedExactly(
          args.toArray(String[]::new), "option " + flag + " is given an empty value");
    }
    assertRefused(
        "startnode", List.of("-central="), "option '-central' (HOST:PORT) is given an empty value");
  }

  // ---- commands and flags ----

  @Test
  void anUnknownCommandIsNamed() {
    assertRefusedExactly(new String[] {"frobnicate", "-node-id", "3000"}, "frobnicate");
  }

  @Test
  void anUnknownFlagIsNamed() {
    assertRefused("getbalance", List.of("-address", alice, "-bogus"), "unknown option '-bogus'");
  }

  @Test
  void aWordStartingWithADashIsNamedInOurWordsWhateverFollowsTheDash() {
    // Commons CLI alone says "Unrecognized option: -1", with no quotes and no suggestion.
    assertRefused(
        "getbalance", List.of("-address", alice, "-адрес", "x"), "unknown option '-адрес'");
    assertRefused(
        "getbalance",
        List.of("---address", alice),
        "unknown option '---address' (did you mean -address?)");
    assertRefused("getbalance", List.of("-address", alice, "--=x"), "unknown option '--=x'");
    assertRefused("getblock", List.of("-1"), "unknown option '-1'");
    for (String[] args :
        List.of(
            new String[] {"getblock", "-node-id", "3000", "-datadir", dir.toString(), "-1"},
            new String[] {"getbalance", "-node-id", "3000", "--=x"})) {
      Cli.Run run = Cli.run(args);
      assertThat(run.err()).doesNotContain("Unrecognized", "did you mean -h");
    }
  }

  @Test
  void aMissingRequiredFlagIsNamed() {
    assertRefused("getbalance", List.of(), "Missing required option", "-address");
    assertRefused(
        "send", List.of("-from", alice, "-amount", "1"), "Missing required option", "-to");
  }

  @Test
  void aFlagGivenTwiceWithoutItsValueOrGluedToItsValueIsNamed() {
    assertRefused(
        "send",
        send(alice, stranger, "1", "-to", alice),
        "option '-to' (TO) should be given only once");
    assertRefused(
        "getbalance", List.of("-address"), "Missing required parameter for option '-address'");
    // Commons CLI alone would read -address1Hn7... as -address with the value 1Hn7...
    assertRefused("getbalance", List.of("-address" + alice), "unknown option '-address" + alice);
    assertRefused("getbalance", List.of("-address", alice, "extra"), "unexpected argument 'extra'");
    assertRefused("getblockcount", List.of("--", "-json"), "unexpected argument '-json'");
  }

  // ---- commands that ask the running node ----

  @Test
  void askingANodeThatIsNotRunningSaysSo() throws Exception {
    for (String command : List.of("getmempool", "getpeers", "stopnode")) {
      assertRefused(command, List.of(), "node 3000 is not running", "startnode");
    }
    // A cookie left by a node that crashed: nothing answers on its port.
    Files.writeString(dir.resolve(".cookie_3000"), "__cookie__:00");
    int free = io.minicoin.testing.Ports.free();
    assertRefused(
        "getmempool",
        List.of("-rpcport", "" + free),
        "node 3000 is not running",
        "nothing answers");
    assertRefused("getpeers", List.of("-rpcport", "70000"), "70000 is not a port number");
  }

  @Test
  void badNodeFlagsAreNamed() {
    assertRefused("startnode", List.of("-max-wait", "-1"), "-max-wait must be 0 or more seconds");
    assertRefused("startnode", List.of("-max-wait", "soon"), "'soon'", "-max-wait");
    assertRefused("startnode", List.of("-min-txs", "0"), "-min-txs must be at least 1");
  }

  // ---- addresses ----

  @Test
  void anAddressWithABadChecksumIsNamed() {
    char last = alice.charAt(alice.length() - 1);
    String typo = alice.substring(0, alice.length() - 1) + (last == 'z' ? 'y' : 'z');
    assertRefused("getbalance", List.of("-address", typo), "invalid address", "checksum");
  }

  @Test
  void anAddressWithCharactersOutsideBase58IsNamed() {
    String withZero = alice.substring(0, 5) + "0" + alice.substring(6);
    assertRefused("getbalance", List.of("-address", withZero), "invalid address", "character '0'");
    assertRefused("send", send(alice, "1abc!def", "1"), "invalid address", "character '!'");
  }

  @Test
  void anAddressWithAnotherVersionIsNamed() {
    byte[] payload = new byte[21];
    payload[0] = 0x6f; // a testnet address: starts with m or n
    System.arraycopy(Address.parse(alice).pubKeyHash(), 0, payload, 1, 20);
    assertRefused(
        "getbalance",
        List.of("-address", Base58.encodeChecked(payload)),
        "invalid address",
        "version");
  }

  @Test
  void payToScriptHashAndSegwitAddressesAreNamedAsUnsupported() {
    byte[] payload = new byte[21];
    payload[0] = 5; // a pay-to-script-hash address: starts with 3
    System.arraycopy(Address.parse(alice).pubKeyHash(), 0, payload, 1, 20);
    String p2sh = Base58.encodeChecked(payload);
    assertThat(p2sh).startsWith("3");
    // BIP 173's example P2WPKH address.
    for (String other : List.of(p2sh, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")) {
      assertRefused(
          "send",
          send(alice, other, "1"),
          other,
          "only pay-to-public-key-hash addresses (starting with 1) are supported");
    }
  }

  @Test
  void anAddressOfTheWrongLengthIsNamed() {
    assertRefused(
        "getbalance",
        List.of("-address", Base58.encodeChecked(new byte[20])),
        "invalid address",
        "wrong length");
    assertRefused(
        "getbalance",
        List.of("-address", Base58.encodeChecked(new byte[22])),
        "invalid address",
        "wrong length");
  }

  // ---- amounts ----

  @Test
  void aZeroAmountIsRefused() {
    assertRefused("send", send(alice, stranger, "0"), "amount must be more than 0");
  }

  @Test
  void aNegativeAmountIsRefused() {
    assertRefused("send", send(alice, stranger, "-1"), "'-1' is not an amount");
  }

  @Test
  void anAmountThatIsNotANumberIsRefused() {
    assertRefused("send", send(alice, stranger, "ten"), "'ten' is not an amount");
    assertRefused("send", send(alice, stranger, "1e3"), "'1e3' is not an amount");
  }

  @Test
  void anAmountWithMoreThanEightDecimalsIsRefused() {
    assertRefused("send", send(alice, stranger, "0.123456789"), "more than 8 decimals");
    assertRefused(
        "send", send(alice, stranger, "1", "-fee", "0.000000001"), "more than 8 decimals");
  }

  @Test
  void anAmountPlusFeeAboveTheBalanceIsNotEnoughFunds() {
    assertRefused(
        "send", send(alice, stranger, "10", "-fee", "0.00000001"), "not enough funds", "has 10");
    assertRefused("send", send(alice, stranger, "11"), "not enough funds");
  }

  @Test
  void sendingFromAnAddressWhoseKeyIsNotInThisWalletIsRefused() {
    assertRefused("send", send(stranger, alice, "1"), stranger, "not in this node's wallet");
  }

  // ---- files ----

  @Test
  void noChainYetIsExplained() throws Exception {
    Files.delete(chainFile());
    Files.deleteIfExists(dir.resolve("blockchain_3000.db-lock"));
    assertRefused(
        "getbalance", List.of("-address", alice), "no blockchain yet", "createblockchain");
    assertRefused("send", send(alice, stranger, "1"), "no blockchain yet");
    assertRefused("printchain", List.of(), "no blockchain yet");
    assertRefused("reindexutxo", List.of(), "no blockchain yet");
    assertThat(chainFile()).doesNotExist();
  }

  @Test
  void creatingAChainWhereOneExistsIsRefused() {
    assertRefused(
        "createblockchain", List.of("-address", alice, "-bits", "0x207fffff"), "already exists");
  }

  @Test
  void badBitsAreNamed() {
    Cli.Run run =
        Cli.run(
            "createblockchain",
            "-node-id",
            "3001",
            "-datadir",
            dir.toString(),
            "-address",
            alice,
            "-bits",
            "zz");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("'zz' is not compact bits");
    assertThat(dir.resolve("blockchain_3001.db")).doesNotExist();
  }

  @Test
  void aCorruptChainFileIsNamedAndLeftAsItWas() throws Exception {
    byte[] junk = new byte[50_000];
    new Random(11).nextBytes(junk);
    Files.write(chainFile(), junk);
    assertRefused(
        "getbalance", List.of("-address", alice), chainFile().toString(), "not a chain file");
    assertRefused("send", send(alice, stranger, "1"), chainFile().toString());
    assertRefused("reindexutxo", List.of(), chainFile().toString());
  }

  @Test
  void anEmptyChainFileIsNamedAndLeftEmpty() throws Exception {
    Files.write(chainFile(), new byte[0]);
    assertRefused("getbalance", List.of("-address", alice), chainFile().toString(), "empty");
    assertThat(Files.size(chainFile())).isZero();
  }

  @Test
  void anLmdbFileThatIsNotOursIsNamedAndLeftAsItWas() throws Exception {
    Files.delete(chainFile());
    Files.deleteIfExists(dir.resolve("blockchain_3000.db-lock"));
    try (Env<byte[]> env =
        Env.create(ByteArrayProxy.PROXY_BA)
            .setMaxDbs(1)
            .open(chainFile().toFile(), EnvFlags.MDB_NOSUBDIR)) {
      env.openDbi("accounts", DbiFlags.MDB_CREATE).put(new byte[] {1}, new byte[] {2});
    }
    assertRefused(
        "getbalance",
        List.of("-address", alice),
        chainFile().toString(),
        "not a minicoin chain file");
    assertRefused("reindexutxo", List.of(), "not a minicoin chain file");
  }

  @Test
  void aCorruptWalletFileIsNamedAndLeftAsItWas() throws Exception {
    byte[] junk = new byte[500];
    new Random(5).nextBytes(junk);
    Files.write(walletFile(), junk);
    assertRefused("createwallet", List.of(), walletFile().toString(), "corrupt");
    assertRefused("listaddresses", List.of(), walletFile().toString());
    assertRefused("send", send(alice, stranger, "1"), walletFile().toString());
  }

  @Test
  void aWalletFileWithABadKeyIsNamedWithItsLineAndLeftAsItWas() throws Exception {
    List<String> lines = Files.readAllLines(walletFile());
    String key = lines.get(1);
    Files.writeString(
        walletFile(), lines.get(0) + "\n" + key.substring(0, key.length() - 2) + "zz\n");
    assertRefused("createwallet", List.of(), walletFile().toString(), "line 2");
    assertRefused("send", send(alice, stranger, "1"), walletFile().toString(), "line 2");
  }

  @Test
  void aFileThatIsNotAWalletIsNamedAndLeftAsItWas() throws Exception {
    Files.writeString(walletFile(), "{\"keys\": []}\n");
    assertRefused("createwallet", List.of(), walletFile().toString(), "not a minicoin wallet");
  }
}
