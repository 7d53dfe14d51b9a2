package io.minicoin.chain;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ChainParams;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.OutPoint;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.BlockStatus;
import io.minicoin.store.ChainReader;
import io.minicoin.store.ChainStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The block chain: it accepts blocks, validates them, stores every valid one (also on side
 * branches), and follows the branch with the most cumulative work, disconnecting and connecting
 * blocks when another branch overtakes the current one.
 *
 * <p>This class is the pipeline; each step has its own class. A block travels through three tiers
 * of checks: {@link BlockRules#checkBlock} (the block alone), {@link BlockRules#checkContext}
 * (against its parent), and, when it joins the best chain, {@link BlockRules#checkConnect} (against
 * the UTXO set). A block whose branch has more work than ours joins the best chain by a {@link
 * Reorganization}, which changes the {@link UtxoSet}. Joining the best chain, including every block
 * of a reorganization, is ONE store transaction: a crash leaves the old chain or the new one, never
 * a mixture. Peers find what they lack with a {@link BlockLocator}.
 *
 * <p>All chain state lives in the store, none in this object, so what another process writes to the
 * same file is seen at the next call. (A running node's pool and peers would not hear of it, which
 * is why {@code send -mine} refuses to run beside one.)
 */
public final class Blockchain {
  /**
   * The log, looked up when something is logged: starting the logging library cost a command that
   * only reads or extends the chain (getbalance, send) a tenth of its time, and only building
   * missing indexes logs here.
   */
  private static org.slf4j.Logger log() {
    return org.slf4j.LoggerFactory.getLogger(Blockchain.class);
  }

  /** Where an accepted block ended up. */
  public enum Status {
    /** It is the new tip (perhaps after a reorganization). */
    NEW_TIP,
    /** It is stored on a branch with less work than the best chain. */
    SIDE_BRANCH,
    /** Its parent is unknown; nothing was stored. */
    ORPHAN
  }

  /** The blocks that left and joined the best chain, oldest first in each list. */
  public record Result(Status status, List<Block> disconnected, List<Block> connected) {
    static final Result ORPHAN = new Result(Status.ORPHAN, List.of(), List.of());
  }

  private final ChainStore store;
  private final LongSupplier clock;
  private final int chainBits;

  /**
   * @param clock seconds since 1970, for the "not too far in the future" rule
   */
  public Blockchain(ChainStore store, LongSupplier clock) {
    this.store = store;
    this.clock = clock;
    this.chainBits = store.read(r -> r.requireEntry(r.genesisHash()).header().bits());
  }

  public Blockchain(ChainStore store) {
    this(store, () -> System.currentTimeMillis() / 1000);
  }

  /**
   * Writes the genesis block into an empty store: the first block, which fixes the chain's
   * difficulty.
   */
  public static Blockchain initialize(ChainStore store, Block genesis)
      throws VerificationException {
    BlockRules.checkBlock(genesis);
    if (!genesis.header().previous().equals(Sha256Hash.ZERO)) {
      throw new VerificationException(
          RejectReason.PREV_BLK_NOT_FOUND, "a genesis block has no parent");
    }
    int bits = genesis.header().bits();
    store.writeAll(
        w -> {
          w.initialize(genesis.hash());
          w.putBlock(
              genesis,
              new BlockIndexEntry(
                  genesis.header(), 0, CompactTarget.work(bits), BlockStatus.CONNECTED));
          List<UnspentOutput> spent = UtxoSet.apply(w, genesis, 0);
          w.putUndo(genesis.hash(), spent);
          IndexUpdate.connect(w, genesis, 0, spent);
          w.setBest(0, genesis.hash());
          w.setTip(genesis.hash());
        });
    return new Blockchain(store);
  }

  /**
   * Opens the chain in an existing chain file.
   *
   * @throws io.minicoin.store.StoreException if the file is missing, damaged or not a chain
   */
  public static Blockchain open(Path file) {
    Blockchain chain = new Blockchain(ChainStore.open(file));
    if (chain.store.read(ChainReader::indexesMissing)) {
      // A file from a version without them: build them now, as Bitcoin Core builds an index
      // that is switched on but missing, rather than refuse a chain that is otherwise fine.
      log()
          .info(
              "building the transaction index, spends and script histories of {} (made by an older"
                  + " minicoin without them), once, from its {} blocks",
              file,
              chain.tip().height() + 1);
      try {
        chain.reindexUtxo();
      } catch (RuntimeException e) {
        chain.close();
        throw e;
      }
      log().info("indexes built");
    } else if (!chain.store.read(ChainReader::totalsAtTip)) {
      // Made by a version without the totals, or its tip moved by one that ignores them (or that
      // did not record where they are kept): trusting them would hand out wrong balances, and the
      // next block would find them impossible and call the file damaged.
      log()
          .info(
              "adding up the running totals (balances) of {} again from its script histories: {}",
              file,
              chain.store.read(ChainReader::totalsMissing)
                  ? "it was made by an older minicoin without them"
                  : "they are not kept at its tip (an older minicoin changed the chain since)");
      try {
        long scripts = chain.store.write(w -> w.rebuildTotalsFromHistory());
        log().info("running totals of {} scripts added up", scripts);
      } catch (RuntimeException e) {
        chain.close();
        throw e;
      }
    }
    return chain;
  }

  /**
   * Creates a chain file holding only {@code genesis}. The file must not exist yet.
   *
   * @throws VerificationException if {@code genesis} is not a valid first block
   */
  public static Blockchain create(Path file, Block genesis) throws VerificationException {
    BlockRules.checkBlock(genesis); // before the file is made: a refused genesis leaves nothing
    ChainStore store = ChainStore.create(file);
    try {
      return initialize(store, genesis);
    } catch (VerificationException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** For the chain's own indexes: the layers above read through this class only. */
  ChainStore store() {
    return store;
  }

  /**
   * Whether {@code e} is the chain file failing (disk full, I/O error, damage found) rather than a
   * rule or a bug: a node must stop on it, since every later block would fail the same way.
   */
  public static boolean isStorageFailure(Throwable e) {
    return e instanceof io.minicoin.store.StoreException;
  }

  /** Closes the chain file. */
  public void close() {
    store.close();
  }

  /** The fixed difficulty of this chain, set by its genesis block. */
  public int chainBits() {
    return chainBits;
  }

  /** The best chain's last block. */
  public HeaderView tip() {
    return store.read(r -> view(r.tip()));
  }

  public Sha256Hash genesisHash() {
    return store.read(ChainReader::genesisHash);
  }

  /** What the chain knows of a stored block (on any branch, also an invalid one), if stored. */
  public Optional<HeaderView> header(Sha256Hash hash) {
    return store.read(r -> r.entry(hash).map(Blockchain::view));
  }

  private static HeaderView view(BlockIndexEntry e) {
    return new HeaderView(e.header(), e.height(), e.chainWork(), e.status() == BlockStatus.INVALID);
  }

  public Optional<Block> block(Sha256Hash hash) {
    return store.read(r -> r.block(hash));
  }

  public Optional<UnspentOutput> unspent(OutPoint p) {
    return store.read(r -> r.unspent(p));
  }

  public List<UnspentOutput> unspentOf(Address address) {
    return store.read(r -> r.unspentOf(address.pubKeyHash()));
  }

  /**
   * Enough of an address's unspent outputs to pay {@code enough}, none of those in {@code skip} (a
   * wallet skips the ones its pool already spends): read from the address index until they add up,
   * so a payment from an address holding 50,001 coins reads a few. All of them when together they
   * are less.
   *
   * <p>{@code skip} is a set copied beforehand, not a question asked during the read: the read
   * holds the store's lock (and an LMDB read transaction), and asking the pool then would take the
   * pool's lock inside it, while the pool's own checks take the store's lock inside the pool's.
   * With a writer waiting to grow the map, both would wait for ever.
   */
  public List<UnspentOutput> coinsToSpend(Address address, Amount enough, Set<OutPoint> skip) {
    return store.read(
        r -> r.unspentOf(address.pubKeyHash(), enough.units(), p -> !skip.contains(p)));
  }

  /**
   * The balance of an address on the best chain: one read of its script's running totals, however
   * many coins it holds.
   */
  public Amount balance(Address address) {
    byte[] scriptHash = Hashes.sha256(address.lockingScript().bytes());
    return Amount.units(store.read(r -> r.totals(scriptHash)).balance());
  }

  /** Accepts a block from anywhere: a peer, our miner, the command line. */
  public synchronized Result accept(Block block) throws VerificationException {
    Sha256Hash hash = block.hash();
    Optional<BlockIndexEntry> known = store.read(r -> r.entry(hash));
    if (known.isPresent()) {
      if (known.get().status() == BlockStatus.INVALID) {
        throw new VerificationException(
            RejectReason.DUPLICATE_INVALID, hash + " is known to be invalid");
      }
      throw new VerificationException(RejectReason.DUPLICATE, "already have block " + hash);
    }
    // First, as it costs nothing: a block at another difficulty is worthless, whatever it holds.
    if (block.header().bits() != chainBits) {
      throw new VerificationException(
          RejectReason.BAD_DIFFBITS,
          String.format("bits 0x%08x, the chain uses 0x%08x", block.header().bits(), chainBits));
    }
    Optional<BlockIndexEntry> maybeParent = store.read(r -> r.entry(block.header().previous()));
    try {
      BlockRules.checkBlock(block);
    } catch (VerificationException e) {
      // Remembered only when the header commits to exactly these transactions and carries real
      // work: a wrong or mutated Merkle root says nothing about the block the header stands for.
      boolean headerIsGuilty =
          e.reason() != RejectReason.HIGH_HASH
              && e.reason() != RejectReason.BAD_MERKLE_ROOT
              && e.reason() != RejectReason.BAD_TXNS_DUPLICATE;
      if (headerIsGuilty && maybeParent.isPresent()) {
        BlockIndexEntry p = maybeParent.get();
        store.writeAll(
            w ->
                w.putEntry(
                    new BlockIndexEntry(
                        block.header(),
                        p.height() + 1,
                        p.chainWork().add(CompactTarget.work(chainBits)),
                        BlockStatus.INVALID)));
      }
      throw e;
    }
    if (maybeParent.isEmpty()) {
      return Result.ORPHAN;
    }
    BlockIndexEntry parent = maybeParent.get();
    BlockIndexEntry entry =
        new BlockIndexEntry(
            block.header(),
            parent.height() + 1,
            parent.chainWork().add(CompactTarget.work(chainBits)),
            BlockStatus.STORED);
    if (parent.status() == BlockStatus.INVALID) {
      store.writeAll(w -> w.putEntry(entry.withStatus(BlockStatus.INVALID)));
      throw new VerificationException(
          RejectReason.BAD_PREVBLK, hash + " builds on invalid block " + parent.hash());
    }
    try {
      BlockRules.checkContext(
          block,
          entry.height(),
          chainBits,
          store.read(r -> medianTimePast(r, parent)),
          clock.getAsLong());
    } catch (VerificationException e) {
      if (e.reason() != RejectReason.TIME_TOO_NEW) { // the clock will catch up with that one
        store.writeAll(w -> w.putEntry(entry.withStatus(BlockStatus.INVALID)));
      }
      throw e;
    }
    if (entry.chainWork().compareTo(tip().chainWork()) <= 0) {
      store.writeAll(w -> w.putBlock(block, entry));
      return new Result(Status.SIDE_BRANCH, List.of(), List.of());
    }
    try {
      return store.write(
          w -> {
            w.putBlock(block, entry);
            return Reorganization.activate(w, entry, block);
          });
    } catch (Reorganization.BranchFailure f) {
      recordFailure(f.failed, entry, block);
      if (f.failed.hash().equals(hash)) {
        throw f.cause;
      }
      throw new VerificationException(
          RejectReason.BAD_PREVBLK,
          hash + " builds on " + f.failed.hash() + ", which failed: " + f.cause.getMessage());
    }
  }

  /**
   * Accepts a run of downloaded blocks, each the child of the one before and the first the child of
   * our tip, in ONE store transaction: see {@link GroupCommit} for why, and for what a crash costs.
   * Every rule is checked as for {@link #accept}.
   *
   * @return the result, or empty if nothing was written because the run is not such a plain
   *     extension of the tip or one of its blocks breaks a rule: then offer the blocks one at a
   *     time to {@link #accept}, which refuses and records the bad one as usual
   */
  public synchronized Optional<Result> acceptRun(List<Block> run) {
    if (run.isEmpty()) {
      throw new IllegalArgumentException("an empty run of blocks");
    }
    return GroupCommit.connect(store, chainBits, clock.getAsLong(), run);
  }

  /** The best chain's block at {@code height}. */
  public Optional<Sha256Hash> hashAt(int height) {
    return store.read(r -> r.hashAt(height));
  }

  /**
   * The best chain's block at {@code height} (0 to the tip's height), which must be stored.
   *
   * @throws io.minicoin.store.StoreException if the file lost it (it is damaged)
   */
  public Sha256Hash requireHashAt(int height) {
    return store.read(r -> r.requireHashAt(height));
  }

  /** A block the chain refers to, which must be stored; a missing one means a damaged file. */
  public Block requireBlock(Sha256Hash hash) {
    return store.read(r -> r.requireBlock(hash));
  }

  /** {@link #rawBlock} of a block the chain refers to; a missing one means a damaged file. */
  public byte[] requireRawBlock(Sha256Hash hash) {
    return store.read(r -> r.requireRawBlock(hash));
  }

  /** A stored block's bytes exactly as hashed and sent to peers, without decoding it. */
  public Optional<byte[]> rawBlock(Sha256Hash hash) {
    return store.read(r -> r.rawBlock(hash));
  }

  /** Whether the block is on the best chain. */
  public boolean isOnBestChain(Sha256Hash hash) {
    return store.read(r -> r.entry(hash).map(r::isOnBestChain).orElse(false));
  }

  /**
   * Whether a block with this header would become the new tip: its parent is known and its branch
   * has more work.
   */
  public boolean wouldBeNewTip(BlockHeader header) {
    return store.read(
        r ->
            r.entry(header.previous())
                .map(
                    p ->
                        p.chainWork()
                                .add(CompactTarget.work(chainBits))
                                .compareTo(r.tip().chainWork())
                            > 0)
                .orElse(false));
  }

  /**
   * Marks the failed block and everything from it up to {@code newest} invalid; the rest stays as
   * it was.
   */
  private void recordFailure(BlockIndexEntry failed, BlockIndexEntry newest, Block newestBlock) {
    store.writeAll(
        w -> {
          if (!failed.hash().equals(newest.hash())) {
            w.putBlock(newestBlock, newest.withStatus(BlockStatus.INVALID));
          } else {
            w.putEntry(newest.withStatus(BlockStatus.INVALID));
          }
          BlockIndexEntry e = newest;
          while (!e.hash().equals(failed.hash())) {
            e = w.requireEntry(e.parent());
            w.putEntry(e.withStatus(BlockStatus.INVALID));
          }
        });
  }

  /**
   * The median time of stored block {@code last} and the ten blocks before it: a clock miners
   * cannot push back.
   */
  public long medianTimePast(Sha256Hash last) {
    return store.read(r -> medianTimePast(r, r.requireEntry(last)));
  }

  private static long medianTimePast(ChainReader r, BlockIndexEntry last) {
    return median(recentTimes(r, last));
  }

  /**
   * The times of {@code last} and the blocks before it, newest first, as many as the median needs
   * (a group commit keeps them up to date block by block).
   */
  static java.util.Deque<Long> recentTimes(ChainReader r, BlockIndexEntry last) {
    java.util.Deque<Long> times = new java.util.ArrayDeque<>();
    Optional<BlockIndexEntry> e = Optional.of(last);
    while (e.isPresent() && times.size() < ChainParams.MEDIAN_TIME_SPAN) {
      times.addLast(e.get().header().time());
      e = e.get().height() == 0 ? Optional.empty() : r.entry(e.get().parent());
    }
    return times;
  }

  /** The median of block times: the middle one once sorted (the later of the two middle ones). */
  static long median(java.util.Collection<Long> times) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * The outputs a best-chain block spent, in the order of its inputs (the undo data kept to
   * disconnect it); empty for a block not on the best chain.
   */
  public List<UnspentOutput> spentBy(Sha256Hash blockHash) {
    return store.read(
        r ->
            r.entry(blockHash)
                .filter(r::isOnBestChain)
                .map(e -> r.undo(blockHash))
                .orElse(List.of()));
  }

  /** Every unspent output of the best chain, in the store's key order (txid, then index). */
  public void forEachUnspent(Consumer<UnspentOutput> action) {
    store.read(
        r -> {
          r.forEachUnspent(action);
          return null;
        });
  }

  /** A block locator of the best chain: see {@link BlockLocator}. */
  public List<Sha256Hash> locator() {
    return locatorFrom(store.read(ChainReader::tipHash));
  }

  /** A block locator that starts at any stored block, also one on a side branch. */
  public List<Sha256Hash> locatorFrom(Sha256Hash start) {
    return store.read(r -> BlockLocator.from(r, start));
  }

  /**
   * Best-chain hashes after the newest locator entry we know, up to {@code stop} or {@code max} of
   * them.
   */
  public List<Sha256Hash> hashesAfter(List<Sha256Hash> locator, Sha256Hash stop, int max) {
    return store.read(r -> BlockLocator.hashesAfter(r, locator, stop, max));
  }

  /**
   * Rebuilds the UTXO set, the address index and the transaction indexes (transaction positions,
   * spends, script histories and their running totals) from the best chain's blocks, in one
   * transaction.
   *
   * @return how many transactions hold unspent outputs
   */
  public int reindexUtxo() {
    return store.write(
        w -> {
          w.clearUnspent();
          w.clearTransactionIndexes();
          int tipHeight = w.tip().height();
          for (int h = 0; h <= tipHeight; h++) {
            Block block = w.requireBlock(w.requireHashAt(h));
            IndexUpdate.connect(w, block, h, UtxoSet.apply(w, block, h));
          }
          w.markIndexesBuilt();
          Set<Sha256Hash> txids = new HashSet<>();
          w.forEachUnspent(c -> txids.add(c.outPoint().txid()));
          return txids.size();
        });
  }
}
