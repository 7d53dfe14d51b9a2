package io.minicoin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", description = "Measures mining speed and getbalance cost.")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("not built yet");
  }
}
