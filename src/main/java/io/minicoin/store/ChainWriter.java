package io.minicoin.store;

import io.minicoin.core.Block;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.OutPoint;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Typed writes inside one write transaction; see {@link ChainStore} for the layouts. */
public final class ChainWriter extends ChainReader {
  private final KeyValueStore.Writer w;

  /**
   * Changes to scripts' running totals not yet written: a script paid in many blocks of one group
   * commit (a miner, an exchange) has its record read and written once per store transaction, not
   * once per block.
   */
  private final Map<Sha256Hash, ScriptTotals> pendingTotals = new HashMap<>();

  ChainWriter(KeyValueStore.Writer w) {
    super(w);
    this.w = w;
  }

  /**
   * Adds {@code change} to the running totals of the script whose SHA-256 is {@code scriptHash} (a
   * negative change when a block is disconnected). Written when the store transaction ends.
   */
  public void addTotals(Sha256Hash scriptHash, ScriptTotals change) {
    ScriptTotals before = pendingTotals.putIfAbsent(scriptHash, change);
    if (before != null) {
      pendingTotals.put(scriptHash, before.plus(change));
    }
  }

  /** Sees the changes this transaction made, as every other read in it does. */
  @Override
  public ScriptTotals totals(byte[] scriptHash) {
    flushTotals();
    return super.totals(scriptHash);
  }

  @Override
  public void forEachTotals(java.util.function.BiConsumer<Sha256Hash, ScriptTotals> visitor) {
    flushTotals();
    super.forEachTotals(visitor);
  }

  /**
   * Writes the pending changes to the running totals: called before the store transaction commits.
   * A script whose totals come back to zero loses its record. Totals that would go negative mean
   * the stored ones were wrong: the file is damaged.
   */
  void flushTotals() {
    for (Map.Entry<Sha256Hash, ScriptTotals> e : pendingTotals.entrySet()) {
      byte[] key = e.getKey().bytes();
      ScriptTotals now = super.totals(key).plus(e.getValue());
      if (now.isZero()) {
        w.delete(Table.BALANCES, key);
      } else if (now.isPossible()) {
        w.put(Table.BALANCES, key, now.serialize());
      } else {
        // Derived data, not the blocks: reindexutxo adds them up again from the blocks.
        throw new ChainDamagedException(
            "the chain file is damaged: the running totals of script "
                + e.getKey()
                + " would become "
                + now
                + " (they did not match the blocks): run reindexutxo to rebuild them");
      }
    }
    pendingTotals.clear();
  }

  /** Marks a new chain file as ours and records its genesis block; the caller connects it. */
  public void initialize(Sha256Hash genesis) {
    w.put(Table.META, Keys.META_FORMAT, ChainStore.FORMAT.getBytes(StandardCharsets.UTF_8));
    w.put(Table.META, Keys.META_GENESIS, genesis.bytes());
  }

  public void putBlock(Block block, BlockIndexEntry entry) {
    w.put(Table.BLOCKS, block.hash().bytes(), block.serialize());
    putEntry(entry);
  }

  public void putEntry(BlockIndexEntry entry) {
    w.put(Table.INDEX, entry.hash().bytes(), entry.serialize());
  }

  /**
   * Makes {@code tip} the best chain's last block. Every caller has brought the running totals up
   * to it in this same transaction, so they are recorded as kept at it too.
   */
  public void setTip(Sha256Hash tip) {
    w.put(Table.META, Keys.META_TIP, tip.bytes());
    w.put(Table.META, Keys.META_TOTALS_AT, tip.bytes());
  }

  public void setBest(int height, Sha256Hash hash) {
    w.put(Table.HEIGHTS, Keys.height(height), hash.bytes());
  }

  public void clearBest(int height) {
    w.delete(Table.HEIGHTS, Keys.height(height));
  }

  public void addUnspent(UnspentOutput coin) {
    ByteWriter v = new ByteWriter(64);
    encodeCoin(coin, v);
    w.put(Table.UTXO, coin.outPoint().toBytes(), v.toByteArray());
    coin.output()
        .scriptPubKey()
        .payToPubKeyHash()
        .ifPresent(
            h ->
                w.put(
                    Table.ADDR,
                    Keys.address(h, coin.outPoint()),
                    new ByteWriter(8).writeInt64(coin.value().units()).toByteArray()));
  }

  public void removeUnspent(UnspentOutput coin) {
    w.delete(Table.UTXO, coin.outPoint().toBytes());
    coin.output()
        .scriptPubKey()
        .payToPubKeyHash()
        .ifPresent(h -> w.delete(Table.ADDR, Keys.address(h, coin.outPoint())));
  }

  public void putUndo(Sha256Hash block, List<UnspentOutput> spent) {
    ByteWriter v = new ByteWriter(64 * spent.size() + 8);
    v.writeVarInt(spent.size());
    for (UnspentOutput coin : spent) {
      coin.outPoint().write(v);
      encodeCoin(coin, v);
    }
    w.put(Table.UNDO, block.bytes(), v.toByteArray());
  }

  public void putTxLocation(Sha256Hash txid, TxLocation location) {
    w.put(Table.TXINDEX, txid.bytes(), location.serialize());
  }

  public void deleteTxLocation(Sha256Hash txid) {
    w.delete(Table.TXINDEX, txid.bytes());
  }

  public void putSpender(OutPoint spent, Spender spender) {
    w.put(Table.SPENDS, spent.toBytes(), spender.serialize());
  }

  public void deleteSpender(OutPoint spent) {
    w.delete(Table.SPENDS, spent.toBytes());
  }

  public void putHistory(HistoryRow row) {
    w.put(Table.HISTORY, row.storedKey(), row.storedValue());
  }

  public void deleteHistory(HistoryRow row) {
    w.delete(Table.HISTORY, row.storedKey());
  }

  /**
   * Empties the transaction index, the spends table, the script histories and their running totals,
   * before they are rebuilt from the blocks.
   */
  public void clearTransactionIndexes() {
    pendingTotals.clear();
    clear(Table.TXINDEX, Table.SPENDS, Table.HISTORY, Table.BALANCES);
  }

  /** The transaction indexes are built: a file from an older version no longer needs them. */
  public void markIndexesBuilt() {
    w.delete(Table.META, Keys.META_INDEXES_MISSING);
    w.delete(Table.META, Keys.META_TOTALS_MISSING);
    w.put(Table.META, Keys.META_TOTALS_AT, tipHash().bytes());
  }

  /**
   * Empties the running totals and adds them up again from the script histories (which list every
   * output a script received and every input that spent one): how a file made before the totals
   * existed gets them, without reading a block.
   *
   * @return how many scripts have totals
   */
  public long rebuildTotalsFromHistory() {
    pendingTotals.clear();
    clear(Table.BALANCES);
    forEachHistoryChange(this::addTotals);
    long scripts = pendingTotals.size();
    flushTotals();
    w.delete(Table.META, Keys.META_TOTALS_MISSING);
    w.put(Table.META, Keys.META_TOTALS_AT, tipHash().bytes());
    return scripts;
  }

  private void clear(Table... tables) {
    for (Table t : tables) {
      List<byte[]> keys = new ArrayList<>();
      w.scan(t, new byte[0], (k, v) -> keys.add(k));
      keys.forEach(k -> w.delete(t, k));
    }
  }

  /** Empties the UTXO set and the address index, before they are rebuilt from the blocks. */
  public void clearUnspent() {
    clear(Table.UTXO, Table.ADDR);
  }
}
