package io.minicoin.cli;

import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * A command's parsed command line: every flag checked (known, given once, with its value), then
 * each flag's value as the type the command wants. What is wrong is a {@link UsageError} naming the
 * flag and why, e.g. {@code Invalid value for option '-amount': 'ten' is not an amount}.
 */
final class Args {
  private final CommandLine line;
  private final Command.Parameter parameter;

  Args(CommandLine line, Command.Parameter parameter) {
    this.line = line;
    this.parameter = parameter;
  }

  /** The command's flags and parameter, checked: every flag known, given once, with its value. */
  static Args parse(Command command, Options options, String[] flags) {
    checkFlagNames(options, flags);
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, flags);
    } catch (MissingOptionException e) {
      List<String> missing = new ArrayList<>();
      for (Object name : e.getMissingOptions()) {
        Option o = options.getOption(name.toString());
        missing.add("'-" + o.getOpt() + "=" + o.getArgName() + "'");
      }
      throw new UsageError(
          (missing.size() == 1 ? "Missing required option: " : "Missing required options: ")
              + String.join(", ", missing));
    } catch (MissingArgumentException e) {
      Option o = e.getOption();
      throw new UsageError(
          "Missing required parameter for option '-" + o.getOpt() + "' (" + o.getArgName() + ")");
    } catch (ParseException e) {
      throw new UsageError(e.getMessage());
    }
    for (Option o : line.getOptions()) {
      if (o.hasArg() && line.getOptionValues(o.getOpt()).length > 1) {
        throw new UsageError(
            "option '-" + o.getOpt() + "' (" + o.getArgName() + ") should be given only once");
      }
      // '-datadir=' would mean the current directory, '-node-id=' a NODE_ID not set: say it.
      if (o.hasArg() && o.getValue().isBlank()) {
        throw new UsageError(
            "option '-" + o.getOpt() + "' (" + o.getArgName() + ") is given an empty value");
      }
    }
    List<String> words = line.getArgList();
    Command.Parameter parameter = command.parameter();
    if (parameter != null && words.isEmpty()) {
      throw new UsageError("Missing required parameter: '" + parameter.label() + "'");
    }
    if (words.size() > (parameter != null ? 1 : 0)) {
      throw new UsageError("unexpected argument '" + words.get(parameter != null ? 1 : 0) + "'");
    }
    return new Args(line, parameter);
  }

  /**
   * Refuses the first flag that is none of the command's, with the nearest one's name. Checked
   * before anything else, so that a typo is not reported as a required flag missing, and so that
   * every word starting with a dash that no flag takes as its value ({@code ---address}, {@code
   * -1}, {@code --=x}) is named in our words, not Commons CLI's.
   */
  private static void checkFlagNames(Options options, String[] flags) {
    for (int i = 0; i < flags.length && !flags[i].equals("--"); i++) {
      String token = flags[i];
      if (token.length() < 2 || token.charAt(0) != '-') {
        continue; // a value or the parameter ('-' alone is one too)
      }
      int eq = token.indexOf('=');
      String typed = eq < 0 ? token : token.substring(0, eq);
      String name = typed.substring(typed.startsWith("--") ? 2 : 1);
      // Commons CLI strips every leading dash when it looks a name up: '---address' is no flag.
      Option option = name.isEmpty() || name.charAt(0) == '-' ? null : options.getOption(name);
      if (option == null) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(name.length() - 1))) {
          // '-1', '--=x', '---': nothing a name could be near ('-h' is one letter from '-1').
          throw new UsageError("unknown option '" + token + "'");
        }
        List<String> names = new ArrayList<>();
        for (Option o : options.getOptions()) {
          names.add(o.getOpt());
        }
        String near =
            Suggestions.nearest(typed, names).map(s -> " (did you mean -" + s + "?)").orElse("");
        throw new UsageError("unknown option '" + typed + "'" + near);
      }
      if (option.hasArg() && eq < 0) {
        i++; // its value
      }
    }
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
