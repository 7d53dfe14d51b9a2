package io.minicoin.cli;

import io.minicoin.chain.VerificationException;
import io.minicoin.crypto.FormatException;
import io.minicoin.store.StoreException;
import io.minicoin.wallet.WalletException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Options;

/**
 * The {@code minicoin} command: its first word names the command (the seed's names and flags), the
 * rest are that command's flags, parsed with Apache Commons CLI.
 */
public final class Main {
  public static final int EXIT_USER_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  static final String VERSION = "minicoin 0.1.0";

  /**
   * A row of the command table: the words that name the command, its line in the command list, and
   * whether it runs long (a node, or one that starts nodes).
   */
  record Entry(String name, String header, boolean longRunning) {
    /** The words of its name: one, or two for {@code bench sync}. */
    String[] words() {
      return name.split(" ", -1);
    }

    /**
     * A new command of this name. A switch, not a {@code Supplier} in each row: linking 22 lambdas
     * cost every command ~4 ms, even from the class-data archive (CommandTableTest checks that each
     * name makes its own command).
     */
    Command make() {
      return switch (name) {
        case "createwallet" -> new CreateWalletCommand();
        case "listaddresses" -> new ListAddressesCommand();
        case "importprivkey" -> new ImportPrivKeyCommand();
        case "dumpprivkey" -> new DumpPrivKeyCommand();
        case "createblockchain" -> new CreateBlockchainCommand();
        case "getbalance" -> new GetBalanceCommand();
        case "listunspent" -> new ListUnspentCommand();
        case "history" -> new HistoryCommand();
        case "send" -> new SendCommand();
        case "getblockcount" -> new GetBlockCountCommand();
        case "getblock" -> new GetBlockCommand();
        case "gettransaction" -> new GetTransactionCommand();
        case "printchain" -> new PrintChainCommand();
        case "reindexutxo" -> new ReindexUtxoCommand();
        case "verifychain" -> new VerifyChainCommand();
        case "startnode" -> new StartNodeCommand();
        case "getmempool" -> new GetMempoolCommand();
        case "getpeers" -> new GetPeersCommand();
        case "stopnode" -> new StopNodeCommand();
        case "bench" -> new BenchCommand();
        case "bench sync" -> new BenchSyncCommand();
        case "demo" -> new DemoCommand();
        default -> throw new IllegalStateException("no command " + name);
      };
    }
  }

  /**
   * Every command, in the order the usage lists them. Only the command being run is made: its flags
   * are all a run builds.
   */
  static final List<Entry> COMMANDS =
      List.of(
          new Entry(
              "createwallet",
              "Make a new key pair in this node's wallet and print its address",
              false),
          new Entry("listaddresses", "List the addresses in this node's wallet", false),
          new Entry("importprivkey", "Add a private key (WIF) to this wallet", false),
          new Entry(
              "dumpprivkey", "Print the private key of an address in this wallet (WIF)", false),
          new Entry(
              "createblockchain",
              "Create a new chain whose genesis block pays 10 coins to ADDRESS",
              false),
          new Entry(
              "getbalance", "Print an address's balance (and what is pending in the pool)", false),
          new Entry(
              "listunspent",
              "List unspent outputs (coins) of this wallet or of one address",
              false),
          new Entry("history", "List every confirmed payment in and out of an address", false),
          new Entry("send", "Pay coins from an address in this wallet; prints the txid", false),
          new Entry("getblockcount", "Print the height of this node's best chain", false),
          new Entry("getblock", "Print one block, by hash or height", false),
          new Entry(
              "gettransaction",
              "Print one transaction, confirmed or in the running node's pool",
              false),
          new Entry("printchain", "Print every block of the best chain, from the tip down", false),
          new Entry(
              "reindexutxo",
              "Rebuild the UTXO set, address index and transaction indexes from the blocks",
              false),
          new Entry("verifychain", "Check the chain file for damage", false),
          new Entry(
              "startnode", "Run this node on port NODE_ID (Ctrl-C or stopnode stops it)", true),
          new Entry("getmempool", "List the transactions in the running node's pool", false),
          new Entry("getpeers", "List the running node's peers", false),
          new Entry("stopnode", "Stop the running node cleanly", false),
          new Entry(
              "bench",
              "Print benchmark figures (mining speed, getbalance cost, HTTP API latency)",
              true),
          new Entry(
              "bench sync",
              "Measure initial sync: a fresh node downloads and validates a chain over loopback",
              true),
          new Entry("demo", "Run the three-node scenario by itself, narrated", true));

  private static final String FOOTER =
      "Every command acts for one node, chosen by NODE_ID (the environment variable, or -node-id"
          + " PORT, before or after the command); its files are blockchain_<NODE_ID>.db,"
          + " wallet_<NODE_ID>.dat and mempool_<NODE_ID>.dat in the current directory, or in"
          + " -datadir DIR. Flags take one dash (-address) or two (--address).";

  /** The node options, which may also come before the command: {@code minicoin -node-id 3001 x}. */
  private static final List<String> NODE_FLAGS =
      List.of("-node-id", "--node-id", "-datadir", "--datadir");

  private static final List<String> HELP = List.of("-h", "--help", "-help");

  private Main() {}

  public static void main(String[] args) {
    if (StaleJar.launcherAsksAndJarIsStale()) {
      System.exit(StaleJar.EXIT_STALE);
    }
    System.exit(run(args));
  }

  /** Runs the command line {@code args}; returns the exit code. */
  public static int run(String... args) {
    int lead = leadingNodeFlags(args);
    String[] words = Arrays.copyOfRange(args, lead, args.length);
    PrintStream err = System.err;
    if (words.length == 0 || HELP.contains(words[0])) {
      printUsage();
      return 0;
    }
    if (words[0].equals("-V") || words[0].equals("--version")) {
      System.out.println(VERSION);
      return 0;
    }
    if (words[0].equals("help")) {
      return help(Arrays.copyOfRange(words, 1, words.length)); // node flags change no usage
    }
    if (words[0].startsWith("-")) {
      err.println("error: unknown option '" + words[0] + "'");
      err.println("run 'minicoin -h' for the list of commands");
      return EXIT_USAGE;
    }
    Entry entry = find(words);
    if (entry == null) {
      return notACommand(words[0]);
    }
    // A short command's stdout is its answer (scripts parse -json): its log lines go to stderr.
    System.setProperty(ConsoleLogging.TO_STDOUT, String.valueOf(entry.longRunning()));
    // The node flags given before the command go after its whole name ('bench sync'), before its
    // own flags.
    int named = entry.words().length;
    String[] flags = new String[lead + words.length - named];
    System.arraycopy(args, 0, flags, 0, lead);
    System.arraycopy(words, named, flags, lead, words.length - named);
    Command command = entry.make();
    Options options = command.options().addOption(Flags.flag("h", "show this command's usage"));
    try {
      for (String flag : flags) {
        if (HELP.contains(flag)) {
          Usage.printCommand(System.out, entry.name(), entry.header(), command, options);
          return 0;
        }
      }
      return command.run(Args.parse(command, options, flags));
    } catch (UsageError e) {
      err.println("error: " + e.getMessage());
      err.println("run 'minicoin " + entry.name() + " -h' for its usage");
      return EXIT_USAGE;
    } catch (UserError
        | WalletException
        | StoreException
        | FormatException
        | VerificationException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USER_ERROR;
    } catch (RuntimeException e) {
      throw e; // a bug: its stack trace is for whoever fixes it
    } catch (Exception e) {
      throw new IllegalStateException(entry.name() + " failed", e);
    }
  }

  /** The command named by the first word, or the first two ({@code bench sync}); null if none. */
  private static Entry find(String[] words) {
    Entry found = null;
    for (Entry e : COMMANDS) {
      String[] name = e.words();
      if (name.length <= words.length
          && Arrays.equals(name, Arrays.copyOf(words, name.length))
          && (found == null || name.length > found.words().length)) {
        found = e;
      }
    }
    return found;
  }

  /** {@code minicoin help [COMMAND]}: minicoin's usage, or that command's. */
  private static int help(String[] words) {
    if (words.length == 0 || HELP.contains(words[0])) {
      printUsage();
      return 0;
    }
    Entry entry = find(words);
    if (entry == null) {
      return notACommand(words[0]);
    }
    Command command = entry.make();
    Options options = command.options().addOption(Flags.flag("h", "show this command's usage"));
    Usage.printCommand(System.out, entry.name(), entry.header(), command, options);
    return 0;
  }

  /** Says the word is no command, git-style, with the nearest command's name where one is near. */
  private static int notACommand(String typed) {
    PrintStream err = System.err;
    err.println("error: '" + typed + "' is not a minicoin command");
    Suggestions.nearest(typed, COMMANDS.stream().map(Entry::name).toList())
        .ifPresent(near -> err.println("did you mean " + near + "?"));
    err.println("run 'minicoin -h' for the list of commands");
    return EXIT_USAGE;
  }

  private static void printUsage() {
    Map<String, String> headers = new LinkedHashMap<>();
    COMMANDS.forEach(e -> headers.put(e.name(), e.header()));
    headers.put("help", "Print a command's usage: minicoin help COMMAND");
    Usage.printMain(System.out, headers, FOOTER);
  }

  /**
   * How many of the first words are node flags given before the command ({@code -node-id P}, {@code
   * -datadir=D}): they apply to the command as if given after its name.
   */
  static int leadingNodeFlags(String[] args) {
    int i = 0;
    while (i < args.length) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      if (!NODE_FLAGS.contains(eq < 0 ? arg : arg.substring(0, eq))) {
        break;
      }
      i += eq < 0 && i + 1 < args.length ? 2 : 1; // the flag, and its value unless glued with '='
    }
    return i;
  }
}
