package io.minicoin.bench;

import io.minicoin.core.NonceScanner;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Midstate;
import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Block header double-SHA-256 per second for one thread: the direct (JDK compression) and portable
 * (MessageDigest clone) midstate paths, and ({@link Baseline}) a plain {@code Hashes.sha256d} of
 * all 80 bytes.
 *
 * <p>Run: {@code java --add-opens java.base/sun.security.provider=ALL-UNNAMED -cp <classpath>
 * org.openjdk.jmh.Main HeaderHashBenchmark}. Each invocation is one nonce.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED")
public class HeaderHashBenchmark {
  @Param({"direct", "portable"})
  public String implementation;

  private NonceScanner hasher;
  private final byte[] header = new byte[80];
  private int nonce;

  @Setup
  public void setUp() {
    new Random(1).nextBytes(header);
    // Target 0 is never met, so every nonce is fully compared.
    hasher =
        new NonceScanner(
            implementation.equals("direct")
                ? Sha256Midstate.direct(header)
                : Sha256Midstate.portable(header),
            BigInteger.ZERO);
  }

  @Benchmark
  public boolean midstateHeaderHash() {
    return hasher.meets(nonce++);
  }

  /** The baseline without midstate: {@code Hashes.sha256d} of all 80 bytes (3 compressions). */
  @State(Scope.Thread)
  public static class Baseline {
    private final byte[] header = new byte[80];
    private int nonce;

    @Benchmark
    public byte[] fullSha256d() {
      header[76] = (byte) nonce++;
      return Hashes.sha256d(header);
    }
  }
}
