package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes the sender knows, in Bitcoin's layout: a count, then per node the time it was last heard of
 * (4, seconds since 1970) and its {@link NetworkAddress} (26). The central node sends its list of
 * nodes with this; a name such as {@code localhost} never appears, only addresses.
 */
public record AddrMessage(List<Entry> entries) implements Message {
  public static final String COMMAND = "addr";

  /** Bitcoin Core's MAX_ADDR_TO_SEND. */
  public static final int MAX_ADDRESSES = 1_000;

  static final int MAX_SIZE = 3 + MAX_ADDRESSES * (4 + NetworkAddress.SIZE);

  /**
   * One known node.
   *
   * @param time when it was last heard of, in seconds since 1970 (unsigned 32 bits on the wire)
   */
  public record Entry(long time, NetworkAddress address) {
    public Entry {
      if (time < 0 || time > 0xffffffffL) {
        throw new IllegalArgumentException("time " + time + " does not fit in 32 unsigned bits");
      }
    }
  }

  public AddrMessage {
    if (entries.size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException(
          entries.size() + " addresses, above the limit of " + MAX_ADDRESSES);
    }
    entries = List.copyOf(entries);
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeVarInt(entries.size());
    for (Entry e : entries) {
      w.writeInt32((int) e.time());
      e.address().write(w);
    }
  }

  static AddrMessage read(ByteReader r) throws ProtocolViolation {
    long n = r.readVarInt();
    if (n < 0 || n > MAX_ADDRESSES) {
      throw new ProtocolViolation(
          "addr with "
              + Long.toUnsignedString(n)
              + " addresses, above the limit of "
              + MAX_ADDRESSES);
    }
    List<Entry> out = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      out.add(new Entry(r.readUInt32(), NetworkAddress.read(r)));
    }
    return new AddrMessage(out);
  }
}
