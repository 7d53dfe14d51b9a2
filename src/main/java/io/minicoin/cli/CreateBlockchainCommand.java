package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.Options;

final class CreateBlockchainCommand implements Command {
  @Override
  public String description() {
    return "Creates a new chain whose genesis block pays 10 coins to ADDRESS.";
  }

  @Override
  public Options options() {
    return NodeOptions.addTo(
        new Options()
            .addOption(Flags.required("address", "ADDRESS", "who the genesis block pays"))
            .addOption(
                Flags.value(
                    "bits",
                    "BITS",
                    "the chain's fixed difficulty in compact form (default: 0x"
                        + Integer.toHexString(ChainParams.DEFAULT_BITS)
                        + ")")));
  }

  @Override
  public int run(Args args) throws VerificationException {
    Address address = args.address("address");
    int bits = args.bits("bits", ChainParams.DEFAULT_BITS);
    NodeOptions node = args.node();
    Path file = node.chainFile();
    if (Files.exists(file)) {
      throw new UserError("a blockchain already exists in " + file + ": refusing to replace it");
    }
    MiningDisplay display = new MiningDisplay();
    Block genesis = new Miner().onProgress(display).mineGenesis(address, bits);
    display.done();
    Blockchain.create(file, genesis).close();
    System.out.println("Genesis block " + genesis.hash());
    System.out.println("Done!");
    return 0;
  }
}
