package io.minicoin.cli;

import io.minicoin.bench.ApiBenchmark;
import io.minicoin.bench.BalanceBenchmark;
import io.minicoin.bench.MiningBenchmark;
import io.minicoin.chain.VerificationException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    header = "Print benchmark figures (mining speed, getbalance cost, HTTP API latency)",
    name = "bench",
    subcommands = {BenchSyncCommand.class},
    description =
        "Prints benchmark figures: mining hash rate against the machine's SHA-256 ceiling, getbalance cost on a short and a long chain, and the HTTP API's requests per second and latency (getblockcount, /api/address/:address/utxo) on the long chain.")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = {"-seconds", "--seconds"},
      paramLabel = "S",
      defaultValue = "3",
      description = "how long each mining measurement runs (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = {"-blocks", "--blocks"},
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "the long chain's length for the getbalance benchmark (default: ${DEFAULT-VALUE})")
  int blocks;

  @Override
  public Integer call() throws IOException, VerificationException, InterruptedException {
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
