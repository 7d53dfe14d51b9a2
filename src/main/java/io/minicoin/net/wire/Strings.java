package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.nio.charset.StandardCharsets;

/** Length-prefixed UTF-8 strings, capped like every other field. */
final class Strings {
  static final int MAX = 256;

  private Strings() {}

  /**
   * {@code s} cut to at most {@link #MAX} bytes of UTF-8 (ending in "..." when cut), never in the
   * middle of a character.
   */
  static String fit(String s) {
    if (s.getBytes(StandardCharsets.UTF_8).length <= MAX) {
      return s;
    }
    int end = 0;
    int bytes = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > MAX - 3) {
        break;
      }
      bytes += n;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + "...";
  }

  static void write(ByteWriter w, String s) {
    w.writeVarBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Refuses control characters: these strings end up in log lines, which a newline would forge. */
  static String read(ByteReader r, String what) throws ProtocolViolation {
    String s = new String(r.readVarBytes(MAX, what), StandardCharsets.UTF_8);
    if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new ProtocolViolation(what + " contains a control character");
    }
    return s;
  }
}
