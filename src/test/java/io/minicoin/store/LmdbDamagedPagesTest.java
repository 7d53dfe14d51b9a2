package io.minicoin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain file whose B-tree LMDB itself finds broken (a page pointing past the end of the file,
 * MDB_PAGE_NOTFOUND, or a page that is neither a branch nor a leaf where one was expected,
 * MDB_CORRUPTED) is reported through our binding as damaged, naming the file and what to do, not as
 * an I/O failure or a crash. The damage is made by hand in one table's tree, the way a torn write
 * or a bad disk would leave it, and met by a read after the file opened normally.
 *
 * <p>The page layout (LMDB 0.9, 64-bit, little-endian, {@code mdb.c}): each page starts with a
 * 16-byte header, {@code mp_pgno} (8 bytes), {@code mp_pad} (2), {@code mp_flags} (2: 0x01 branch,
 * 0x02 leaf, 0x08 meta), {@code mp_lower} and {@code mp_upper} (2 each); then {@code mp_ptrs}, the
 * 2-byte offsets of the page's nodes. A branch node starts with the child's page number in three
 * 16-bit parts: {@code mn_lo}, {@code mn_hi} and {@code mn_flags} (bits 0-15, 16-31, 32-47).
 */
class LmdbDamagedPagesTest {
  private static final int BRANCH = 0x01;
  private static final int LEAF = 0x02;
  private static final int ENTRIES = 1000;

  @TempDir Path dir;

  @Test
  void aBranchPointingPastTheEndOfTheFileIsDamage() throws IOException {
    Path file = tableWithABranchPage();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      Page branch = onlyBranchPage(ch);
      // The first child (the one holding the smallest keys): page 0xFFFFFF, far past the file.
      branch.setFirstChild(0xFFFFFF);
      branch.write(ch);
    }
    assertReadingTheFirstKeyIsDamage(file, "MDB_PAGE_NOTFOUND");
  }

  @Test
  void aLeafThatIsNoLongerALeafIsDamage() throws IOException {
    Path file = tableWithABranchPage();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      Page branch = onlyBranchPage(ch);
      Page leaf = Page.read(ch, branch.firstChild(), branch.size);
      assertThat(leaf.flags()).as("the first child's flags").isEqualTo(LEAF);
      leaf.bytes.putShort(10, (short) 0); // neither branch nor leaf
      leaf.write(ch);
    }
    assertReadingTheFirstKeyIsDamage(file, "MDB_CORRUPTED");
  }

  private void assertReadingTheFirstKeyIsDamage(Path file, String lmdbCode) {
    try (LmdbStore store = LmdbStore.open(file)) {
      byte[] intact = store.read(r -> r.get(Table.UTXO, key(ENTRIES - 1)));
      assertThat(intact).as("a key in an undamaged part of the tree").hasSize(100);
      assertThatThrownBy(() -> store.read(r -> r.get(Table.UTXO, key(0))))
          .isInstanceOf(ChainDamagedException.class)
          .hasMessageContaining(file + " is damaged")
          .hasMessageContaining(lmdbCode)
          .hasMessageContaining("restore it from a copy");
    }
  }

  /** A chain file whose UTXO table is two levels deep: one branch page over many leaves. */
  private Path tableWithABranchPage() {
    Path file = dir.resolve("chain.db");
    try (LmdbStore store = LmdbStore.create(file)) {
      store.writeAll(
          w -> {
            for (int i = 0; i < ENTRIES; i++) {
              w.put(Table.UTXO, key(i), new byte[100]);
            }
          });
    }
    return file;
  }

  private static byte[] key(int i) {
    byte[] key = new byte[36];
    ByteBuffer.wrap(key).putInt(32, i); // big-endian: keys sort as i does
    return key;
  }

  /**
   * The file's one branch page: the UTXO table's root. The main tree (eleven table records) and the
   * free-page tree of two transactions fit in one leaf each.
   */
  private static Page onlyBranchPage(FileChannel ch) throws IOException {
    int pageSize = pageSize(ch);
    Page found = null;
    for (long p = 2; p < ch.size() / pageSize; p++) {
      Page page = Page.read(ch, p, pageSize);
      if (page.flags() == BRANCH) {
        assertThat(found).as("a second branch page, %d", p).isNull();
        found = page;
      }
    }
    assertThat(found).as("a branch page").isNotNull();
    return found;
  }

  /** The page size LMDB records in its meta page: the free tree's {@code md_pad}. */
  private static int pageSize(FileChannel ch) throws IOException {
    ByteBuffer meta = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    ch.read(meta, 0);
    assertThat(meta.getInt(16)).as("LMDB's magic").isEqualTo(LmdbMetaPages.MAGIC);
    return meta.getInt(40);
  }

  /** One page of the file, read into memory, written back with {@link #write}. */
  private record Page(long number, int size, ByteBuffer bytes) {
    static Page read(FileChannel ch, long number, int size) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(bytes, number * size);
      return new Page(number, size, bytes);
    }

    int flags() {
      return Short.toUnsignedInt(bytes.getShort(10));
    }

    /**
     * A branch page's first node (the smallest keys), at the offset its first pointer holds: its
     * child's page number, 48 bits in three 16-bit words (LMDB's {@code mn_lo}, {@code mn_hi},
     * {@code mn_flags}).
     */
    private int firstNode() {
      return Short.toUnsignedInt(bytes.getShort(16));
    }

    long firstChild() {
      int node = firstNode();
      return Short.toUnsignedLong(bytes.getShort(node))
          | Short.toUnsignedLong(bytes.getShort(node + 2)) << 16
          | Short.toUnsignedLong(bytes.getShort(node + 4)) << 32;
    }

    void setFirstChild(long pageNumber) {
      int node = firstNode();
      bytes
          .putShort(node, (short) pageNumber)
          .putShort(node + 2, (short) (pageNumber >>> 16))
          .putShort(node + 4, (short) (pageNumber >>> 32));
    }

    void write(FileChannel ch) throws IOException {
      ch.write(bytes.clear(), number * size);
    }
  }
}
