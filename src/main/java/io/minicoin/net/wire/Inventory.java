package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.crypto.FormatException;
import java.util.ArrayList;
import java.util.List;

/** The list layout shared by inv, getdata and notfound: a count, then (type u32, hash) entries. */
final class Inventory {
  /** Bitcoin's MAX_INV_SZ. */
  static final int MAX_ENTRIES = 50_000;

  private Inventory() {}

  static void write(ByteWriter w, List<InvVector> items) {
    w.writeVarInt(items.size());
    for (InvVector v : items) {
      w.writeInt32(v.type().code()).writeHash(v.hash());
    }
  }

  static List<InvVector> read(ByteReader r, String command) throws ProtocolViolation {
    long n = r.readVarInt();
    if (n < 0 || n > MAX_ENTRIES) {
      throw new ProtocolViolation(
          command
              + " with "
              + Long.toUnsignedString(n)
              + " entries, above the limit of "
              + MAX_ENTRIES);
    }
    if (n * 36 > r.remaining()) {
      throw new FormatException(
          command + " claims " + n + " entries but has " + r.remaining() + " bytes");
    }
    List<InvVector> items = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      items.add(new InvVector(InvType.of(r.readInt32()), r.readHash()));
    }
    return List.copyOf(items);
  }
}
