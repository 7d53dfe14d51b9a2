package io.minicoin.testing;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.NonceSearch;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ChainParams;
import io.minicoin.core.MerkleTree;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Script;
import io.minicoin.core.Sighash;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainReader;
import io.minicoin.store.ChainStore;
import io.minicoin.wallet.TransactionBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Builds chains for tests: mines blocks at the easiest difficulty (a couple of hashes each), with
 * deterministic keys and a fixed clock, and hand-builds broken blocks by changing a block and
 * mining its header again.
 *
 * <p>Block times are the parent's time plus ten minutes, so they never depend on the wall clock;
 * the chain's clock stands still at {@link #NOW}, far after any block a test makes.
 */
public final class ChainBuilder implements AutoCloseable {
  public static final int BITS = ChainParams.EASIEST_BITS;
  public static final long GENESIS_TIME = 1_700_000_000L;
  public static final long NOW = GENESIS_TIME + 100_000_000L;
  public static final LongSupplier CLOCK = () -> NOW;
  public static final Amount REWARD = ChainParams.BLOCK_REWARD;

  /** Who the genesis block and, unless told otherwise, every block pays. */
  public static final PrivateKey MINER = key(1);

  public static final PrivateKey ALICE = key(2);
  public static final PrivateKey BOB = key(3);
  public static final PrivateKey CAROL = key(4);

  private final ChainStore store;
  private final Blockchain chain;
  private long extraNonce;

  private ChainBuilder(ChainStore store) {
    this.store = store;
    List<Transaction> txs = List.of(coinbase(0, REWARD, address(MINER)));
    Block genesis = mine(header(Sha256Hash.ZERO, GENESIS_TIME, txs), txs);
    try {
      Blockchain.initialize(store, genesis);
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
    this.chain = new Blockchain(store, CLOCK);
  }

  /** A new chain in an LMDB file, holding only its genesis block (which pays {@link #MINER}). */
  public static ChainBuilder onDisk(Path file) {
    return new ChainBuilder(ChainStore.create(file));
  }

  public static ChainBuilder inMemory() {
    return new ChainBuilder(ChainStore.inMemory());
  }

  /** The same key every run: the 32-byte big-endian number {@code n}. */
  public static PrivateKey key(int n) {
    byte[] secret = new byte[32];
    secret[28] = (byte) (n >>> 24);
    secret[29] = (byte) (n >>> 16);
    secret[30] = (byte) (n >>> 8);
    secret[31] = (byte) n;
    return PrivateKey.fromBytes(secret);
  }

  public static Address address(PrivateKey key) {
    return Address.fromPublicKey(key.publicKey());
  }

  public Blockchain chain() {
    return chain;
  }

  public ChainStore store() {
    return store;
  }

  /** The tip's index entry, read from the store: tests may look below the chain's own API. */
  public BlockIndexEntry tip() {
    return store.read(ChainReader::tip);
  }

  /** A stored block's index entry. */
  public Optional<BlockIndexEntry> entry(Sha256Hash hash) {
    return store.read(r -> r.entry(hash));
  }

  /** The best chain's block at {@code height}. */
  public Sha256Hash hashAt(int height) {
    return chain.hashAt(height).orElseThrow();
  }

  /** The whole UTXO set, in key order. */
  public List<UnspentOutput> utxoSet() {
    return ChainAssertions.utxoSet(chain);
  }

  public Amount balance(PrivateKey key) {
    return chain.balance(address(key));
  }

  // ---- blocks ----

  /** A valid block on the tip paying the reward and fees to {@link #MINER}; not yet accepted. */
  public Block nextBlock(Transaction... txs) {
    return blockOn(tip(), txs);
  }

  /** A valid block on {@code parent} (any block, also on a side branch); not yet accepted. */
  public Block blockOn(BlockIndexEntry parent, Transaction... txs) {
    List<Transaction> list = List.of(txs);
    return blockOn(parent, REWARD.plus(fees(list)), list);
  }

  /**
   * A block on {@code parent} whose coinbase pays {@code coinbaseValue} to the miner; otherwise
   * valid.
   */
  public Block blockOn(BlockIndexEntry parent, Amount coinbaseValue, List<Transaction> txs) {
    int height = parent.height() + 1;
    List<Transaction> all = new ArrayList<>();
    all.add(coinbase(height, coinbaseValue, address(MINER)));
    all.addAll(txs);
    return mine(header(parent.hash(), parent.header().time() + 600, all), all);
  }

  /**
   * Mines {@code count} busy blocks: block i pays person i (round the list) 2 coins from the miner,
   * and that person at once passes 1 coin on to the next person, inside the same block, so blocks
   * spend outputs created in themselves.
   */
  public void mineBusyBlocks(List<PrivateKey> people, int count) {
    for (int i = 0; i < count; i++) {
      PrivateKey first = people.get(i % people.size());
      PrivateKey second = people.get((i + 1) % people.size());
      Transaction fromMiner = pay(MINER, first, Amount.coins(2), Amount.units(1_000));
      UnspentOutput received =
          new UnspentOutput(
              new OutPoint(fromMiner.txid(), 0), fromMiner.outputs().get(0), 0, false);
      Transaction passOn =
          signed(
              first,
              List.of(received),
              List.of(
                  TxOut.to(address(second), Amount.coins(1)),
                  TxOut.to(address(first), Amount.units(99_999_000))));
      mineOnTip(fromMiner, passOn);
    }
  }

  /** Mines and accepts a block on the tip, failing the test if it is refused. */
  public Block mineOnTip(Transaction... txs) {
    Block b = nextBlock(txs);
    accept(b);
    return b;
  }

  /**
   * Mines and accepts {@code n} empty blocks on {@code parent}; returns the last one's index entry.
   */
  public BlockIndexEntry extend(BlockIndexEntry parent, int n) {
    BlockIndexEntry e = parent;
    for (int i = 0; i < n; i++) {
      Block b = blockOn(e);
      accept(b);
      e = entry(b.hash()).orElseThrow();
    }
    return e;
  }

  public Blockchain.Result accept(Block block) {
    try {
      return chain.accept(block);
    } catch (VerificationException e) {
      throw new AssertionError(
          "a block the test meant to be valid was refused: " + e.getMessage(), e);
    }
  }

  public BlockIndexEntry entry(Block block) {
    return entry(block.hash()).orElseThrow();
  }

  // ---- transactions ----

  /** A signed payment from {@code from}'s coins on the best chain, change back to {@code from}. */
  public Transaction pay(PrivateKey from, PrivateKey to, Amount amount, Amount fee) {
    return TransactionBuilder.pay(from, chain.unspentOf(address(from)), address(to), amount, fee);
  }

  public Transaction pay(PrivateKey from, PrivateKey to, long coins) {
    return pay(from, to, Amount.coins(coins), Amount.ZERO);
  }

  /** A transaction spending {@code spent} (in order), every input signed by {@code signer}. */
  public static Transaction signed(
      PrivateKey signer, List<UnspentOutput> spent, List<TxOut> outputs) {
    List<TxIn> unsigned = spent.stream().map(c -> new TxIn(c.outPoint(), Script.EMPTY)).toList();
    return sign(
        signer,
        new Transaction(unsigned, outputs),
        spent.stream().map(UnspentOutput::output).toList());
  }

  /** Signs input i of {@code tx} as the owner of {@code spentOutputs.get(i)}. */
  public static Transaction sign(PrivateKey signer, Transaction tx, List<TxOut> spentOutputs) {
    List<TxIn> signed = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      byte[] digest = Sighash.legacy(tx, i, spentOutputs.get(i).scriptPubKey(), Sighash.ALL);
      signed.add(
          new TxIn(
              tx.inputs().get(i).previous(),
              Script.spending(
                  withHashType(signer.sign(digest).toDer()), signer.publicKey().bytes())));
    }
    return new Transaction(tx.version(), signed, tx.outputs(), tx.lockTime());
  }

  public static byte[] withHashType(byte[] der) {
    byte[] sig = java.util.Arrays.copyOf(der, der.length + 1);
    sig[der.length] = Sighash.ALL;
    return sig;
  }

  /** {@code tx} with its outputs replaced but its input scripts (signatures) kept. */
  public static Transaction withOutputs(Transaction tx, List<TxOut> outputs) {
    return new Transaction(tx.version(), tx.inputs(), outputs, tx.lockTime());
  }

  public UnspentOutput coin(OutPoint p) {
    return chain.unspent(p).orElseThrow(() -> new AssertionError(p + " is not unspent"));
  }

  /**
   * The fees of {@code txs}, looking up inputs in the UTXO set and in the earlier ones of {@code
   * txs}.
   */
  public Amount fees(List<Transaction> txs) {
    Map<OutPoint, Amount> earlier = new HashMap<>();
    Amount fees = Amount.ZERO;
    for (Transaction tx : txs) {
      Amount in = Amount.ZERO;
      for (TxIn i : tx.inputs()) {
        Optional<Amount> v =
            Optional.ofNullable(earlier.get(i.previous()))
                .or(() -> chain.unspent(i.previous()).map(UnspentOutput::value));
        in = in.plus(v.orElse(Amount.ZERO));
      }
      for (int o = 0; o < tx.outputs().size(); o++) {
        earlier.put(new OutPoint(tx.txid(), o), tx.outputs().get(o).value());
      }
      Amount fee = in.minus(tx.totalOut());
      fees = fee.isPositive() ? fees.plus(fee) : fees;
    }
    return fees;
  }

  /** A coinbase for {@code height}; each one unique, so no two blocks share a coinbase txid. */
  public Transaction coinbase(int height, Amount value, Address payTo) {
    return Transaction.coinbase(height, extraNonce++, List.of(TxOut.to(payTo, value)));
  }

  // ---- hand-built blocks ----

  public static BlockHeader header(Sha256Hash parent, long time, List<Transaction> txs) {
    return new BlockHeader(ChainParams.BLOCK_VERSION, parent, merkleRoot(txs), time, BITS, 0);
  }

  public static Sha256Hash merkleRoot(List<Transaction> txs) {
    return MerkleTree.root(txs.stream().map(Transaction::txid).toList());
  }

  /** Finds a nonce for {@code template} and returns the block with {@code txs}, as given. */
  public static Block mine(BlockHeader template, List<Transaction> txs) {
    return new Block(NonceSearch.solve(template, 1, () -> false).orElseThrow(), txs);
  }

  /** {@code block} with other transactions: Merkle root recomputed, header mined again. */
  public static Block withTransactions(Block block, List<Transaction> txs) {
    BlockHeader h = block.header();
    return mine(
        new BlockHeader(h.version(), h.previous(), merkleRoot(txs), h.time(), h.bits(), 0), txs);
  }

  /** {@code block} with another time, mined again. */
  public static Block withTime(Block block, long time) {
    BlockHeader h = block.header();
    return mine(
        new BlockHeader(h.version(), h.previous(), h.merkleRoot(), time, h.bits(), 0),
        block.transactions());
  }

  /** {@code block} with other bits, mined again at those bits. */
  public static Block withBits(Block block, int bits) {
    BlockHeader h = block.header();
    return mine(
        new BlockHeader(h.version(), h.previous(), h.merkleRoot(), h.time(), bits, 0),
        block.transactions());
  }

  /** {@code block} with a nonce that does NOT meet its target. */
  public static Block withFailingNonce(Block block) {
    BlockHeader h = block.header();
    for (int n = 0; ; n++) {
      BlockHeader candidate = h.withNonce(n);
      if (!candidate.meetsOwnTarget()) {
        return new Block(candidate, block.transactions());
      }
    }
  }

  /**
   * {@code block}'s header (mined as it is) with {@code txs} that its Merkle root does not cover.
   */
  public static Block withUncommittedTransactions(Block block, List<Transaction> txs) {
    return new Block(block.header(), txs);
  }

  @Override
  public void close() {
    store.close();
  }
}
