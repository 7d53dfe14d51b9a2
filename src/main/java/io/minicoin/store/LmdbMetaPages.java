package io.minicoin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the two meta pages at the start of an LMDB file to learn how long the file must be, before
 * LMDB maps it. LMDB trusts its file: a page past the end of a truncated file is touched through
 * the memory map, and the process dies with SIGBUS (no exception, no message). So the length is
 * checked here first.
 *
 * <p>Layout (LMDB 0.9, 64-bit, little-endian, from {@code mdb.c}): pages 0 and 1 are meta pages.
 * Each page starts with a 16-byte page header; the meta record follows:
 *
 * <pre>
 * offset in page  field
 * 16              mm_magic    u32 = 0xBEEFC0DE
 * 20              mm_version  u32
 * 24              mm_address  pointer (8)
 * 32              mm_mapsize  size_t (8)
 * 40              mm_dbs[0]   the free-page tree (48 bytes); its first u32 (md_pad) is the page size
 * 88              mm_dbs[1]   the main tree (48 bytes)
 * 136             mm_last_pg  u64: the last page in use
 * 144             mm_txnid    u64: the transaction that wrote this meta page
 * </pre>
 *
 * LMDB writes the two meta pages alternately and uses the one with the larger transaction id; every
 * page up to its {@code mm_last_pg} was written before it, so a whole file is at least {@code
 * (mm_last_pg + 1) * page size} bytes long.
 */
final class LmdbMetaPages {
  static final int MAGIC = 0xBEEFC0DE;
  private static final int PAGE_HEADER = 16;
  private static final int META_BYTES = PAGE_HEADER + 136;

  /** What the newest meta page says. */
  record Meta(int pageSize, long lastPage, long txnId) {
    long requiredLength() {
      return (lastPage + 1) * pageSize;
    }
  }

  private LmdbMetaPages() {}

  /**
   * Refuses a file shorter than its newest meta page says it is. A file that does not start with an
   * LMDB meta page is left for LMDB to refuse.
   */
  static void checkNotTruncated(Path file) {
    long length;
    Meta first;
    Meta second = null;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      length = ch.size();
      first = read(ch, 0);
      if (first == null) {
        return; // not an LMDB file: LMDB's own check names it
      }
      if (length >= 2L * first.pageSize()) {
        second = read(ch, first.pageSize());
      }
    } catch (IOException e) {
      throw new StoreException("cannot read chain file " + file + ": " + e.getMessage(), e);
    }
    if (length < 2L * first.pageSize()) {
      throw truncated(file, length, 2L * first.pageSize());
    }
    Meta newest = second != null && second.txnId() > first.txnId() ? second : first;
    if (length < newest.requiredLength()) {
      throw truncated(file, length, newest.requiredLength());
    }
  }

  private static ChainDamagedException truncated(Path file, long length, long needed) {
    return new ChainDamagedException(
        file
            + " is damaged (truncated: "
            + length
            + " bytes, its own header says at least "
            + needed
            + "): restore it from a copy");
  }

  /** The meta record of the page at {@code offset}, or null if it is not one. */
  private static Meta read(FileChannel ch, long offset) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(META_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, offset + b.position()) < 0) {
        return null;
      }
    }
    if (b.getInt(PAGE_HEADER) != MAGIC) {
      return null;
    }
    int pageSize = b.getInt(40);
    if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      return null;
    }
    return new Meta(pageSize, b.getLong(136), b.getLong(144));
  }
}
