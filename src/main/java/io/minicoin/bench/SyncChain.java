package io.minicoin.bench;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Script;
import io.minicoin.core.Sighash;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.wallet.Wallet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chain {@code bench sync} downloads: {@code blocks} blocks after the genesis block, each with
 * {@code txsPerBlock} signed payments besides its coinbase. Every payment spends the oldest coin
 * not yet spent and splits it in two (while fewer than {@link #MAX_COINS} wait), so there is always
 * a coin to spend and every block's inputs and signatures are real work for the node that checks
 * them.
 */
public final class SyncChain {
  private SyncChain() {}

  /**
   * Coins waiting to be spent, at most: past that, payments stop splitting, so a long chain's
   * builder (and the UTXO set) stays small. Enough that a coin waits many blocks to be spent.
   */
  private static final int MAX_COINS = 4096;

  /** Blocks and transactions per store transaction while building, at most (as a node syncs). */
  private static final int GROUP = 500;

  private static final int GROUP_TRANSACTIONS = 1_000;

  private record Coin(OutPoint outPoint, TxOut output) {}

  /**
   * Writes the genesis block alone to {@code genesisOnly} (the fresh node's starting point) and the
   * whole chain to {@code full}.
   */
  public static void build(
      Path full, Path genesisOnly, int blocks, int txsPerBlock, PrintStream progress)
      throws IOException, VerificationException {
    build(full, genesisOnly, blocks, txsPerBlock, progress, null);
  }

  /**
   * As {@link #build(Path, Path, int, int, PrintStream)}, and when {@code ownerWallet} is given,
   * adds the key of the address that owns every coin of the chain to that wallet file (made if
   * missing): then {@code getbalance} and {@code send} can be timed on the chain as its owner.
   */
  public static void build(
      Path full,
      Path genesisOnly,
      int blocks,
      int txsPerBlock,
      PrintStream progress,
      Path ownerWallet)
      throws IOException, VerificationException {
    PrivateKey key = PrivateKey.generate(new SecureRandom());
    Address owner = Address.fromPublicKey(key.publicKey());
    if (ownerWallet != null) {
      Wallet.load(ownerWallet).importKey(key);
    }
    // Block times one second apart, ending now: never in the future, always after their median.
    long[] time = {System.currentTimeMillis() / 1000 - blocks - 1};
    Miner miner = new Miner(1, () -> time[0]);
    Block genesis = miner.mineGenesis(owner, ChainParams.EASIEST_BITS);
    Blockchain.create(genesisOnly, genesis).close();
    Files.copy(genesisOnly, full);
    ArrayDeque<Coin> coins = new ArrayDeque<>();
    coins.add(coinbaseCoin(genesis));
    Blockchain chain = Blockchain.open(full);
    try {
      long started = System.nanoTime();
      Block previous = genesis;
      List<Block> group = new ArrayList<>(GROUP);
      int groupTxs = 0;
      for (int i = 1; i <= blocks; i++) {
        time[0]++;
        List<Transaction> txs = new ArrayList<>(txsPerBlock);
        for (int j = 0; j < txsPerBlock; j++) {
          Transaction tx = payment(key, owner, coins.poll(), coins.size() < MAX_COINS);
          txs.add(tx);
          for (int o = 0; o < tx.outputs().size(); o++) {
            coins.add(new Coin(new OutPoint(tx.txid(), o), tx.outputs().get(o)));
          }
        }
        Block block =
            miner.mineOn(
                previous.hash(), i, ChainParams.EASIEST_BITS, time[0], txs, Amount.ZERO, owner);
        group.add(block);
        previous = block;
        coins.add(coinbaseCoin(block));
        groupTxs += txs.size() + 1;
        if (group.size() == GROUP || groupTxs >= GROUP_TRANSACTIONS || i == blocks) {
          // Stored as a node stores a download: a group per store transaction, every rule checked.
          if (chain.acceptRun(group).isEmpty()) {
            throw new IllegalStateException("the chain refused a block built for it");
          }
          group.clear();
          groupTxs = 0;
        }
        if (progress != null && (i % 10_000 == 0 || i == blocks)) {
          progress.printf(
              "  built %,d of %,d blocks (%.0f s)%n",
              i, blocks, (System.nanoTime() - started) / 1e9);
        }
      }
    } finally {
      chain.close();
    }
  }

  private static Coin coinbaseCoin(Block block) {
    Transaction coinbase = block.transactions().get(0);
    return new Coin(new OutPoint(coinbase.txid(), 0), coinbase.outputs().get(0));
  }

  /**
   * Spends {@code coin} to two outputs of half its value each if {@code split}, else (or when it is
   * too small) to one.
   */
  private static Transaction payment(PrivateKey key, Address owner, Coin coin, boolean split) {
    long units = coin.output().value().units();
    List<TxOut> outputs =
        units < 2 || !split
            ? List.of(TxOut.to(owner, Amount.units(units)))
            : List.of(
                TxOut.to(owner, Amount.units(units / 2)),
                TxOut.to(owner, Amount.units(units - units / 2)));
    Transaction unsigned =
        new Transaction(List.of(new TxIn(coin.outPoint(), Script.EMPTY)), outputs);
    byte[] digest = Sighash.legacy(unsigned, 0, coin.output().scriptPubKey(), Sighash.ALL);
    byte[] der = key.sign(digest).toDer();
    byte[] sig = Arrays.copyOf(der, der.length + 1);
    sig[der.length] = Sighash.ALL;
    return new Transaction(
        List.of(new TxIn(coin.outPoint(), Script.spending(sig, key.publicKey().bytes()))), outputs);
  }
}
