package io.minicoin.cli;

import io.minicoin.wallet.Wallet;
import org.apache.commons.cli.Options;

final class ListAddressesCommand implements Command {
  @Override
  public String description() {
    return "Lists the addresses in this node's wallet, oldest first.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options());
  }

  @Override
  public int run(Args args) {
    NodeOptions node = args.node();
    Wallet wallet = node.wallet();
    if (!wallet.exists()) { // an empty answer would read as "this wallet has no keys"
      throw new UserError(
          "no wallet yet ("
              + wallet.file()
              + " does not exist): run 'createwallet' first, or check NODE_ID and -datadir");
    }
    wallet.addresses().forEach(System.out::println);
    return 0;
  }
}
