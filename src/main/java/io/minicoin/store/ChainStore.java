package io.minicoin.store;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The chain file seen as a blockchain rather than bytes: blocks, the block index, the best chain by
 * height, the UTXO set with its address index, undo data and metadata.
 *
 * <p>Stored layouts (all integers little-endian unless said otherwise):
 *
 * <pre>
 * blocks   block hash (32)                    -> the serialized block
 * index    block hash (32)                    -> see {@link BlockIndexEntry}
 * heights  height (u32 big-endian, so sorted) -> block hash on the best chain
 * utxo     txid (32) | output index (u32)     -> height (u32) | coinbase (u8) | amount (i64) | script
 * undo     block hash (32)                    -> count | each spent output as utxo key + utxo value
 * addr     pubkey hash (20) | utxo key (36)   -> amount (i64): an address's coins and balance without a scan
 * txindex  txid (32)                          -> block hash (32) | position in block (u32)
 * spends   spent outpoint (36)                -> spending txid (32) | input index (u32)
 * history  script hash (32) | ~height | ~position | kind | index -> see {@link HistoryRow}
 * meta     "format", "genesis", "tip"         -> "minicoin-chain-1", block hash, block hash
 * </pre>
 *
 * {@code txindex}, {@code spends} and {@code history} cover the best chain only: they are written
 * in the same transaction that connects a block and deleted in the one that disconnects it, so an
 * explorer never sees a transaction in a block that is no longer on the best chain.
 *
 * <p>For example the genesis coinbase's output 0 at height 0, 10 coins, is the utxo entry {@code
 * <txid> 00000000 -> 00000000 01 00ca9a3b00000000 1976a914<hash>88ac}.
 */
public final class ChainStore implements AutoCloseable {
  static final String FORMAT = "minicoin-chain-1";

  private final KeyValueStore kv;
  private final String name;

  /** The first damage any read found; once set, every write is refused. */
  private volatile ChainDamagedException damage;

  private ChainStore(KeyValueStore kv, String name) {
    this.kv = kv;
    this.name = name;
  }

  /** Opens an existing chain file, checking that it is one of ours. */
  public static ChainStore open(Path file) {
    ChainStore store = new ChainStore(LmdbStore.open(file), file.toString());
    String format = store.read(ChainReader::format);
    if (!FORMAT.equals(format)) {
      store.close();
      throw new StoreException(file + " is not a minicoin chain file (format '" + format + "')");
    }
    return store;
  }

  /** Creates an empty chain file; the caller writes the genesis block next. */
  public static ChainStore create(Path file) {
    return new ChainStore(LmdbStore.create(file), file.toString());
  }

  public static ChainStore inMemory() {
    return new ChainStore(new MemoryStore(), "the chain file");
  }

  public <T> T read(Function<ChainReader, T> work) {
    try {
      return kv.read(r -> work.apply(new ChainReader(r)));
    } catch (ChainDamagedException e) {
      throw remember(e);
    }
  }

  /**
   * One atomic write: everything {@code work} changes lands together, or nothing does. Refused once
   * any read or write has found the file damaged: building on damage would bury it.
   */
  public <T> T write(Function<ChainWriter, T> work) {
    ChainDamagedException found = damage;
    if (found != null) {
      throw new ChainDamagedException(found.getMessage() + " (nothing was written)", found);
    }
    try {
      return kv.write(w -> work.apply(new ChainWriter(w)));
    } catch (ChainDamagedException e) {
      throw remember(e);
    }
  }

  /** The damage found so far, if any. */
  public java.util.Optional<ChainDamagedException> damage() {
    return java.util.Optional.ofNullable(damage);
  }

  /** Records the damage, naming the file in its message. */
  private ChainDamagedException remember(ChainDamagedException e) {
    ChainDamagedException named =
        e.getMessage().startsWith("the chain file ")
            ? new ChainDamagedException(
                name + e.getMessage().substring("the chain file".length()), e)
            : e;
    if (damage == null) {
      damage = named;
    }
    return named;
  }

  public void writeAll(Consumer<ChainWriter> work) {
    write(
        w -> {
          work.accept(w);
          return null;
        });
  }

  @Override
  public void close() {
    kv.close();
  }
}
