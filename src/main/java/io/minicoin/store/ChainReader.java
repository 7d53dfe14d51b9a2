package io.minicoin.store;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.OutPoint;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.FormatException;
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
        .orElseThrow(() -> new StoreException("the chain tip is missing from the block index"));
  }

  private Sha256Hash metaHash(byte[] key) {
    byte[] v = kv.get(Table.META, key);
    if (v == null) {
      throw new StoreException(
          "the chain file has no " + new String(key, StandardCharsets.US_ASCII));
    }
    return Sha256Hash.wrap(v);
  }

  public Optional<BlockIndexEntry> entry(Sha256Hash hash) {
    byte[] v = kv.get(Table.INDEX, hash.bytes());
    return v == null
        ? Optional.empty()
        : Optional.of(decode(() -> BlockIndexEntry.deserialize(v), "block index entry " + hash));
  }

  public Optional<Block> block(Sha256Hash hash) {
    byte[] v = kv.get(Table.BLOCKS, hash.bytes());
    return v == null
        ? Optional.empty()
        : Optional.of(decode(() -> Block.fromBytes(v), "block " + hash));
  }

  /** The serialized block exactly as stored (and hashed, and sent to peers). */
  public Optional<byte[]> rawBlock(Sha256Hash hash) {
    return Optional.ofNullable(kv.get(Table.BLOCKS, hash.bytes()));
  }

  /** The best chain's block at {@code height}. */
  public Optional<Sha256Hash> hashAt(int height) {
    byte[] v = kv.get(Table.HEIGHTS, Keys.height(height));
    return v == null ? Optional.empty() : Optional.of(Sha256Hash.wrap(v));
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
            decode(() -> decodeCoin(outPoint, new ByteReader(v), true), "utxo " + outPoint));
  }

  /**
   * Every unspent output locked to {@code pubKeyHash}, read from the address index: no scan of the
   * UTXO set.
   */
  public List<UnspentOutput> unspentOf(byte[] pubKeyHash) {
    List<OutPoint> points = new ArrayList<>();
    kv.scan(
        Table.ADDR,
        pubKeyHash,
        (k, v) -> {
          points.add(OutPoint.fromBytes(Arrays.copyOfRange(k, 20, k.length)));
          return true;
        });
    List<UnspentOutput> coins = new ArrayList<>(points.size());
    for (OutPoint p : points) {
      coins.add(
          unspent(p)
              .orElseThrow(
                  () ->
                      new StoreException(
                          "address index lists " + p + " but the UTXO set has no such output")));
    }
    return coins;
  }

  /**
   * The sum of the unspent outputs locked to {@code pubKeyHash}: one short scan of the address
   * index.
   */
  public Amount balanceOf(byte[] pubKeyHash) {
    long[] units = {0};
    kv.scan(
        Table.ADDR,
        pubKeyHash,
        (k, v) -> {
          units[0] =
              Math.addExact(
                  units[0], decode(() -> new ByteReader(v).readInt64(), "address index entry"));
          return true;
        });
    return Amount.units(units[0]);
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

  /** Visits the whole UTXO set in key order (txid, then index). */
  public void forEachUnspent(java.util.function.Consumer<UnspentOutput> visitor) {
    kv.scan(
        Table.UTXO,
        new byte[0],
        (k, v) -> {
          visitor.accept(decodeCoin(OutPoint.fromBytes(k), new ByteReader(v), true));
          return true;
        });
  }

  /** Where a best-chain transaction is, from the transaction index. */
  public Optional<TxLocation> txLocation(Sha256Hash txid) {
    byte[] v = kv.get(Table.TXINDEX, txid.bytes());
    return v == null
        ? Optional.empty()
        : Optional.of(decode(() -> TxLocation.deserialize(v), "transaction index entry " + txid));
  }

  /** The best-chain input that spent {@code outPoint}, if one did. */
  public Optional<Spender> spender(OutPoint outPoint) {
    byte[] v = kv.get(Table.SPENDS, outPoint.toBytes());
    return v == null
        ? Optional.empty()
        : Optional.of(decode(() -> Spender.deserialize(v), "spends entry " + outPoint));
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
      throw new StoreException("no undo data for block " + block);
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
    try {
      return decoder.get();
    } catch (FormatException e) {
      throw new StoreException("the chain file is corrupt: " + what + ": " + e.getMessage(), e);
    }
  }
}
