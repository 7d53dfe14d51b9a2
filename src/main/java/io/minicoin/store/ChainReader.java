package io.minicoin.store;

import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.OutPoint;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Typed reads inside one consistent snapshot of the chain file. */
public class ChainReader {
  final KeyValueStore.Reader kv;

  ChainReader(KeyValueStore.Reader kv) {
    this.kv = kv;
  }

  String format() {
    byte[] v = kv.get(Table.META, Keys.META_FORMAT);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  public Sha256Hash genesisHash() {
    return metaHash(Keys.META_GENESIS);
  }

  /** The hash of the best chain's last block. */
  public Sha256Hash tipHash() {
    return metaHash(Keys.META_TIP);
  }

  public BlockIndexEntry tip() {
    return entry(tipHash())
        .orElseThrow(() -> damaged("the chain tip is missing from the block index"));
  }

  private Sha256Hash metaHash(byte[] key) {
    byte[] v = kv.get(Table.META, key);
    if (v == null) {
      throw damaged("the chain file has no " + new String(key, StandardCharsets.US_ASCII));
    }
    if (v.length != Sha256Hash.LENGTH) {
      throw damaged("the chain file's " + new String(key, StandardCharsets.US_ASCII) + " is cut");
    }
    return Sha256Hash.wrap(v);
  }

  /** The index entry of {@code hash}; one whose header does not hash to its key is damage. */
  public Optional<BlockIndexEntry> entry(Sha256Hash hash) {
    byte[] v = kv.get(Table.INDEX, hash.bytes());
    if (v == null) {
      return Optional.empty();
    }
    BlockIndexEntry e = decode(() -> BlockIndexEntry.deserialize(v), "block index entry ", hash);
    if (!e.hash().equals(hash)) {
      throw damaged("block index entry " + hash + " holds the header of " + e.hash());
    }
    return Optional.of(e);
  }

  /** An index entry that must be there (the best chain or another entry refers to it). */
  public BlockIndexEntry requireEntry(Sha256Hash hash) {
    return entry(hash).orElseThrow(() -> damaged("block index entry " + hash + " is missing"));
  }

  /**
   * The stored block {@code hash}, checked as it is read: its header hashes to its key and its
   * Merkle root matches its transactions. Without the check a flipped byte on disk would be served
   * to peers and built on as if it were the block that was accepted.
   */
  public Optional<Block> block(Sha256Hash hash) {
    byte[] v = kv.get(Table.BLOCKS, hash.bytes());
    if (v == null) {
      return Optional.empty();
    }
    Block b = decode(() -> Block.fromBytes(v), "block ", hash);
    if (!b.hash().equals(hash)) {
      throw damaged("stored block " + hash + " hashes to " + b.hash());
    }
    if (!b.computeMerkleRoot().root().equals(b.header().merkleRoot())) {
      throw damaged("stored block " + hash + ": its transactions do not match its Merkle root");
    }
    return Optional.of(b);
  }

  /** A block that must be there (it is on the best chain, or the index lists it). */
  public Block requireBlock(Sha256Hash hash) {
    return block(hash).orElseThrow(() -> damaged("block " + hash + " is missing"));
  }

  /**
   * The serialized block exactly as stored (and hashed, and sent to peers); its header is checked
   * against its key, so a damaged header is never sent.
   */
  public Optional<byte[]> rawBlock(Sha256Hash hash) {
    byte[] v = kv.get(Table.BLOCKS, hash.bytes());
    if (v == null) {
      return Optional.empty();
    }
    if (v.length < BlockHeader.SIZE
        || !BlockHeader.read(new ByteReader(Arrays.copyOf(v, BlockHeader.SIZE)))
            .hash()
            .equals(hash)) {
      throw damaged("stored block " + hash + " does not hash to its key");
    }
    return Optional.of(v);
  }

  /** The serialized block, which must be there. */
  public byte[] requireRawBlock(Sha256Hash hash) {
    return rawBlock(hash).orElseThrow(() -> damaged("block " + hash + " is missing"));
  }

  /** The best chain's block at {@code height}. */
  public Optional<Sha256Hash> hashAt(int height) {
    byte[] v = kv.get(Table.HEIGHTS, Keys.height(height));
    if (v != null && v.length != Sha256Hash.LENGTH) {
      throw damaged("the best chain's entry at height " + height + " is cut");
    }
    return v == null ? Optional.empty() : Optional.of(Sha256Hash.wrap(v));
  }

  /** The best chain's block at {@code height}, which must be there (0 to the tip's height). */
  public Sha256Hash requireHashAt(int height) {
    return hashAt(height)
        .orElseThrow(() -> damaged("the best chain has no block at height " + height));
  }

  /** Whether {@code hash} is on the best chain. */
  public boolean isOnBestChain(BlockIndexEntry e) {
    return hashAt(e.height()).map(e.hash()::equals).orElse(false);
  }

  public Optional<UnspentOutput> unspent(OutPoint outPoint) {
    byte[] v = kv.get(Table.UTXO, outPoint.toBytes());
    return v == null
        ? Optional.empty()
        : Optional.of(
            decode(() -> decodeCoin(outPoint, new ByteReader(v), true), "utxo ", outPoint));
  }

  /**
   * Every unspent output locked to {@code pubKeyHash}, read from the address index (in its order,
   * by txid): no scan of the UTXO set. Each entry is checked against its UTXO record.
   */
  public List<UnspentOutput> unspentOf(byte[] pubKeyHash) {
    return checkedCoins(pubKeyHash, addressEntries(pubKeyHash, Long.MAX_VALUE, 0, p -> true));
  }

  /**
   * How many address index entries coin selection looks at beyond those that add up to the amount:
   * enough to find the large coins among dust, few enough that paying from an address with 50,001
   * coins reads a small part of its index (64 bytes an entry) and not its UTXO records.
   */
  static final int SELECTION_WINDOW = 1_000;

  /**
   * Unspent outputs locked to {@code pubKeyHash} that {@code usable} accepts and that add up to
   * {@code enough} base units, largest first: the fewest inputs, so the smallest transaction and
   * fewest signatures (oldest first would need every candidate's height, which only its UTXO record
   * holds). Chosen among the address index entries read in its order (by txid) until they add up
   * and at least {@link #SELECTION_WINDOW} of them are read, so an address holding many low-txid
   * dust coins does not make a transaction of hundreds of inputs, and only the chosen coins' UTXO
   * records are read. Fewer than {@code enough} only when all of them together are less.
   */
  public List<UnspentOutput> unspentOf(byte[] pubKeyHash, long enough, Predicate<OutPoint> usable) {
    List<AddressEntry> read = addressEntries(pubKeyHash, enough, SELECTION_WINDOW, usable);
    read.sort((a, b) -> Long.compare(b.amount, a.amount)); // stable: ties keep the index's order
    List<AddressEntry> chosen = new ArrayList<>();
    long sum = 0;
    for (AddressEntry e : read) {
      if (sum >= enough) {
        break;
      }
      chosen.add(e);
      sum += e.amount;
    }
    return checkedCoins(pubKeyHash, chosen);
  }

  /** An address index entry: an output and the amount the index records for it. */
  private record AddressEntry(OutPoint outPoint, long amount) {}

  /**
   * The address index entries of {@code pubKeyHash} that {@code usable} accepts, in key order,
   * until they add up to {@code enough} and at least {@code atLeast} are read (or there are no
   * more).
   */
  private List<AddressEntry> addressEntries(
      byte[] pubKeyHash, long enough, int atLeast, Predicate<OutPoint> usable) {
    List<AddressEntry> entries = new ArrayList<>();
    long[] sum = {0};
    kv.scan(
        Table.ADDR,
        pubKeyHash,
        (k, v) -> {
          AddressEntry e = addressEntry(k, v);
          if (usable.test(e.outPoint)) {
            entries.add(e);
            sum[0] = Math.addExact(sum[0], e.amount);
          }
          return sum[0] < enough || entries.size() < atLeast;
        });
    return entries;
  }

  /** One address index entry (pubkey hash + outpoint -> amount) as stored, its format checked. */
  private AddressEntry addressEntry(byte[] k, byte[] v) {
    if (k.length != 20 + OutPoint.SIZE) {
      throw damaged("an address index key is " + k.length + " bytes long");
    }
    OutPoint p =
        decode(() -> OutPoint.fromBytes(Arrays.copyOfRange(k, 20, k.length)), "address index key");
    long amount = decode(() -> new ByteReader(v).readInt64(), "address index entry");
    if (amount < 0) {
      throw damaged("address index entry for " + p + " holds a negative amount");
    }
    return new AddressEntry(p, amount);
  }

  /**
   * The UTXO records of address index entries, each checked against its entry: the output is
   * unspent, of that amount and locked to that pubkey hash. Damage is named, never paid from.
   */
  private List<UnspentOutput> checkedCoins(byte[] pubKeyHash, List<AddressEntry> entries) {
    List<UnspentOutput> coins = new ArrayList<>(entries.size());
    for (AddressEntry e : entries) {
      coins.add(checkedCoin(pubKeyHash, e.outPoint, e.amount));
    }
    return coins;
  }

  private UnspentOutput checkedCoin(byte[] pubKeyHash, OutPoint p, long amount) {
    UnspentOutput coin =
        unspent(p)
            .orElseThrow(
                () -> damaged("address index lists " + p + " but the UTXO set has no such output"));
    if (coin.value().units() != amount
        || !Arrays.equals(
            coin.output().scriptPubKey().payToPubKeyHash().orElse(null), pubKeyHash)) {
      throw damaged("address index entry for " + p + " does not match the UTXO set");
    }
    return coin;
  }

  /**
   * One address index entry (pubkey hash + outpoint -> amount), checked against the UTXO set: the
   * output must be unspent, of that amount, and locked to that pubkey hash.
   *
   * @return the entry's amount in base units
   */
  private long checkedAddressEntry(byte[] k, byte[] v) {
    AddressEntry e = addressEntry(k, v);
    checkedCoin(Arrays.copyOf(k, 20), e.outPoint, e.amount);
    return e.amount;
  }

  /**
   * The running totals of the output script whose SHA-256 is {@code scriptHash} on the best chain
   * (zero for a script never paid): one read, whatever the number of its coins.
   */
  public ScriptTotals totals(byte[] scriptHash) {
    byte[] v = kv.get(Table.BALANCES, scriptHash);
    return v == null
        ? ScriptTotals.ZERO
        : decode(() -> ScriptTotals.deserialize(v), "running totals of a script");
  }

  /**
   * Whether the running totals still have to be added up from the script histories: the file was
   * made by a version that had the histories but not the totals.
   */
  public boolean totalsMissing() {
    return kv.get(Table.META, Keys.META_TOTALS_MISSING) != null;
  }

  /**
   * Whether the running totals are kept at the best chain's tip. Not when the file was made by a
   * version without them ({@link #totalsMissing}), nor when a version that ignores them (or that
   * did not yet record where they are kept) moved the tip since: then they are stale, and must be
   * added up again before anyone reads a balance.
   */
  public boolean totalsAtTip() {
    if (totalsMissing()) {
      return false;
    }
    byte[] at = kv.get(Table.META, Keys.META_TOTALS_AT);
    return at != null && Arrays.equals(at, kv.get(Table.META, Keys.META_TIP));
  }

  /** Visits every script's running totals, in script hash order. */
  public void forEachTotals(java.util.function.BiConsumer<Sha256Hash, ScriptTotals> visitor) {
    kv.scan(
        Table.BALANCES,
        new byte[0],
        (k, v) -> {
          if (k.length != Sha256Hash.LENGTH) {
            throw damaged("a running totals key is " + k.length + " bytes long");
          }
          Sha256Hash script = Sha256Hash.wrap(k);
          visitor.accept(
              script,
              decode(() -> ScriptTotals.deserialize(v), "running totals of script ", script));
          return true;
        });
  }

  /**
   * Visits every script history row as the change it makes to its script's running totals (an
   * output received or one spent, and the transaction counted on the first row of each): what the
   * totals must add up to, for rebuilding them and for checking them.
   */
  public void forEachHistoryChange(java.util.function.BiConsumer<Sha256Hash, ScriptTotals> sink) {
    HistoryRow[] last = {null};
    history(
        new byte[0],
        row -> {
          ScriptTotals t =
              row.funding()
                  ? ScriptTotals.funding(row.value())
                  : ScriptTotals.spending(row.value());
          if (!HistoryRow.sameTransaction(last[0], row)) {
            t = t.plusOneTransaction(); // a script's rows of one transaction sit together
          }
          sink.accept(Sha256Hash.wrap(row.scriptHash()), t);
          last[0] = row;
          return true;
        });
  }

  /** Visits every block the index knows, on any branch, in hash order. */
  public void forEachEntry(java.util.function.Consumer<BlockIndexEntry> visitor) {
    kv.scan(
        Table.INDEX,
        new byte[0],
        (k, v) -> {
          visitor.accept(
              decode(
                  () -> BlockIndexEntry.deserialize(v), "block index entry " + Sha256Hash.wrap(k)));
          return true;
        });
  }

  /**
   * Checks that the address index and the UTXO set agree entry for entry (same outputs, same
   * amounts, same addresses), as they must: every write changes both together.
   *
   * @return how many address index entries there are
   */
  public long verifyAddressIndex() {
    long[] entries = {0};
    kv.scan(
        Table.ADDR,
        new byte[0],
        (k, v) -> {
          checkedAddressEntry(k, v);
          entries[0]++;
          return true;
        });
    long[] addressed = {0};
    forEachUnspent(
        c -> {
          if (c.output().scriptPubKey().payToPubKeyHash().isPresent()) {
            addressed[0]++;
          }
        });
    if (addressed[0] != entries[0]) {
      throw damaged(
          "the UTXO set has "
              + addressed[0]
              + " outputs to addresses but the address index lists "
              + entries[0]);
    }
    return entries[0];
  }

  /**
   * Visits the whole UTXO set in key order: by txid's stored bytes, then by output index's
   * little-endian bytes, which is numeric order only below 256 outputs (see {@link ChainStore}).
   */
  public void forEachUnspent(java.util.function.Consumer<UnspentOutput> visitor) {
    kv.scan(
        Table.UTXO,
        new byte[0],
        (k, v) -> {
          visitor.accept(
              decode(() -> decodeCoin(OutPoint.fromBytes(k), new ByteReader(v), true), "utxo"));
          return true;
        });
  }

  /** Where a best-chain transaction is, from the transaction index. */
  public Optional<TxLocation> txLocation(Sha256Hash txid) {
    byte[] v = kv.get(Table.TXINDEX, txid.bytes());
    return v == null
        ? Optional.empty()
        : Optional.of(decode(() -> TxLocation.deserialize(v), "transaction index entry ", txid));
  }

  /** Where a transaction is that another table says is on the best chain. */
  public TxLocation requireTxLocation(Sha256Hash txid) {
    return txLocation(txid)
        .orElseThrow(() -> damaged("transaction index entry " + txid + " is missing"));
  }

  /**
   * Whether the transaction index, spends and script histories still have to be built: the file was
   * made by a version without them (see {@link Table#ADDED_LATER}).
   */
  public boolean indexesMissing() {
    return kv.get(Table.META, Keys.META_INDEXES_MISSING) != null;
  }

  /** The best-chain input that spent {@code outPoint}, if one did. */
  public Optional<Spender> spender(OutPoint outPoint) {
    byte[] v = kv.get(Table.SPENDS, outPoint.toBytes());
    return v == null
        ? Optional.empty()
        : Optional.of(decode(() -> Spender.deserialize(v), "spends entry ", outPoint));
  }

  /** Visits a script's history on the best chain, newest first, while the visitor returns true. */
  public void history(byte[] scriptHash, Predicate<HistoryRow> visitor) {
    kv.scan(Table.HISTORY, scriptHash, (k, v) -> visitor.test(decodeRow(k, v)));
  }

  /**
   * Visits a script's history older than the transaction at {@code height} and {@code position}
   * (the last one a page showed), newest first: the next page, found without counting the ones
   * before.
   */
  public void historyAfter(
      byte[] scriptHash, int height, int position, Predicate<HistoryRow> visitor) {
    kv.scan(
        Table.HISTORY,
        scriptHash,
        HistoryRow.keyAfter(scriptHash, height, position),
        (k, v) -> visitor.test(decodeRow(k, v)));
  }

  private static HistoryRow decodeRow(byte[] k, byte[] v) {
    return decode(() -> HistoryRow.decode(k, v), "history row");
  }

  /** Whether the block was ever connected, and so has undo data. */
  public boolean hasUndo(Sha256Hash block) {
    return kv.get(Table.UNDO, block.bytes()) != null;
  }

  /** The outputs a block spent, in order, to put them back when it is disconnected. */
  public List<UnspentOutput> undo(Sha256Hash block) {
    byte[] v = kv.get(Table.UNDO, block.bytes());
    if (v == null) {
      throw damaged("no undo data for block " + block);
    }
    return decode(
        () -> {
          ByteReader r = new ByteReader(v);
          int n = r.readCount(r.remaining() / OutPoint.SIZE, "undo entry");
          List<UnspentOutput> spent = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            spent.add(decodeCoin(OutPoint.read(r), r, false));
          }
          r.expectEnd("undo data");
          return spent;
        },
        "undo data of " + block);
  }

  static void encodeCoin(UnspentOutput coin, ByteWriter w) {
    w.writeInt32(coin.height());
    w.writeU8(coin.coinbase() ? 1 : 0);
    coin.output().write(w);
  }

  static UnspentOutput decodeCoin(OutPoint p, ByteReader r, boolean whole) {
    int height = r.readInt32();
    boolean coinbase = r.readU8() != 0;
    TxOut out = TxOut.read(r);
    if (whole) {
      r.expectEnd("utxo entry");
    }
    return new UnspentOutput(p, out, height, coinbase);
  }

  private static <T> T decode(java.util.function.Supplier<T> decoder, String what) {
    return decode(decoder, what, "");
  }

  /**
   * {@code what} and {@code subject} make the message only if the bytes are damaged: formatting a
   * hash for every read cost more than many of the reads (during a download, several per block).
   */
  private static <T> T decode(java.util.function.Supplier<T> decoder, String what, Object subject) {
    try {
      return decoder.get();
    } catch (IllegalArgumentException e) { // FormatException, and what the value types refuse
      throw new ChainDamagedException(
          "the chain file is damaged: "
              + what
              + subject
              + ": "
              + e.getMessage()
              + ": restore it from a copy",
          e);
    }
  }

  static ChainDamagedException damaged(String what) {
    return new ChainDamagedException(
        "the chain file is damaged: " + what + ": restore it from a copy");
  }
}
