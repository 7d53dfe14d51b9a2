package io.minicoin.store;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The chain file seen as a blockchain rather than bytes: blocks, the block index, the best chain by
 * height, the UTXO set with its address index, undo data, the transaction indexes and metadata.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li>Integers are little-endian, as on the wire, unless a layout says big-endian (BE). The few
 *       big-endian ones are in keys, where they make byte order equal number order.
 *   <li>A hash (block hash, txid) is stored in its internal byte order, the order SHA-256 gives it,
 *       which is the REVERSE of how explorers and {@link io.minicoin.crypto.Sha256Hash#toString}
 *       show it: the key {@code de512992...d38c3d0e} is the block shown as {@code
 *       0e3d8cd3...922951de}.
 *   <li>An outpoint (36) is txid (32) | output index (u32 LE), as in a transaction input.
 *   <li>A coin is height (u32) | coinbase (u8, 1 or 0) | amount (i64, base units) | script length
 *       (varint) | output script: the output as serialized in a transaction, after the two facts
 *       the rules need about where it came from.
 *   <li>LMDB keeps each table's keys in byte order (memcmp), and every scan runs in that order. A
 *       little-endian field in a key therefore does NOT sort by number: the outpoints of one
 *       transaction sort by their index's LOW byte first, so index 256 ({@code 00010000}) comes
 *       after 0 ({@code 00000000}) and before 1 ({@code 01000000}). Below 256 outputs the order is
 *       numeric; past that, {@code utxo}, {@code addr} and {@code spends} list a transaction's
 *       outputs in this mixed order. Treat them as a set: where the order matters to a reader, sort
 *       what you read.
 * </ul>
 *
 * <h2>Tables</h2>
 *
 * <pre>
 * blocks   block hash (32)                    -> the serialized block, as in a block message
 * index    block hash (32)                    -> header (80) | height (u32) | chain work (varint length | two's complement BE) | status (u8)
 * heights  height (u32 BE, so sorted)         -> block hash on the best chain
 * utxo     outpoint (36)                      -> coin
 * undo     block hash (32)                    -> count (varint) | count x (outpoint (36) | coin)
 * addr     pubkey hash (20) | outpoint (36)   -> amount (i64): an address's coins and balance without a scan
 * txindex  txid (32)                          -> block hash (32) | position in block (u32)
 * spends   spent outpoint (36)                -> spending txid (32) | input index (u32)
 * history  script hash (32) | ~height (u32 BE) | ~position (u32 BE) | kind (u8) | index (u32 BE)
 *                                             -> txid (32) | amount (i64) | for a spend: spent outpoint (36)
 * balances script hash (32)                   -> funded count | funded sum | spent count | spent sum | tx count (5 x i64)
 * meta     "format", "genesis", "tip" (ASCII) -> "minicoin-chain-1" (ASCII), block hash, block hash
 *          "totals-at" (ASCII)                -> the tip the balances are kept at (block hash)
 * </pre>
 *
 * {@code txindex}, {@code spends} and {@code history} cover the best chain only: they are written
 * in the same transaction that connects a block and deleted in the one that disconnects it, so an
 * explorer never sees a transaction in a block that is no longer on the best chain. {@code
 * balances} holds each script's running totals ({@link ScriptTotals}: its balance and Esplora's
 * {@code chain_stats}), the sum of its {@code history} rows, changed in that same transaction, so
 * {@code getbalance} reads one record however many coins the address has. {@code utxo} and {@code
 * addr} change together in the same way; {@code blocks} and {@code index} keep every block ever
 * accepted, on any branch. A file made before those tables existed gets them, empty, when it is
 * opened, with {@code meta "indexes-missing"} set in the same transaction until the chain has built
 * them from its blocks ({@code Blockchain.open}, or {@code reindexutxo}); a file that has all but
 * {@code balances} gets {@code meta "totals-missing"} instead, and the totals are added up from its
 * histories. Every transaction that sets {@code "tip"} also sets {@code "totals-at"}: a version
 * that ignores the totals moves the tip alone, and the chain, finding the two different when it
 * opens the file, adds the totals up again from the histories rather than trust them.
 *
 * <h2>Transactions and durability</h2>
 *
 * Every {@link #write} is one LMDB write transaction: it lands whole or not at all, and readers (in
 * this process or another) see the file as it was before it or after it, never between. A commit
 * syncs the data pages to disk once ({@code MDB_NOMETASYNC}: the small meta page follows with the
 * next commit), so a machine crash may undo the last committed transaction, never break the file.
 *
 * <p>How much one transaction holds is the caller's choice, and a trade-off. Connecting a block is
 * one transaction. During a download, a run of blocks that extend the tip one after another is
 * connected in ONE transaction (group commit: {@code chain.GroupCommit}, gathered by {@code
 * net.DownloadGroup}, at most 500 blocks, 1,000 transactions, 8 MiB or half a second of them): one
 * sync to disk per group instead of per block, which is what bounds a download on a slow disk. The
 * price: a crash (kill -9, power loss) before a group's commit loses that whole group, which the
 * node downloads again; readers see the chain up to the last committed group. Consistency is never
 * traded: the UTXO set and the indexes always match the best chain stored (what {@code reindexutxo}
 * rebuilds).
 *
 * <h2>Worked examples</h2>
 *
 * Read from a real three-block chain file written by this code: a genesis block (height 0) paying
 * 10 coins to the miner's address {@code 751e76e8...1433bd6}, an empty block 1, and block 2 holding
 * a transaction {@code d760cc58...bcee96e3} (stored order) that spends the genesis coinbase's
 * output and pays 3 coins to another address {@code 06afd46b...44a37ecc}, 6.99995 coins back as
 * change and 0.00005 as fee. One coin is 100,000,000 base units, so 10 coins is {@code
 * 00ca9a3b00000000} and 3 coins {@code 00a3e11100000000}. Spaces separate the fields.
 *
 * <p>{@code blocks}, the genesis block (the value is 176 bytes: header, transaction count, the
 * coinbase):
 *
 * <pre>
 * de51299271dd0eb6a93a2d4ad0520ba77b1dfa13d9cead165655723cd38c3d0e
 *   -> 01000000 0000000000000000000000000000000000000000000000000000000000000000
 *      ae088c5ae52604a245c212ba03ef0569416ed60a29d3c11186a0cbc4f496fafe 00f15365 ffff7f20 02000000
 *      01 01000000 01 0000000000000000000000000000000000000000000000000000000000000000 ffffffff
 *      0a 00080000000000000000 ffffffff 01 00ca9a3b00000000 19 76a914751e76e8199196d454941c45d1b3a323f1433bd688ac
 *      00000000
 * </pre>
 *
 * <p>{@code index}, block 2: its 80-byte header, height 2, chain work 6 (one length byte, then the
 * number), status 1 (connected; 0 is stored, 2 invalid):
 *
 * <pre>
 * 3510f54ef8e6aa34923b1084824750d277e139a722d0edbe676f36834f992a4b
 *   -> 01000000 afc8e2de...ea482704 7ae16dc0...041ba05f b0f55365 ffff7f20 02000000  02000000 01 06 01
 * </pre>
 *
 * The chain work is {@link java.math.BigInteger#toByteArray()}: big-endian two's complement, the
 * shortest that keeps the sign. So a work of 128 is stored as {@code 02 0080} (a leading zero byte
 * keeps it positive), and 2^256 - 1 takes 33 bytes. It is not a plain unsigned big-endian number.
 *
 * <p>{@code heights}, height 2 (big-endian, so a scan runs from the genesis block up):
 *
 * <pre>
 * 00000002 -> 3510f54ef8e6aa34923b1084824750d277e139a722d0edbe676f36834f992a4b
 * </pre>
 *
 * <p>{@code utxo}, output 0 of block 1's coinbase: height 1, coinbase, 10 coins, a 25-byte
 * pay-to-pubkey-hash script:
 *
 * <pre>
 * 0cbf60efb8c0171afe36244be873c544059a89924670f8f195ff6a96a9ef333f 00000000
 *   -> 01000000 01 00ca9a3b00000000 19 76a914751e76e8199196d454941c45d1b3a323f1433bd688ac
 * </pre>
 *
 * <p>{@code undo}, block 2: one spent output, the genesis coinbase's output 0 (height 0, coinbase,
 * 10 coins). A block that spent nothing (a coinbase only) has the value {@code 00}:
 *
 * <pre>
 * 3510f54ef8e6aa34923b1084824750d277e139a722d0edbe676f36834f992a4b
 *   -> 01 ae088c5ae52604a245c212ba03ef0569416ed60a29d3c11186a0cbc4f496fafe 00000000
 *      00000000 01 00ca9a3b00000000 19 76a914751e76e8199196d454941c45d1b3a323f1433bd688ac
 * </pre>
 *
 * <p>{@code addr}, the 3 coins the payment sent (an output whose script is not pay-to-pubkey-hash
 * has no entry here):
 *
 * <pre>
 * 06afd46bcdfd22ef94ac122aa11f241244a37ecc d760cc58c2a00464f1f3df3c59a1a9fedb9252325627c6f04b491f45bcee96e3 00000000
 *   -> 00a3e11100000000
 * </pre>
 *
 * <p>{@code txindex}, the payment: block 2, position 1 (0 is the coinbase):
 *
 * <pre>
 * d760cc58c2a00464f1f3df3c59a1a9fedb9252325627c6f04b491f45bcee96e3
 *   -> 3510f54ef8e6aa34923b1084824750d277e139a722d0edbe676f36834f992a4b 01000000
 * </pre>
 *
 * <p>{@code spends}, the genesis coinbase's output 0, spent by the payment's input 0:
 *
 * <pre>
 * ae088c5ae52604a245c212ba03ef0569416ed60a29d3c11186a0cbc4f496fafe 00000000
 *   -> d760cc58c2a00464f1f3df3c59a1a9fedb9252325627c6f04b491f45bcee96e3 00000000
 * </pre>
 *
 * <p>{@code history}, keyed by the SHA-256 of the output script; {@code ~x} is {@code 0xffffffff -
 * x}, so a forward scan lists the newest first; kind is 1 for an output received (funds) and 0 for
 * an input that spent one (spends), so inside one transaction spends come first. The miner's script
 * at block 2, position 1: the payment's input 0 spending 10 coins from the genesis coinbase, then
 * its output 1 receiving the change:
 *
 * <pre>
 * 3f4ae1eb3e75f3578491811d27eb59e23a512cf90c73b13c6acd4499f7c4d28b fffffffd fffffffe 00 00000000
 *   -> d760cc58c2a00464f1f3df3c59a1a9fedb9252325627c6f04b491f45bcee96e3 00ca9a3b00000000
 *      ae088c5ae52604a245c212ba03ef0569416ed60a29d3c11186a0cbc4f496fafe 00000000
 * 3f4ae1eb3e75f3578491811d27eb59e23a512cf90c73b13c6acd4499f7c4d28b fffffffd fffffffe 01 00000001
 *   -> d760cc58c2a00464f1f3df3c59a1a9fedb9252325627c6f04b491f45bcee96e3 7813b92900000000
 * </pre>
 *
 * <p>{@code balances}, a script paid twice (10 and 3 coins) and spent once (the 10 coins), in three
 * transactions: funded 2 outputs, 13 coins; spent 1, 10 coins; so its balance is 3 coins in one
 * unspent output:
 *
 * <pre>
 * &lt;SHA-256 of the script&gt;
 *   -> 0200000000000000 006d7c4d00000000 0100000000000000 00ca9a3b00000000 0300000000000000
 * </pre>
 *
 * <p>{@code meta}, the three keys:
 *
 * <pre>
 * 666f726d6174   ("format")  -> 6d696e69636f696e2d636861696e2d31 ("minicoin-chain-1")
 * 67656e65736973 ("genesis") -> de51299271dd0eb6a93a2d4ad0520ba77b1dfa13d9cead165655723cd38c3d0e
 * 746970         ("tip")     -> 3510f54ef8e6aa34923b1084824750d277e139a722d0edbe676f36834f992a4b
 * </pre>
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

  /**
   * One consistent snapshot.
   *
   * <p>Threading: {@code work} (and the same for {@link #write}) runs holding this process's map
   * lock and an LMDB transaction. It must take no other lock (no {@code synchronized} object such
   * as the mempool, no wait for another thread): other code takes its own lock first and the
   * store's inside it, and a writer waiting to grow the map would then block every new reader, so
   * both sides would wait for ever. Copy what you need from elsewhere before the read.
   */
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
      return kv.write(
          w -> {
            ChainWriter writer = new ChainWriter(w);
            T result = work.apply(writer);
            writer.flushTotals();
            return result;
          });
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
