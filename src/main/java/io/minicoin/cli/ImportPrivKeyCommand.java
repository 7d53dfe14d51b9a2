package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.crypto.PrivateKey;
import org.apache.commons.cli.Options;

final class ImportPrivKeyCommand implements Command {
  @Override
  public String description() {
    return "Adds a private key in Bitcoin's wallet import format (from dumpprivkey, or from a Bitcoin"
        + " wallet) to this node's wallet and prints its address, as Bitcoin Core's"
        + " importprivkey does. Only keys for compressed public keys (WIF starting with K or L)"
        + " are taken. The wallet file stays readable by its owner only.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(new Options());
  }

  @Override
  public Parameter parameter() {
    return new Parameter("WIF", "the private key, e.g. L1aW4aubDF...");
  }

  @Override
  public int run(Args args) {
    String wif = args.parameter();
    NodeOptions node = args.node();
    PrivateKey key;
    try {
      key = PrivateKey.fromWif(wif.strip());
    } catch (IllegalArgumentException e) {
      throw new UserError("not a private key in wallet import format: " + e.getMessage());
    }
    Address address = Address.fromPublicKey(key.publicKey());
    boolean added = node.wallet().importKey(key);
    System.out.println((added ? "Imported address: " : "Already in the wallet: ") + address);
    return 0;
  }
}
