package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.util.List;

/** Asks for the blocks or transactions named, answered with block and tx messages. */
public record GetDataMessage(List<InvVector> items) implements Message {
  public static final String COMMAND = "getdata";

  public GetDataMessage {
    items = List.copyOf(items);
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    Inventory.write(w, items);
  }

  static GetDataMessage read(ByteReader r) throws ProtocolViolation {
    return new GetDataMessage(Inventory.read(r, COMMAND));
  }
}
