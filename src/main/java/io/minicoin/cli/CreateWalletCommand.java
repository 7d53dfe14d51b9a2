package io.minicoin.cli;

import io.minicoin.core.Address;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    header = "Make a new key pair in this node's wallet and print its address",
    name = "createwallet",
    description = "Creates a new key pair in this node's wallet and prints its address.")
final class CreateWalletCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Override
  public Integer call() {
    Address address = node.wallet().createAddress(new SecureRandom());
    System.out.println("Your new address: " + address);
    return 0;
  }
}
