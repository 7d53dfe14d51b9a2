package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.util.List;

/** Answers a getdata for something the sender does not have. */
public record NotFoundMessage(List<InvVector> items) implements Message {
  public static final String COMMAND = "notfound";

  public NotFoundMessage {
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

  static NotFoundMessage read(ByteReader r) throws ProtocolViolation {
    return new NotFoundMessage(Inventory.read(r, COMMAND));
  }
}
