package io.minicoin.cli;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.ChainVerification;
import io.minicoin.wallet.Wallet;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.commons.cli.Options;

/**
 * Which node a command acts for: {@code NODE_ID} (the environment variable, or {@code -node-id}) is
 * the node's port and names its files {@code blockchain_<NODE_ID>.db} and {@code
 * wallet_<NODE_ID>.dat}.
 */
public final class NodeOptions {
  static final String NODE_ID = "node-id";
  static final String DATADIR = "datadir";

  private final String nodeId;
  private final String dataDir;

  /** {@code nodeId} and {@code dataDir} as typed, null when not given. */
  NodeOptions(String nodeId, String dataDir) {
    this.nodeId = nodeId;
    this.dataDir = dataDir;
  }

  /** Adds {@code -node-id} and {@code -datadir} to a command's flags, after its own. */
  static Options addTo(Options options) {
    return options
        .addOption(
            Flags.value(
                NODE_ID,
                "PORT",
                "this node's id and port (default: the NODE_ID environment variable)"))
        .addOption(
            Flags.value(
                DATADIR, "DIR", "where the node's files are (default: the current directory)"));
  }

  /** The validated node id: a TCP port number. */
  public int port() {
    String id = nodeId != null ? nodeId : System.getenv("NODE_ID");
    if (id == null || id.isBlank()) {
      throw new UserError(
          "NODE_ID is not set: it is the node's port. Set it with 'export NODE_ID=3000' (Linux,"
              + " macOS), 'set NODE_ID=3000' (Windows cmd) or '$env:NODE_ID=3000' (PowerShell),"
              + " or pass -node-id 3000");
    }
    int port;
    try {
      port = Integer.parseInt(id.strip());
    } catch (NumberFormatException e) {
      throw new UserError("NODE_ID '" + id + "' is not a port number (1-65535)");
    }
    if (port < 1 || port > 65535) {
      throw new UserError("NODE_ID '" + id + "' is not a port number (1-65535)");
    }
    return port;
  }

  /** The data directory; as Bitcoin Core does, a named one must exist (it is never made). */
  public Path dir() {
    if (dataDir == null) {
      return Path.of(".");
    }
    Path dir;
    try {
      dir = Path.of(dataDir);
    } catch (InvalidPathException e) {
      throw new UserError("-datadir '" + dataDir + "' is not a path: " + e.getReason());
    }
    if (!Files.isDirectory(dir)) {
      throw new UserError(
          "data directory "
              + dataDir
              + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + ": create it first, or check -datadir");
    }
    return dir;
  }

  public Path chainFile() {
    return dir().resolve("blockchain_" + port() + ".db");
  }

  public Path walletFile() {
    return dir().resolve("wallet_" + port() + ".dat");
  }

  public Wallet wallet() {
    return Wallet.load(walletFile());
  }

  /** Opens this node's chain, or explains how to get one. */
  public Blockchain openChain() {
    Blockchain chain = openChainUnverified();
    try {
      // Bitcoin Core checks the last blocks at every start; this is the command line's start. A
      // damaged file is refused here, before a command reads a wrong number from it or builds on
      // it.
      ChainVerification.verify(chain, ChainVerification.DEFAULT_CHECK_BLOCKS, false);
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
    return chain;
  }

  /**
   * Opens this node's chain without the start-up check: for {@code reindexutxo}, which rebuilds the
   * part the check reads (every block it reads is still checked), and {@code verifychain}.
   */
  public Blockchain openChainUnverified() {
    Path file = chainFile();
    if (!Files.exists(file)) {
      throw new UserError(
          "no blockchain yet ("
              + file
              + " does not exist): run 'createblockchain -address ADDRESS' first, or copy a chain file there");
    }
    return Blockchain.open(file);
  }
}
