package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.crypto.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "importprivkey",
    header = "Add a private key (WIF) to this wallet",
    description =
        "Adds a private key in Bitcoin's wallet import format (from dumpprivkey, or from a Bitcoin"
            + " wallet) to this node's wallet and prints its address, as Bitcoin Core's"
            + " importprivkey does. Only keys for compressed public keys (WIF starting with K or L)"
            + " are taken. The wallet file stays readable by its owner only.")
final class ImportPrivKeyCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "WIF", description = "the private key, e.g. L1aW4aubDF...")
  String wif;

  @Override
  public Integer call() {
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
