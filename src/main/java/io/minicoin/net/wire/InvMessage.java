package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.util.List;

/** Announces blocks or transactions the sender has: the receiver asks for those it lacks. */
public record InvMessage(List<InvVector> items) implements Message {
  public static final String COMMAND = "inv";

  public InvMessage {
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

  static InvMessage read(ByteReader r) throws ProtocolViolation {
    return new InvMessage(Inventory.read(r, COMMAND));
  }
}
