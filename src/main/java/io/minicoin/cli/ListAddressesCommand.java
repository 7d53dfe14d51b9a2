package io.minicoin.cli;

import io.minicoin.wallet.Wallet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    header = "List the addresses in this node's wallet",
    name = "listaddresses",
    description = "Lists the addresses in this node's wallet, oldest first.")
final class ListAddressesCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Override
  public Integer call() {
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
