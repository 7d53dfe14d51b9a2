package io.minicoin.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The usage texts, 100 columns wide: minicoin's (every command with its one-line header) and each
 * command's (synopsis, description, each flag with its value's label and meaning).
 */
final class Usage {
  static final int WIDTH = 100;

  /** A left column wider than this puts its description on the next line. */
  private static final int MAX_LEFT = 30;

  private Usage() {}

  /**
   * {@code minicoin -h}: the commands, one line each, and how the node and its files are chosen.
   */
  static void printMain(PrintStream out, Map<String, String> headers, String footer) {
    out.println(
        "Usage: minicoin <command> [flags]   (minicoin <command> -h: that command's flags)");
    out.println("A small Bitcoin-like blockchain network on Bitcoin's real formats.");
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("-h, --help", "Show this help message and exit.");
    flags.put("-V, --version", "Print version information and exit.");
    table(out, flags);
    out.println();
    out.println("Commands:");
    table(out, headers);
    out.println();
    wrap(footer, WIDTH).forEach(out::println);
  }

  /** {@code minicoin NAME -h}: the synopsis, what the command does, and each of its flags. */
  static void printCommand(
      PrintStream out, String name, String header, Command command, Options options) {
    Command.Parameter parameter = command.parameter();
    // The synopsis: required flags as they must be typed, optional ones in brackets.
    List<String> words = new ArrayList<>();
    for (Option o : options.getOptions()) {
      String word = "-" + o.getOpt() + (o.hasArg() ? "=" + o.getArgName() : "");
      words.add(o.isRequired() ? word : "[" + word + "]");
    }
    if (parameter != null) {
      words.add(parameter.label());
    }
    String lead = "Usage: minicoin " + name + " ";
    List<String> synopsis = wrap(String.join(" ", words), WIDTH - lead.length());
    for (int i = 0; i < synopsis.size(); i++) {
      out.println((i == 0 ? lead : " ".repeat(lead.length())) + synopsis.get(i));
    }
    out.println(header);
    out.println();
    wrap(command.description(), WIDTH).forEach(out::println);
    out.println();
    out.println(parameter != null ? "Parameter and flags:" : "Flags:");
    Map<String, String> rows = new LinkedHashMap<>();
    if (parameter != null) {
      rows.put(parameter.label(), parameter.description());
    }
    for (Option o : options.getOptions()) {
      String names =
          o.getOpt().equals("h")
              ? "-h, --help, -help"
              : "-"
                  + o.getOpt()
                  + ", --"
                  + o.getLongOpt()
                  + (o.hasArg() ? "=" + o.getArgName() : "");
      rows.put(names, o.getDescription() + (o.isRequired() ? " (required)" : ""));
    }
    table(out, rows);
  }

  /** Two columns: each left cell, and its right cell wrapped beside it. */
  private static void table(PrintStream out, Map<String, String> rows) {
    int left = 0;
    for (String cell : rows.keySet()) {
      if (cell.length() <= MAX_LEFT) {
        left = Math.max(left, cell.length());
      }
    }
    String indent = " ".repeat(2 + left + 2);
    for (Map.Entry<String, String> row : rows.entrySet()) {
      List<String> lines = wrap(row.getValue(), WIDTH - indent.length());
      String first = "  " + row.getKey();
      if (first.length() > indent.length() - 2) {
        out.println(first); // too wide: its description starts on the next line
        lines.forEach(l -> out.println(indent + l));
        continue;
      }
      out.println(first + " ".repeat(indent.length() - first.length()) + lines.get(0));
      lines.subList(1, lines.size()).forEach(l -> out.println(indent + l));
    }
  }

  /** The text in lines of at most {@code width} characters, broken between words. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ", -1)) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
