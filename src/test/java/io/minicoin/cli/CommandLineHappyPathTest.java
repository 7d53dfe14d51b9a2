package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's commands, in order, on one node: wallet, chain, balance, send, print, reindex. */
class CommandLineHappyPathTest {
  @TempDir Path dir;

  private Cli.Run node(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = args[0];
    all[1] = "-node-id";
    all[2] = "3000";
    all[3] = "-datadir";
    System.arraycopy(args, 1, all, 5, args.length - 1);
    all[4] = dir.toString();
    Cli.Run run = Cli.run(all);
    assertThat(run.exitCode()).as("%s: %s", String.join(" ", args), run.err()).isZero();
    assertThat(run.err()).isEmpty();
    return run;
  }

  private String createWallet() {
    Matcher m =
        Pattern.compile("^Your new address: (1\\w+)$", Pattern.MULTILINE)
            .matcher(node("createwallet").out());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private String balance(String address) {
    return node("getbalance", "-address", address).out().strip();
  }

  @Test
  void aNodeCreatesAChainSendsCoinsAndPrintsIt() {
    String alice = createWallet();
    String bob = createWallet();
    String miner = createWallet();
    assertThat(node("listaddresses").out().lines().toList()).containsExactly(alice, bob, miner);

    assertThat(node("createblockchain", "-address", alice, "-bits", "0x207fffff").out())
        .contains("Done!");
    assertThat(balance(alice)).isEqualTo("Balance of '" + alice + "': 10");

    assertThat(
            node("send", "-from", alice, "-to", bob, "-amount", "1", "-mine", "-miner", miner)
                .out())
        .contains("Success!");
    assertThat(balance(alice)).isEqualTo("Balance of '" + alice + "': 9");
    assertThat(balance(bob)).isEqualTo("Balance of '" + bob + "': 1");
    assertThat(balance(miner)).isEqualTo("Balance of '" + miner + "': 10");

    String printed = node("printchain").out();
    assertThat(printed.lines().filter(l -> l.contains("(tip)")).toList()).hasSize(1);
    assertThat(printed.lines().findFirst().orElseThrow()).contains("(tip)");
    assertThat(printed).contains("Height:      1", "Height:      0");

    List<Block> raw =
        node("printchain", "-raw")
            .out()
            .lines()
            .map(l -> Block.fromBytes(HexFormat.of().parseHex(l)))
            .toList();
    assertThat(raw).hasSize(2);
    assertThat(raw.get(0).header().previous()).isEqualTo(raw.get(1).hash());
    assertThat(raw.get(1).header().previous()).isEqualTo(Sha256Hash.ZERO);
    assertThat(printed.lines().findFirst().orElseThrow()).contains(raw.get(0).hash().toString());
    // The tutorial's view: each input's signature and public key, each output's script, exactly
    // the bytes the block holds.
    Transaction payment = raw.get(0).transactions().get(1);
    List<byte[]> pushes = payment.inputs().get(0).scriptSig().pushes();
    TxOut paid = payment.outputs().get(0);
    assertThat(printed)
        .contains(
            "--- Transaction " + payment.txid() + ":",
            "       TXID:      " + raw.get(1).transactions().get(0).txid(),
            "       Signature: " + HexFormat.of().formatHex(pushes.get(0)),
            "       PubKey:    " + HexFormat.of().formatHex(pushes.get(1)),
            "       Value:     1\n       Script:    " + paid.scriptPubKey(),
            "       Address:   " + bob);
    assertThat(paid.scriptPubKey().toString()).startsWith("76a914").endsWith("88ac");

    assertThat(node("reindexutxo").out().strip())
        .isEqualTo("Done! There are 2 transactions in the UTXO set.");
    assertThat(balance(alice)).isEqualTo("Balance of '" + alice + "': 9");
  }
}
