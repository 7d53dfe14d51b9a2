package io.minicoin.bench;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.store.ChainStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shows that {@code getbalance} reads the address index rather than scanning the UTXO set: the
 * same address, holding the same coins, is queried on a chain of 10 blocks and on one of 10,000
 * (whose other 9,990 coinbases pay other addresses), and the two costs are printed side by side.
 */
public final class BalanceBenchmark {
  private BalanceBenchmark() {}

  public static void run(PrintStream out, int smallChain, int largeChain) throws IOException, VerificationException {
    out.println("getbalance (address index lookup, LMDB on disk):");
    double small = measure(smallChain);
    double large = measure(largeChain);
    out.printf("  chain of %,6d blocks: %8.1f us per getbalance%n", smallChain, small);
    out.printf("  chain of %,6d blocks: %8.1f us per getbalance (%.2fx the small chain)%n", largeChain, large, large / small);
  }

  /** Builds a chain of {@code blocks} blocks; the queried address gets the first 5 coinbases. */
  private static double measure(int blocks) throws IOException, VerificationException {
    Path dir = Files.createTempDirectory("minicoin-bench-");
    try (ChainStore store = ChainStore.create(dir.resolve("chain.db"))) {
      SecureRandom random = new SecureRandom();
      Address watched = Address.fromPublicKey(PrivateKey.generate(random).publicKey());
      Miner miner = new Miner(1, () -> System.currentTimeMillis() / 1000);
      Blockchain chain = Blockchain.initialize(store, miner.mineGenesis(watched, ChainParams.EASIEST_BITS));
      Address other = Address.fromPublicKey(PrivateKey.generate(random).publicKey());
      for (int i = 1; i < blocks; i++) {
        Address payTo = i < 5 ? watched : other;
        Block b = miner.mineOnTip(chain, List.of(), Amount.ZERO, payTo, () -> false).orElseThrow();
        chain.accept(b);
      }
      int rounds = 20_000;
      for (int i = 0; i < rounds; i++) { // warm-up
        chain.balance(watched);
      }
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        chain.balance(watched);
      }
      return (System.nanoTime() - start) / 1_000.0 / rounds;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
