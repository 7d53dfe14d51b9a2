package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.crypto.Sha256Hash;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "gettransaction",
    header = "Print one transaction, confirmed or in the running node's pool",
    description =
        "Prints a transaction found by its txid: in a block of the best chain (read from the chain"
            + " file), or else in the pool of this node's running node.")
final class GetTransactionCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "TXID", description = "the txid (64 hex digits)")
  String txid;

  @Override
  public Integer call() {
    Sha256Hash id = parse(txid);
    Blockchain chain = node.openChain();
    try {
      TransactionIndex.LocatedTransaction found =
          new ChainLookup(chain)
              .transaction(id)
              .orElseThrow(
                  () ->
                      new UserError(
                          "no transaction " + txid + " in the best chain of " + node.chainFile()));
      TransactionIndex.Confirmation where = found.confirmation().orElseThrow();
      int confirmations = chain.tip().height() - where.height() + 1;
      System.out.println(
          "Confirmed in block "
              + where.blockHash()
              + " at height "
              + where.height()
              + " ("
              + ListUnspentCommand.confirmations(confirmations)
              + ")");
      TransactionView.printTransaction(System.out, found.tx(), found.prevouts());
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
