package io.minicoin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "startnode", description = "Starts this node: listens on port NODE_ID and syncs with the central node.")
final class StartNodeCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Override
  public Integer call() {
    throw new UserError("not built yet");
  }
}
