package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.nio.charset.StandardCharsets;

/** Length-prefixed UTF-8 strings, capped like every other field. */
final class Strings {
  static final int MAX = 256;

  private Strings() {}

  static void write(ByteWriter w, String s) {
    w.writeVarBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  static String read(ByteReader r, String what) {
    return new String(r.readVarBytes(MAX, what), StandardCharsets.UTF_8);
  }
}
