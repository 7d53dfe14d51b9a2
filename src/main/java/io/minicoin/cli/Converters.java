package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.CompactTarget;
import java.util.Locale;

/**
 * Turns command-line text into value types; a failure's message says why the text is wrong, and
 * {@link Args} adds which flag it was given to.
 */
final class Converters {
  private Converters() {}

  static Address address(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    // SegWit (bc1..., tb1...) and pay-to-script-hash (3..., 2...) addresses are real Bitcoin
    // addresses, so "invalid" would mislead: minicoin only has P2PKH outputs.
    if (lower.startsWith("bc1")
        || lower.startsWith("tb1")
        || lower.startsWith("bcrt1")
        || value.startsWith("3")
        || value.startsWith("2")) {
      throw new IllegalArgumentException(
          "'" + value + "': only pay-to-public-key-hash addresses (starting with 1) are supported");
    }
    return Address.parse(value);
  }

  static Amount amount(String value) {
    return Amount.parseCoins(value);
  }

  static int integer(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number", e);
    }
  }

  static int bits(String value) {
    String v = value.toLowerCase(Locale.ROOT).startsWith("0x") ? value.substring(2) : value;
    int bits;
    try {
      bits = Integer.parseUnsignedInt(v, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not compact bits in hex, e.g. 0x1e100000", e);
    }
    if (!CompactTarget.isValid(bits)) {
      throw new IllegalArgumentException("'" + value + "' does not encode a valid target");
    }
    return bits;
  }
}
