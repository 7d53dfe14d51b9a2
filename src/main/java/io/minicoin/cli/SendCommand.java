package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.TransactionRules;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.net.HostPort;
import io.minicoin.net.TransactionSender;
import io.minicoin.wallet.TransactionBuilder;
import io.minicoin.wallet.Wallet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.Options;

final class SendCommand implements Command {
  @Override
  public String description() {
    return "Sends AMOUNT coins from FROM (a key in this node's wallet) to TO.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.required(
                    "from", "FROM", "the paying address; its key must be in this node's wallet"))
            .addOption(Flags.required("to", "TO", "the address paid (starting with 1)"))
            .addOption(
                Flags.required(
                    "amount", "COINS", "how many coins to pay, e.g. 1 or 0.5 (up to 8 decimals)"))
            .addOption(Flags.value("fee", "COINS", "fee for the miner (default: 0)"))
            .addOption(Flags.flag("mine", "mine a block with the transaction now, on this node"))
            .addOption(
                Flags.value(
                    "miner", "ADDRESS", "with -mine: who the block reward goes to (default: FROM)"))
            .addOption(
                Flags.value(
                    "central",
                    "HOST:PORT",
                    "without -mine: the central node, used when this node is not running (default: "
                        + StartNodeCommand.DEFAULT_CENTRAL
                        + ")")));
  }

  @Override
  public int run(Args args) throws VerificationException {
    Address from = args.address("from");
    Address to = args.address("to");
    Amount amount = args.amount("amount", Amount.ZERO);
    Amount fee = args.amount("fee", Amount.ZERO);
    boolean mine = args.has("mine");
    Address miner = args.address("miner");
    String central = args.text("central", StartNodeCommand.DEFAULT_CENTRAL);
    NodeOptions node = args.node();
    if (!amount.isPositive()) {
      throw new UserError("the amount must be more than 0");
    }
    Wallet wallet = node.wallet();
    PrivateKey key =
        wallet
            .key(from)
            .orElseThrow(
                () ->
                    new UserError(
                        "address "
                            + from
                            + " is not in this node's wallet ("
                            + node.walletFile()
                            + "), so it cannot sign"));
    Blockchain chain = node.openChain();
    try {
      // Like Bitcoin Core's wallet: spend our own unconfirmed change too, and never a coin the
      // pool already spends, so a second payment right after the first works.
      Optional<PoolView> pool = mine ? Optional.empty() : PoolView.ofRunningNode(node);
      // Only as many coins as the payment needs are read: an address may hold 50,000.
      List<UnspentOutput> coins =
          chain.coinsToSpend(from, amount.plus(fee), pool.map(PoolView::spent).orElse(Set.of()));
      if (pool.isPresent()) {
        coins = pool.get().spendable(from, coins);
      }
      Transaction tx = TransactionBuilder.pay(key, coins, to, amount, fee);
      if (mine) {
        mineNow(node, chain, tx, miner != null ? miner : from);
      } else {
        broadcast(node, tx, central);
      }
    } finally {
      chain.close();
    }
    return 0;
  }

  private static void mineNow(NodeOptions node, Blockchain chain, Transaction tx, Address miner)
      throws VerificationException {
    if (nodeIsRunning(node)) {
      // Its pool, miner and peers would never hear of a block written behind its back.
      throw new UserError(
          "node "
              + node.port()
              + " is running: send without -mine, and its network will mine the transaction");
    }
    TransactionRules.checkSanity(tx);
    Amount txFee = TransactionRules.checkInputs(tx, chain::unspent);
    MiningDisplay display = new MiningDisplay();
    Block block =
        new Miner()
            .onProgress(display)
            .mineOnTip(chain, List.of(tx), txFee, miner, () -> false)
            .orElseThrow();
    display.done();
    chain.accept(block);
    System.out.println("Transaction " + tx.txid());
    System.out.println("Mined block " + block.hash() + " at height " + chain.tip().height());
    System.out.println("Success!");
  }

  private static boolean nodeIsRunning(NodeOptions node) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("localhost", node.port()), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** To this node's own running node if there is one, else to the central node. */
  private static void broadcast(NodeOptions node, Transaction tx, String central) {
    List<HostPort> nodes = new ArrayList<>();
    nodes.add(new HostPort("localhost", node.port()));
    try {
      HostPort c = HostPort.parse(central);
      if (!nodes.contains(c)) {
        nodes.add(c);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("bad -central: " + e.getMessage());
    }
    try {
      HostPort to = TransactionSender.submit(tx, nodes, Duration.ofSeconds(10));
      System.out.println("Sent transaction " + tx.txid() + " to node " + to);
      System.out.println("Success!");
    } catch (TransactionSender.SendException e) {
      throw new UserError(e.getMessage());
    }
  }
}
