package io.minicoin.cli;

import io.minicoin.core.Address;
import java.security.SecureRandom;
import org.apache.commons.cli.Options;

final class CreateWalletCommand implements Command {
  @Override
  public String description() {
    return "Creates a new key pair in this node's wallet and prints its address.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options());
  }

  @Override
  public int run(Args args) {
    NodeOptions node = args.node();
    Address address = node.wallet().createAddress(new SecureRandom());
    System.out.println("Your new address: " + address);
    return 0;
  }
}
