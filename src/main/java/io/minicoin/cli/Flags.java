package io.minicoin.cli;

import org.apache.commons.cli.Option;

/**
 * How a minicoin command declares a flag: by one name, which the user may type with one dash, as
 * the seed did ({@code -address}), or with two ({@code --address}); a value may follow after a
 * space or an equals sign ({@code -address=1A1z...}).
 */
final class Flags {
  private Flags() {}

  /** A flag that takes a value, e.g. {@code -address ADDRESS}; {@code label} names the value. */
  static Option value(String name, String label, String description) {
    return builder(name, description).hasArg().argName(label).get();
  }

  /** A flag that takes a value and must be given. */
  static Option required(String name, String label, String description) {
    return builder(name, description).hasArg().argName(label).required().get();
  }

  /** A flag that takes no value: given or not, e.g. {@code -json}. */
  static Option flag(String name, String description) {
    return builder(name, description).get();
  }

  /**
   * Commons CLI knows {@code -name} as a short option and {@code --name} as a long one: giving both
   * the same name accepts either spelling.
   */
  private static Option.Builder builder(String name, String description) {
    return Option.builder(name).longOpt(name).desc(description);
  }
}
