package io.minicoin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.Blockchain;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Options;

final class GetTransactionCommand implements Command {
  @Override
  public String description() {
    return "Prints a transaction found by its txid: in a block of the best chain (read from the chain"
        + " file), or else in the pool of this node's running node.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(
                Flags.flag(
                    "json", "print JSON with Bitcoin Core's getrawtransaction fields instead")));
  }

  @Override
  public Parameter parameter() {
    return new Parameter("TXID", "the txid (64 hex digits)");
  }

  @Override
  public int run(Args args) {
    String txid = args.parameter();
    boolean json = args.has("json");
    NodeOptions node = args.node();
    Sha256Hash id = parse(txid);
    Blockchain chain = node.openChain();
    try {
      Optional<TransactionIndex.LocatedTransaction> confirmed =
          new ChainLookup(chain).transaction(id);
      if (confirmed.isPresent()) {
        TransactionIndex.LocatedTransaction found = confirmed.get();
        TransactionIndex.Confirmation where = found.confirmation().orElseThrow();
        int confirmations = chain.tip().height() - where.height() + 1;
        if (json) {
          ObjectNode o = JsonViews.transaction(found.tx(), found.prevouts());
          o.put("blockhash", where.blockHash().toString());
          o.put("confirmations", confirmations);
          o.put("blocktime", where.blockTime());
          System.out.println(JsonViews.print(o));
        } else {
          System.out.println(
              "Confirmed in block "
                  + where.blockHash()
                  + " at height "
                  + where.height()
                  + " ("
                  + ListUnspentCommand.confirmations(confirmations)
                  + ")");
          TransactionView.printTransaction(System.out, found.tx(), found.prevouts());
        }
        return 0;
      }
      // Not in a block: perhaps still waiting in the running node's pool.
      Optional<PoolView> pool = PoolView.ofRunningNode(node);
      Optional<Transaction> pooled = pool.flatMap(p -> p.find(id));
      if (pooled.isEmpty()) {
        throw new UserError(
            "no transaction "
                + txid
                + " in the best chain of "
                + node.chainFile()
                + (pool.isPresent()
                    ? " nor in the running node's pool"
                    : " (node " + node.port() + " is not running, so its pool was not asked)"));
      }
      Transaction tx = pooled.get();
      List<TxOut> prevouts =
          tx.inputs().stream()
              .map(
                  in ->
                      chain
                          .unspent(in.previous())
                          .map(UnspentOutput::output)
                          .or(() -> pool.get().output(in.previous()))
                          .orElse(null))
              .toList();
      if (json) {
        ObjectNode o = JsonViews.transaction(tx, prevouts);
        o.put("confirmations", 0);
        System.out.println(JsonViews.print(o));
      } else {
        System.out.println("Unconfirmed: in the pool of node " + node.port());
        TransactionView.printTransaction(System.out, tx, prevouts);
      }
    } finally {
      chain.close();
    }
    return 0;
  }

  static Sha256Hash parse(String txid) {
    if (!txid.matches("[0-9a-fA-F]{64}")) {
      throw new UserError("'" + txid + "' is not a txid (64 hex digits)");
    }
    try {
      return Sha256Hash.fromHex(txid);
    } catch (IllegalArgumentException e) {
      throw new UserError("'" + txid + "' is not a txid: " + e.getMessage());
    }
  }
}
