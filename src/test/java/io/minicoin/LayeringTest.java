package io.minicoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down the layers only: a lower layer never imports a higher one, and layers on
 * the same level never import each other. A package this test does not know fails it, so a new
 * package must be given its place here.
 */
class LayeringTest {
  private static final Path ROOT = Path.of("src/main/java/io/minicoin");

  /**
   * Each top-level package under {@code io.minicoin} and its level: a package may use only packages
   * on lower levels. {@code wallet} and {@code net} share a level and so never see each other;
   * {@code bench} (the {@code bench} command's measurements) sits under the command line that runs
   * it.
   */
  private static final Map<String, Integer> LEVEL =
      Map.of(
          "crypto", 0,
          "core", 1,
          "store", 2,
          "chain", 3,
          "wallet", 4,
          "net", 4,
          "api", 5,
          "bench", 6,
          "cli", 7);

  /**
   * Layers that reach the stored data only through the chain's API. The command line still names
   * {@code StoreException}, the failure every command reports for an unusable chain file.
   */
  private static final Set<String> ABOVE_THE_CHAIN_API = Set.of("wallet", "net", "api", "cli");

  private static final Pattern USE = Pattern.compile("io\\.minicoin\\.(\\w+)(\\.\\w+)?");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static String layerOf(Path f) {
    return ROOT.relativize(f).getName(0).toString();
  }

  @Test
  void everyPackageHasAPlaceInTheLayers() throws IOException {
    List<String> unknown = new ArrayList<>();
    for (Path f : sources()) {
      if (!LEVEL.containsKey(layerOf(f))) {
        unknown.add(f + " is in package " + layerOf(f) + ", which has no level in LayeringTest");
      }
      Matcher m = USE.matcher(Files.readString(f));
      while (m.find()) {
        if (!LEVEL.containsKey(m.group(1))) {
          unknown.add(f + " uses io.minicoin." + m.group(1) + ", which has no level");
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void noLayerDependsOnALayerAboveOrBesideIt() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path f : sources()) {
      String layer = layerOf(f);
      Integer level = LEVEL.get(layer);
      if (level == null) {
        continue; // reported by everyPackageHasAPlaceInTheLayers
      }
      Matcher m = USE.matcher(Files.readString(f));
      while (m.find()) {
        String used = m.group(1);
        Integer usedLevel = LEVEL.get(used);
        if (usedLevel != null && !used.equals(layer) && usedLevel >= level) {
          violations.add(f + " uses " + used);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /**
   * The network, the HTTP API, the wallet and the command line see blocks through the chain's read
   * API ({@code Blockchain}, {@code HeaderView}), never the store's own types.
   */
  @Test
  void onlyTheChainReachesTheStore() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path f : sources()) {
      String layer = layerOf(f);
      if (!ABOVE_THE_CHAIN_API.contains(layer)) {
        continue;
      }
      Matcher m = USE.matcher(Files.readString(f));
      while (m.find()) {
        if (m.group(1).equals("store")
            && !(layer.equals("cli") && ".StoreException".equals(m.group(2)))) {
          violations.add(f + " uses store" + (m.group(2) == null ? "" : m.group(2)));
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
