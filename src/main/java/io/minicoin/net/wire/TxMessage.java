package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.Transaction;

/** A transaction in Bitcoin's legacy serialization. */
public record TxMessage(Transaction tx) implements Message {
  public static final String COMMAND = "tx";

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    tx.write(w);
  }

  static TxMessage read(ByteReader r) {
    return new TxMessage(Transaction.read(r));
  }
}
