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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shows that {@code getbalance} reads the address index rather than scanning the UTXO set: the same
 * address, holding the same coins, is queried on a chain of 10 blocks and on one of 10,000 (whose
 * other 9,990 coinbases pay other addresses), and the two costs are printed side by side.
 */
public final class BalanceBenchmark {
  private BalanceBenchmark() {}

  public static void run(PrintStream out, int smallChain, int largeChain)
      throws IOException, VerificationException {
    out.println(
        "getbalance (address index lookup, LMDB on disk), median of 5 rounds after warm-up:");
    Path dir = Files.createTempDirectory("minicoin-bench-balance-");
    try (Fixture small = new Fixture(dir.resolve("small.db"), smallChain);
        Fixture large = new Fixture(dir.resolve("large.db"), largeChain)) {
      for (int i = 0; i < 5; i++) { // warm up both before measuring either, so JIT favours neither
        small.timePerCall();
        large.timePerCall();
      }
      double[] s = new double[5];
      double[] l = new double[5];
      for (int i = 0; i < 5; i++) {
        s[i] = small.timePerCall();
        l[i] = large.timePerCall();
      }
      Arrays.sort(s);
      Arrays.sort(l);
      out.printf("  chain of %,6d blocks: %6.2f us per getbalance%n", smallChain, s[2]);
      out.printf(
          "  chain of %,6d blocks: %6.2f us per getbalance (%.2fx the short chain)%n",
          largeChain, l[2], l[2] / s[2]);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A chain of {@code blocks} blocks in which the watched address got the first 5 coinbases. */
  private static final class Fixture implements AutoCloseable {
    private static final int CALLS = 20_000;
    private final ChainStore store;
    private final Blockchain chain;
    private final Address watched;

    Fixture(Path file, int blocks) throws VerificationException {
      store = ChainStore.create(file);
      SecureRandom random = new SecureRandom();
      watched = Address.fromPublicKey(PrivateKey.generate(random).publicKey());
      Address other = Address.fromPublicKey(PrivateKey.generate(random).publicKey());
      Miner miner = new Miner(1, () -> System.currentTimeMillis() / 1000);
      chain = Blockchain.initialize(store, miner.mineGenesis(watched, ChainParams.EASIEST_BITS));
      for (int i = 1; i < blocks; i++) {
        Block b =
            miner
                .mineOnTip(chain, List.of(), Amount.ZERO, i < 5 ? watched : other, () -> false)
                .orElseThrow();
        chain.accept(b);
      }
      if (!chain.balance(watched).equals(Amount.coins(50))) {
        throw new IllegalStateException("benchmark chain built wrong: " + chain.balance(watched));
      }
    }

    double timePerCall() {
      long start = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        chain.balance(watched);
      }
      return (System.nanoTime() - start) / 1_000.0 / CALLS;
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
