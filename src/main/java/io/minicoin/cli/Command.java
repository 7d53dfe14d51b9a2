package io.minicoin.cli;

import org.apache.commons.cli.Options;

/**
 * One minicoin command: the flags it takes and what it does with them. Its name and the one line
 * the command list shows are in Main's table, which makes a command only when it is the one run.
 */
interface Command {
  /** What the command does, a paragraph for its usage ({@code minicoin NAME -h}). */
  String description();

  /** Its flags (Main adds {@code -h}); a command acting for a node adds {@link NodeOptions}'. */
  Options options();

  /**
   * The label of the one word the command takes after its name, e.g. {@code ADDRESS} for {@code
   * dumpprivkey ADDRESS}, with what it is; null for a command that takes only flags.
   */
  default Parameter parameter() {
    return null;
  }

  /** Does the command; returns the process's exit code (0: done). */
  int run(Args args) throws Exception;

  /** A word a command takes without a flag, as {@code getblock 100}: its label and meaning. */
  record Parameter(String label, String description) {}
}
