package io.minicoin.cli;

import io.minicoin.chain.VerificationException;
import io.minicoin.crypto.FormatException;
import io.minicoin.store.StoreException;
import io.minicoin.wallet.WalletException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code minicoin} command: one subcommand per action, the seed's names and flags. */
@Command(
    name = "minicoin",
    mixinStandardHelpOptions = true,
    version = "minicoin 0.1.0",
    synopsisHeading = "Usage: ",
    customSynopsis = "minicoin <command> [flags]   (minicoin <command> -h: that command's flags)",
    description = "A small Bitcoin-like blockchain network on Bitcoin's real formats.",
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Every command acts for one node, chosen by NODE_ID (the environment variable, or -node-id"
          + " PORT, before or after the command); its files are blockchain_<NODE_ID>.db,"
          + " wallet_<NODE_ID>.dat and mempool_<NODE_ID>.dat in the current directory, or in -datadir DIR. Flags take one"
          + " dash (-address) or two (--address)."
    })
public final class Main implements Callable<Integer> {
  public static final int EXIT_USER_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  /** The node options, which may also come before the command: {@code minicoin -node-id 3001 x}. */
  private static final List<String> NODE_FLAGS =
      List.of("-node-id", "--node-id", "-datadir", "--datadir");

  /**
   * Every command by name, in the order the usage lists them. Picocli reads a command's class
   * (annotations, fields, converters) to build its model, which is most of its start-up cost: a run
   * builds only the command it runs, and all of them only for help or a mistyped name.
   */
  static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("createwallet", CreateWalletCommand.class);
    COMMANDS.put("listaddresses", ListAddressesCommand.class);
    COMMANDS.put("importprivkey", ImportPrivKeyCommand.class);
    COMMANDS.put("dumpprivkey", DumpPrivKeyCommand.class);
    COMMANDS.put("createblockchain", CreateBlockchainCommand.class);
    COMMANDS.put("getbalance", GetBalanceCommand.class);
    COMMANDS.put("listunspent", ListUnspentCommand.class);
    COMMANDS.put("history", HistoryCommand.class);
    COMMANDS.put("send", SendCommand.class);
    COMMANDS.put("getblockcount", GetBlockCountCommand.class);
    COMMANDS.put("getblock", GetBlockCommand.class);
    COMMANDS.put("gettransaction", GetTransactionCommand.class);
    COMMANDS.put("printchain", PrintChainCommand.class);
    COMMANDS.put("reindexutxo", ReindexUtxoCommand.class);
    COMMANDS.put("verifychain", VerifyChainCommand.class);
    COMMANDS.put("startnode", StartNodeCommand.class);
    COMMANDS.put("getmempool", GetMempoolCommand.class);
    COMMANDS.put("getpeers", GetPeersCommand.class);
    COMMANDS.put("stopnode", StopNodeCommand.class);
    COMMANDS.put("bench", BenchCommand.class);
    COMMANDS.put("demo", DemoCommand.class);
    COMMANDS.put("help", CommandLine.HelpCommand.class);
  }

  /** Commands that run long enough to repay start-up work with faster steady-state code. */
  private static final List<Class<?>> LONG_RUNNING =
      List.of(StartNodeCommand.class, BenchCommand.class, DemoCommand.class);

  @CommandLine.Spec CommandSpec spec;

  /** No command: the usage, as {@code minicoin -h} prints it. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  public static void main(String[] args) {
    if (StaleJar.launcherAsksAndJarIsStale()) {
      System.exit(StaleJar.EXIT_STALE);
    }
    System.exit(run(args));
  }

  public static int run(String... args) {
    String[] reordered = nodeFlagsAfterCommand(args);
    Class<?> only = reordered.length > 0 ? COMMANDS.get(reordered[0]) : null;
    // A short command's stdout is its answer (scripts parse -json): its log lines go to stderr.
    System.setProperty(
        ConsoleLogging.TO_STDOUT, String.valueOf(only != null && LONG_RUNNING.contains(only)));
    if (only != null && !LONG_RUNNING.contains(only)) {
      // LMDB's binding (jnr-ffi) generates a bytecode stub per native function at first use: over
      // half a second for a command that then makes a few calls. Its reflective invoker starts at
      // once and is slower per call, which only a node connecting thousands of blocks would feel.
      if (System.getProperty("jnr.ffi.asm.enabled") == null) {
        System.setProperty("jnr.ffi.asm.enabled", "false");
      }
    }
    CommandLine cli;
    if (only != null && only != CommandLine.HelpCommand.class) {
      cli = new CommandLine(new Main());
      cli.addSubcommand(only);
    } else {
      cli = allCommands();
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpWidth(100);
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
        sub.getCommandSpec()
            .addOption(
                OptionSpec.builder("-h", "--help", "-help")
                    .usageHelp(true)
                    .description("show this command's usage and exit")
                    .build());
      }
    }
    cli.setParameterExceptionHandler((ex, a) -> usageError(ex, reordered));
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
    return cli.execute(reordered);
  }

  /** The command line with every command: for the usage, help and suggestions. */
  static CommandLine allCommands() {
    CommandLine cli = new CommandLine(new Main());
    COMMANDS.values().forEach(cli::addSubcommand);
    return cli;
  }

  /** Moves {@code -node-id P} and {@code -datadir D} given before the command to just after it. */
  static String[] nodeFlagsAfterCommand(String[] args) {
    List<String> leading = new ArrayList<>();
    int i = 0;
    while (i < args.length) {
      String name = args[i].split("=", 2)[0];
      if (!NODE_FLAGS.contains(name)) {
        break;
      }
      leading.add(args[i++]);
      if (!args[i - 1].contains("=") && i < args.length) {
        leading.add(args[i++]);
      }
    }
    if (leading.isEmpty()) {
      return args;
    }
    if (i >= args.length) {
      return new String[0]; // node flags but no command: the usage, as with no arguments at all
    }
    List<String> all = new ArrayList<>();
    all.add(args[i]);
    all.addAll(leading);
    all.addAll(List.of(args).subList(i + 1, args.length));
    return all.toArray(String[]::new);
  }

  /** Says what is wrong with the command line, git-style, with a suggestion where one is near. */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    PrintWriter err = c.getErr();
    boolean top = c.getParent() == null;
    Optional<String> unknown = top ? Optional.empty() : unknownOption(c.getCommandSpec(), args);
    if (top && ex instanceof CommandLine.UnmatchedArgumentException u) {
      String typed = u.getUnmatched().get(0);
      if (typed.startsWith("-")) {
        err.println("error: unknown option '" + typed + "'");
      } else {
        err.println("error: '" + typed + "' is not a minicoin command");
        Suggestions.nearest(typed, c.getSubcommands().keySet())
            .ifPresent(s -> err.println("did you mean " + s + "?"));
      }
      err.println("run 'minicoin -h' for the list of commands");
      return EXIT_USAGE;
    }
    if (unknown.isPresent()) {
      String typed = unknown.get();
      List<String> names = new ArrayList<>();
      c.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
      String near =
          Suggestions.nearest(typed, names)
              .map(s -> " (did you mean -" + s.replaceFirst("^-+", "") + "?)")
              .orElse("");
      err.println("error: unknown option '" + typed + "'" + near);
    } else if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      err.println("error: unexpected argument '" + u.getUnmatched().get(0) + "'");
    } else {
      // Picocli names an option by its longest spelling (--from); the seed's users type -from.
      err.println("error: " + ex.getMessage().replaceAll("'--([a-z])", "'-$1"));
    }
    if (top) {
      // 'minicoin help creatwallet': the name after help is checked like a command.
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("Unknown subcommand '(.*)'").matcher(ex.getMessage());
      if (m.find()) {
        Suggestions.nearest(m.group(1), COMMANDS.keySet())
            .ifPresent(near -> err.println("did you mean " + near + "?"));
      }
      err.println("run 'minicoin -h' for the list of commands");
    } else {
      err.println("run 'minicoin " + c.getCommandName() + " -h' for its usage");
    }
    return EXIT_USAGE;
  }

  /**
   * The first token after the command that looks like a flag but is none of its options. Picocli
   * would otherwise report a required option as missing first, which hides the typo.
   */
  private static Optional<String> unknownOption(CommandSpec spec, String[] args) {
    int start = List.of(args).indexOf(spec.name());
    for (int i = start + 1; i < args.length; i++) {
      String token = args[i];
      if (!token.matches("--?[A-Za-z].*")) {
        continue;
      }
      String name = token.split("=", 2)[0];
      OptionSpec option = spec.optionsMap().get(name);
      if (option == null) {
        return Optional.of(name);
      }
      if (option.arity().max() > 0 && !token.contains("=")) {
        i++; // its value
      }
    }
    return Optional.empty();
  }
}
