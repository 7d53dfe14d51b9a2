package io.minicoin.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The nearest known name to a mistyped one, as git's "did you mean": by edit distance (insert,
 * delete, replace, or swap two neighbours), close enough only if at most a third of the name
 * differs.
 */
final class Suggestions {
  private Suggestions() {}

  static Optional<String> nearest(String typed, Collection<String> known) {
    String t = bare(typed);
    return known.stream()
        .filter(k -> distance(t, bare(k)) <= Math.max(1, bare(k).length() / 3))
        .min(Comparator.comparingInt((String k) -> distance(t, bare(k))).thenComparing(k -> k));
  }

  /** The name without its leading dashes and any {@code =value}. */
  private static String bare(String name) {
    String s = name.replaceFirst("^-+", "");
    int eq = s.indexOf('=');
    return (eq >= 0 ? s.substring(0, eq) : s).toLowerCase(java.util.Locale.ROOT);
  }

  /** Optimal string alignment distance: Levenshtein plus transpositions of adjacent letters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
