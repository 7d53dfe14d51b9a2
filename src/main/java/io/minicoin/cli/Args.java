package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;

/**
 * A command's parsed command line: each flag's value as the type the command wants. A value that
 * does not convert is a {@link UsageError} naming the flag and why, e.g. {@code Invalid value for
 * option '-amount': 'ten' is not an amount}.
 */
final class Args {
  private final CommandLine line;
  private final Command.Parameter parameter;

  Args(CommandLine line, Command.Parameter parameter) {
    this.line = line;
    this.parameter = parameter;
  }

  /** Whether a flag was given: {@code -json}, {@code -mine}. */
  boolean has(String flag) {
    return line.hasOption(flag);
  }

  /** The flag's text, or {@code orElse} when it is not given. */
  String text(String flag, String orElse) {
    return line.getOptionValue(flag, orElse);
  }

  /** The flag's whole number, or {@code orElse} when it is not given. */
  int integer(String flag, int orElse) {
    Integer value = integer(flag);
    return value != null ? value : orElse;
  }

  /** The flag's whole number, or null when it is not given. */
  Integer integer(String flag) {
    return convert(flag, Converters::integer);
  }

  /** The flag's address, or null when it is not given (a required flag always is). */
  Address address(String flag) {
    return convert(flag, Converters::address);
  }

  /** The flag's amount of coins, or {@code orElse} when it is not given. */
  Amount amount(String flag, Amount orElse) {
    Amount value = convert(flag, Converters::amount);
    return value != null ? value : orElse;
  }

  /** The flag's compact difficulty bits, or {@code orElse} when it is not given. */
  int bits(String flag, int orElse) {
    Integer value = convert(flag, Converters::bits);
    return value != null ? value : orElse;
  }

  /** The word after the command's name, e.g. the height in {@code getblock 100}. */
  String parameter() {
    return line.getArgs()[0];
  }

  /** The word after the command's name as an address. */
  Address parameterAsAddress() {
    try {
      return Converters.address(parameter());
    } catch (IllegalArgumentException e) {
      throw new UsageError(
          "Invalid value for positional parameter '" + parameter.label() + "': " + e.getMessage());
    }
  }

  /** Which node the command acts for: {@code -node-id} and {@code -datadir}. */
  NodeOptions node() {
    return new NodeOptions(
        line.getOptionValue(NodeOptions.NODE_ID), line.getOptionValue(NodeOptions.DATADIR));
  }

  private <T> T convert(String flag, Function<String, T> converter) {
    String text = line.getOptionValue(flag);
    if (text == null) {
      return null;
    }
    try {
      return converter.apply(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError("Invalid value for option '-" + flag + "': " + e.getMessage());
    }
  }
}
