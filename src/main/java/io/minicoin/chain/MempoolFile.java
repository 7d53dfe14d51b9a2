package io.minicoin.chain;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool kept across a restart, as Bitcoin Core's {@code mempool.dat}: written on a clean
 * shutdown, read at start, and every transaction in it validated again against the chain as it is
 * then (blocks may have arrived, or the chain file been replaced, in between).
 *
 * <p>The layout is Core's version 1 (before it obfuscated the file), all integers little-endian:
 *
 * <pre>
 *   u64 version = 1 | u64 count | count x (transaction | i64 time entered | i64 fee delta = 0)
 *   | varint 0 (no fee deltas) | varint 0 (no unbroadcast txids)
 * </pre>
 *
 * For example, a pool of one 191-byte transaction that entered at 1700000000 is 8 + 8 + (191 + 8 +
 * 8) + 1 + 1 = 225 bytes: {@code 0100000000000000 0100000000000000 <tx> 00f1536500000000
 * 0000000000000000 00 00}.
 */
public final class MempoolFile {
  static final long VERSION = 1;

  /** What came back from a file: accepted again, and dropped as no longer valid. */
  public record Loaded(int accepted, int dropped) {}

  private MempoolFile() {}

  /** Writes the pool's transactions, parents first, atomically (temporary file, then rename). */
  public static int save(Mempool pool, Path file) throws IOException {
    List<Mempool.Entry> entries = pool.entries();
    ByteWriter w = new ByteWriter();
    w.writeInt64(VERSION).writeInt64(entries.size());
    long now = System.currentTimeMillis() / 1000;
    for (Mempool.Entry e : entries) {
      e.tx().write(w);
      w.writeInt64(now).writeInt64(0);
    }
    w.writeVarInt(0).writeVarInt(0);
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.write(tmp, w.toByteArray());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return entries.size();
  }

  /**
   * Reads {@code file} (a missing one is an empty pool) and offers each transaction to {@code
   * pool}; those the chain no longer allows are dropped.
   *
   * @throws FormatException if the file is not a pool file; nothing is then added
   */
  public static Loaded load(Path file, Mempool pool, Blockchain chain) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(0, 0);
    }
    ByteReader r = new ByteReader(bytes);
    long version = r.readInt64();
    if (version != VERSION) {
      throw new FormatException("pool file version " + version + ", expected " + VERSION);
    }
    long count = r.readInt64(); // a full u64 in Core's layout, not a CompactSize
    if (count < 0 || count > Mempool.MAX_TRANSACTIONS) {
      throw new FormatException(
          "pool file holds "
              + Long.toUnsignedString(count)
              + " transactions, more than a pool can ("
              + Mempool.MAX_TRANSACTIONS
              + ")");
    }
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      txs.add(Transaction.read(r));
      r.readInt64(); // time entered: the pool counts waiting from now
      r.readInt64(); // fee delta: minicoin has no prioritisetransaction
    }
    int accepted = 0;
    for (Transaction tx : txs) {
      try {
        pool.accept(tx, chain);
        accepted++;
      } catch (VerificationException e) {
        // mined meanwhile, or conflicting with the chain as it is now
      }
    }
    return new Loaded(accepted, txs.size() - accepted);
  }
}
