package io.minicoin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", description = "Runs the three-node scenario by itself in a temporary directory.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("not built yet");
  }
}
