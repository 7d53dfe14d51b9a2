package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    header = "Create a new chain whose genesis block pays 10 coins to ADDRESS",
    name = "createblockchain",
    description = "Creates a new chain whose genesis block pays 10 coins to ADDRESS.")
final class CreateBlockchainCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = {"-address", "--address"},
      required = true,
      paramLabel = "ADDRESS",
      converter = Converters.AddressConverter.class,
      description = "who the genesis block pays")
  Address address;

  @Option(
      names = {"-bits", "--bits"},
      paramLabel = "BITS",
      converter = Converters.BitsConverter.class,
      description = "the chain's fixed difficulty in compact form (default: ${DEFAULT-VALUE})",
      defaultValue = "0x1e100000")
  int bits = ChainParams.DEFAULT_BITS;

  @Override
  public Integer call() throws VerificationException {
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
