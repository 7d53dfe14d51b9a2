package io.minicoin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "listaddresses",
    description = "Lists the addresses in this node's wallet, oldest first.")
final class ListAddressesCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Override
  public Integer call() {
    node.wallet().addresses().forEach(System.out::println);
    return 0;
  }
}
