package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/** The nodes the sender knows, as {@code host:port}: the central node shares its list with this. */
public record AddrMessage(List<String> addresses) implements Message {
  public static final String COMMAND = "addr";

  /** Bitcoin's MAX_ADDR_TO_SEND. */
  static final int MAX_ADDRESSES = 1_000;

  public AddrMessage {
    addresses = List.copyOf(addresses);
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeVarInt(addresses.size());
    addresses.forEach(a -> Strings.write(w, a));
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
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Strings.read(r, "address"));
    }
    return new AddrMessage(out);
  }
}
