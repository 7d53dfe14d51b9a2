package io.minicoin.cli;

import io.minicoin.bench.ApiBenchmark;
import io.minicoin.bench.BalanceBenchmark;
import io.minicoin.bench.MiningBenchmark;
import io.minicoin.chain.VerificationException;
import java.io.IOException;
import java.time.Duration;
import org.apache.commons.cli.Options;

final class BenchCommand implements Command {
  private static final int DEFAULT_SECONDS = 3;
  private static final int DEFAULT_BLOCKS = 10_000;

  @Override
  public String description() {
    return "Prints benchmark figures: mining hash rate against the machine's SHA-256 ceiling,"
        + " getbalance cost on a short and a long chain, and the HTTP API's requests per second"
        + " and latency (getblockcount, /api/address/:address/utxo) on the long chain. 'minicoin"
        + " bench sync' measures a fresh node's initial sync instead.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(
            Flags.value(
                "seconds",
                "S",
                "how long each mining measurement runs (default: " + DEFAULT_SECONDS + ")"))
        .addOption(
            Flags.value(
                "blocks",
                "N",
                "the long chain's length for the getbalance benchmark (default: "
                    + DEFAULT_BLOCKS
                    + ")"));
  }

  @Override
  public int run(Args args) throws IOException, VerificationException, InterruptedException {
    int seconds = args.integer("seconds", DEFAULT_SECONDS);
    int blocks = args.integer("blocks", DEFAULT_BLOCKS);
    if (seconds < 1 || blocks < 20) {
      throw new UserError("-seconds must be at least 1 and -blocks at least 20");
    }
    MiningBenchmark.run(System.out, Duration.ofSeconds(seconds));
    System.out.println();
    BalanceBenchmark.run(System.out, 10, blocks);
    System.out.println();
    ApiBenchmark.run(System.out, blocks);
    return 0;
  }
}
