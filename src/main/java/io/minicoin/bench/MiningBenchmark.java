package io.minicoin.bench;

import io.minicoin.chain.NonceSearch;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.NonceScanner;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.crypto.Sha256Midstate;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Mining speed on this machine: header hashes per second with one thread and with all threads,
 * compared with OpenSSL's SHA-256 speed as the per-core ceiling.
 *
 * <p>Run: {@code java --add-opens java.base/sun.security.provider=ALL-UNNAMED -cp target/classes
 * io.minicoin.bench.MiningBenchmark [seconds per measurement]}.
 */
public final class MiningBenchmark {
  /** bits 0x03000001 encode target 1: never met, so searches run until the deadline. */
  private static final int IMPOSSIBLE_BITS = 0x03000001;

  private MiningBenchmark() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    run(System.out, Duration.ofMillis((long) (seconds * 1000)));
  }

  public static void run(PrintStream out, Duration perMeasurement) {
    BlockHeader template =
        new BlockHeader(
            1,
            Sha256Hash.fromHex("000000000000000000000000000000000000000000000000000000000000abcd"),
            Sha256Hash.fromHex("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"),
            1_700_000_000L,
            IMPOSSIBLE_BITS,
            0);
    int cores = NonceSearch.defaultThreads();
    out.println("implementation: " + Sha256Midstate.implementation());

    // Warm-up: let the JIT compile (and intrinsify) the inner loops of both paths.
    Duration warm = perMeasurement.dividedBy(2);
    mine(template, 1, warm);
    scanFor(Sha256Midstate.portable(template.serialize()), warm);

    double single = mine(template, 1, perMeasurement);
    String used = Sha256Midstate.directAvailable() ? "direct" : "portable";
    out.printf(Locale.ROOT, "1 thread (%s path): %,.0f header hashes/s%n", used, single);
    double portable = scanFor(Sha256Midstate.portable(template.serialize()), perMeasurement);
    out.printf(
        Locale.ROOT,
        "1 thread, portable path (MessageDigest clone): %,.0f header hashes/s (%.0f%% of the %s path)%n",
        portable,
        100 * portable / single,
        used);
    double all = mine(template, cores, perMeasurement);
    out.printf(
        Locale.ROOT,
        "%d threads (%s path): %,.0f header hashes/s (%,.0f per thread)%n",
        cores,
        used,
        all,
        all / cores);

    OptionalDouble small = opensslBytesPerSecond(64);
    if (small.isEmpty()) {
      out.println("openssl: not available; ceiling comparison skipped");
      return;
    }
    // A 64-byte message is 2 compressions (the data block, then the padding block), and so is a
    // midstate mining try (the header's last chunk, then the 32-byte hash's block): one 64-byte
    // openssl operation per second = one header hash per second. It includes OpenSSL's per-message
    // overhead (EVP init/final), as ours includes the state reset and nonce/target handling.
    double ceiling = small.getAsDouble() / 64;
    out.printf(
        Locale.ROOT,
        "openssl speed -evp sha256, 64-byte blocks: %,.0f bytes/s = %,.0f messages/s"
            + " (2 compressions each = one midstate header try): ceiling %,.0f header hashes/s per thread;"
            + " ours is %.0f%%%n",
        small.getAsDouble(),
        ceiling,
        ceiling,
        100 * single / ceiling);
    OptionalDouble large = opensslBytesPerSecond(16384);
    if (large.isPresent()) {
      // Long messages: bytes/s / 64 = compressions/s with no per-message overhead; 2 per try.
      double raw = large.getAsDouble() / 128;
      out.printf(
          Locale.ROOT,
          "openssl, 16384-byte blocks: %,.0f bytes/s = %,.0f compressions/s: raw ceiling"
              + " %,.0f header hashes/s per thread; ours is %.0f%%%n",
          large.getAsDouble(),
          large.getAsDouble() / 64,
          raw,
          100 * single / raw);
    }
  }

  /**
   * Header hashes per second of {@link NonceSearch#search} with {@code threads} for {@code time}.
   */
  private static double mine(BlockHeader template, int threads, Duration time) {
    long deadline = System.nanoTime() + time.toNanos();
    NonceSearch.Result r =
        NonceSearch.search(template, threads, () -> System.nanoTime() > deadline);
    return r.hashesPerSecond();
  }

  private static double scanFor(Sha256Midstate midstate, Duration time) {
    NonceScanner hasher = new NonceScanner(midstate, BigInteger.ZERO); // target 0: never met
    long start = System.nanoTime();
    long deadline = start + time.toNanos();
    long hashes = 0;
    int nonce = 0;
    while (System.nanoTime() < deadline) {
      hasher.scan(nonce, 4096);
      nonce += 4096;
      hashes += 4096;
    }
    return hashes * 1e9 / (System.nanoTime() - start);
  }

  /** OpenSSL's single-thread SHA-256 bytes per second for messages of {@code size}, if it runs. */
  static OptionalDouble opensslBytesPerSecond(int size) {
    try {
      Process p =
          new ProcessBuilder(
                  List.of(
                      "openssl",
                      "speed",
                      "-seconds",
                      "3",
                      "-bytes",
                      Integer.toString(size),
                      "-evp",
                      "sha256"))
              .redirectErrorStream(true)
              .start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return OptionalDouble.empty();
      }
      return parseOpensslSpeed(text);
    } catch (IOException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /** The bytes/s figure of the result line ("sha256 522485.76k"), in the first size column. */
  static OptionalDouble parseOpensslSpeed(String text) {
    for (String line : text.lines().toList()) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length >= 2 && f[0].equalsIgnoreCase("sha256") && f[1].matches("[0-9.]+k")) {
        return OptionalDouble.of(Double.parseDouble(f[1].substring(0, f[1].length() - 1)) * 1000);
      }
    }
    return OptionalDouble.empty();
  }
}
