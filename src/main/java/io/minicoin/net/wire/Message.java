package io.minicoin.net.wire;

import io.minicoin.core.ByteWriter;

/** A message payload: its command name and its bytes. One class per message type. */
public interface Message {
  /** The command in the frame header, such as {@code version} or {@code inv}. */
  String command();

  void write(ByteWriter w);
}
