package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns command-line text into value types; picocli reports a failure with the option's name. */
final class Converters {
  private Converters() {}

  static final class AddressConverter implements ITypeConverter<Address> {
    @Override
    public Address convert(String value) {
      String lower = value.toLowerCase(java.util.Locale.ROOT);
      // SegWit (bc1..., tb1...) and pay-to-script-hash (3..., 2...) addresses are real Bitcoin
      // addresses, so "invalid" would mislead: minicoin only has P2PKH outputs.
      if (lower.startsWith("bc1")
          || lower.startsWith("tb1")
          || lower.startsWith("bcrt1")
          || value.startsWith("3")
          || value.startsWith("2")) {
        throw new TypeConversionException(
            "'"
                + value
                + "': only pay-to-public-key-hash addresses (starting with 1) are supported");
      }
      try {
        return Address.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class AmountConverter implements ITypeConverter<Amount> {
    @Override
    public Amount convert(String value) {
      try {
        return Amount.parseCoins(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class BitsConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.toLowerCase(Locale.ROOT).startsWith("0x") ? value.substring(2) : value;
      int bits;
      try {
        bits = Integer.parseUnsignedInt(v, 16);
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + value + "' is not compact bits in hex, e.g. 0x1e100000");
      }
      if (!io.minicoin.core.CompactTarget.isValid(bits)) {
        throw new TypeConversionException("'" + value + "' does not encode a valid target");
      }
      return bits;
    }
  }
}
