package io.minicoin.cli;

import io.minicoin.chain.VerificationException;
import io.minicoin.crypto.FormatException;
import io.minicoin.store.StoreException;
import io.minicoin.wallet.WalletException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code minicoin} command: one subcommand per action, the seed's names and flags. */
@Command(
    name = "minicoin",
    mixinStandardHelpOptions = true,
    version = "minicoin 0.1.0",
    description = "A small Bitcoin-like blockchain network on Bitcoin's real formats.",
    subcommands = {
      CreateWalletCommand.class,
      ListAddressesCommand.class,
      CreateBlockchainCommand.class,
      GetBalanceCommand.class,
      SendCommand.class,
      PrintChainCommand.class,
      ReindexUtxoCommand.class,
      StartNodeCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int EXIT_USER_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("error: " + ex.getMessage());
          err.println("run 'minicoin help" + commandName(ex.getCommandLine()) + "' for usage");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof UserError
              || ex instanceof WalletException
              || ex instanceof StoreException
              || ex instanceof FormatException
              || ex instanceof VerificationException) {
            c.getErr().println("error: " + ex.getMessage());
            return EXIT_USER_ERROR;
          }
          throw ex;
        });
    return cli.execute(args);
  }

  private static String commandName(CommandLine c) {
    return c.getParent() == null ? "" : " " + c.getCommandName();
  }
}
