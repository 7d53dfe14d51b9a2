package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicoin.core.Address;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookup commands read the chain file alone: blocks by hash or height, transactions by txid,
 * unspent outputs, an address's history; and keys move in and out of the wallet as WIF.
 */
class CommandLineLookupTest {
  @TempDir Path dir;

  String alice;
  String bob;
  String genesis;
  String payment;

  private Cli.Run node(String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "-node-id", "3000", "-datadir"));
    all.add(dir.toString());
    all.addAll(List.of(args).subList(1, args.length));
    return Cli.run(all.toArray(String[]::new));
  }

  private String ok(String... args) {
    Cli.Run run = node(args);
    assertThat(run.exitCode()).as("%s: %s", String.join(" ", args), run.err()).isZero();
    return run.out();
  }

  private void refused(List<String> args, String... expected) {
    Map<String, String> before = Cli.fingerprint(dir);
    Cli.Run run = node(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
    assertThat(run.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ");
    assertThat(Cli.fingerprint(dir)).isEqualTo(before);
  }

  private static String group(String regex, String text) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  /** Genesis pays alice 10; block 1 pays bob 2.5 from it (change 7.5), and its reward to alice. */
  @BeforeEach
  void aChainWithOnePayment() {
    alice = group("address: (\\S+)", ok("createwallet"));
    bob = group("address: (\\S+)", ok("createwallet"));
    genesis =
        group(
            "Genesis block (\\w+)",
            ok("createblockchain", "-address", alice, "-bits", "0x207fffff"));
    String sent = ok("send", "-from", alice, "-to", bob, "-amount", "2.5", "-mine");
    payment = group("^Transaction (\\w{64})$", sent);
  }

  @Test
  void getblockcountIsTheTipsHeight() {
    assertThat(ok("getblockcount").strip()).isEqualTo("1");
  }

  @Test
  void getblockFindsTheSameBlockByHeightAndByHash() {
    String byHeight = ok("getblock", "0");
    assertThat(byHeight).startsWith("============ Block " + genesis);
    assertThat(ok("getblock", genesis)).isEqualTo(byHeight);
    String tip = ok("getblock", "1");
    assertThat(tip).contains("(tip)", "Prev. block: " + genesis, "--- Transaction " + payment);
  }

  @Test
  void jsonFormsUseBitcoinCoresFieldNames() throws Exception {
    JsonNode genesisBlock = json("getblock", "0", "-json");
    assertThat(genesisBlock.path("hash").asText()).isEqualTo(genesis);
    assertThat(genesisBlock.path("confirmations").asInt()).isEqualTo(2);
    assertThat(genesisBlock.path("bits").asText()).isEqualTo("207fffff");
    JsonNode tip = json("getblock", "1", "-json");
    assertThat(tip.path("previousblockhash").asText()).isEqualTo(genesis);
    assertThat(tip.path("tx").get(1).asText()).isEqualTo(payment);

    JsonNode tx = json("gettransaction", payment, "-json");
    assertThat(tx.path("confirmations").asInt()).isEqualTo(1);
    assertThat(tx.path("blockhash").asText()).isEqualTo(tip.path("hash").asText());
    assertThat(tx.path("vout").get(0).path("value").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(tx.path("vout").get(0).path("scriptPubKey").path("address").asText()).isEqualTo(bob);
    assertThat(tx.path("vin").get(0).path("prevout").path("value").decimalValue())
        .isEqualByComparingTo("10");
    assertThat(
            Transaction.fromBytes(HexFormat.of().parseHex(tx.path("hex").asText()))
                .txid()
                .toString())
        .isEqualTo(payment);

    JsonNode coins = json("listunspent", "-address", bob, "-json");
    assertThat(coins).hasSize(1);
    assertThat(coins.get(0).path("txid").asText()).isEqualTo(payment);
    assertThat(coins.get(0).path("vout").asInt()).isZero();
    assertThat(coins.get(0).path("amount").decimalValue()).isEqualByComparingTo("2.5");

    JsonNode history = json("history", "-address", alice, "-json");
    assertThat(history).hasSize(3);
    assertThat(history.get(0).path("received").decimalValue()).isEqualByComparingTo("10");
  }

  private JsonNode json(String... args) throws Exception {
    return new ObjectMapper().readTree(ok(args));
  }

  @Test
  void getblockRefusesWhatIsNoBlock() {
    refused(List.of("getblock", "2"), "no block at height 2", "height is 1");
    refused(List.of("getblock", "0".repeat(64)), "no block " + "0".repeat(64));
    refused(List.of("getblock", "tip"), "'tip' is neither a block hash");
    refused(List.of("getblock"), "Missing required parameter");
  }

  @Test
  void gettransactionFindsAConfirmedTransactionWithItsBlock() {
    String out = ok("gettransaction", payment);
    assertThat(out)
        .contains("at height 1 (1 confirmation)", "--- Transaction " + payment + ":")
        .contains("Value:     2.5", "Address:   " + bob, "Value:     7.5", "Address:   " + alice);
  }

  @Test
  void gettransactionRefusesWhatIsNoTxid() {
    refused(List.of("gettransaction", "abc"), "'abc' is not a txid");
    refused(List.of("gettransaction", "1".repeat(64)), "no transaction " + "1".repeat(64));
  }

  @Test
  void listunspentShowsTheWalletsCoinsOrOneAddresss() {
    List<String> all = ok("listunspent").lines().toList();
    assertThat(all).hasSize(3); // alice's reward and change, bob's payment
    assertThat(all).anyMatch(l -> l.startsWith(payment + ":0  2.5  " + bob + "  1 confirmation"));
    assertThat(all).anyMatch(l -> l.startsWith(payment + ":1  7.5  " + alice));
    assertThat(ok("listunspent", "-address", bob).lines())
        .containsExactly(all.stream().filter(l -> l.contains(bob)).findFirst().orElseThrow());
    String stranger = ChainBuilder.address(ChainBuilder.key(7)).toString();
    assertThat(ok("listunspent", "-address", stranger)).isEmpty();
    refused(List.of("listunspent", "-address", "nope"), "invalid address");
  }

  @Test
  void historyListsEveryPaymentInAndOut() {
    List<String> aliceHistory = ok("history", "-address", alice).lines().toList();
    assertThat(aliceHistory).hasSize(3);
    assertThat(aliceHistory.get(0)).startsWith("height 0").endsWith("+10");
    assertThat(aliceHistory)
        .anyMatch(l -> l.startsWith("height 1") && l.contains(payment) && l.endsWith("+7.5  -10"));
    assertThat(ok("history", "-address", bob).lines())
        .containsExactly(String.format("height %-6d %s  +2.5", 1, payment));
    refused(List.of("history"), "Missing required option", "-address");
  }

  @Test
  void aKeyDumpedOnOneNodeImportsOnAnotherAndSpendsThere() throws Exception {
    String wif = ok("dumpprivkey", bob).strip();
    assertThat(Address.fromPublicKey(PrivateKey.fromWif(wif).publicKey()).toString())
        .isEqualTo(bob);
    Cli.Run imported =
        Cli.run("importprivkey", "-node-id", "3001", "-datadir", dir.toString(), wif);
    assertThat(imported.out().strip()).isEqualTo("Imported address: " + bob);
    Path wallet = dir.resolve("wallet_3001.dat");
    assertThat(Files.getPosixFilePermissions(wallet))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Cli.Run again = Cli.run("importprivkey", "-node-id", "3001", "-datadir", dir.toString(), wif);
    assertThat(again.out().strip()).isEqualTo("Already in the wallet: " + bob);
    assertThat(
            Cli.run("listaddresses", "-node-id", "3001", "-datadir", dir.toString()).out().lines())
        .containsExactly(bob);
  }

  @Test
  void badKeysAndUnknownAddressesAreRefused() {
    String stranger = ChainBuilder.address(ChainBuilder.key(7)).toString();
    refused(List.of("dumpprivkey", stranger), stranger, "not in this node's wallet");
    refused(List.of("importprivkey", "KzNotAKey"), "not a private key");
    String wif = ok("dumpprivkey", bob).strip();
    String typo = wif.substring(0, 10) + (wif.charAt(10) == 'a' ? 'b' : 'a') + wif.substring(11);
    refused(List.of("importprivkey", typo), "not a private key", "checksum");
    refused(List.of("importprivkey"), "Missing required parameter");
  }
}
