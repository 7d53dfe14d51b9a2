package io.minicoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point down the layers only: a lower layer never imports a higher one. */
class LayeringTest {
  private static final List<String> LAYERS =
      List.of("crypto", "core", "store", "chain", "wallet", "net", "api", "cli");

  /** Layers that may not see each other although neither is above the other. */
  private static final Map<String, String> SIBLINGS = Map.of("wallet", "net", "net", "wallet");

  private static final Pattern USE = Pattern.compile("io\\.minicoin\\.(\\w+)\\.");

  @Test
  void noLayerDependsOnALayerAboveIt() throws IOException {
    List<String> violations = new ArrayList<>();
    Path root = Path.of("src/main/java/io/minicoin");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String layer = root.relativize(f).getName(0).toString();
        int level = LAYERS.indexOf(layer);
        if (level < 0) {
          continue; // bench sits beside cli, on top
        }
        Matcher m = USE.matcher(Files.readString(f));
        while (m.find()) {
          String used = m.group(1);
          int usedLevel = LAYERS.indexOf(used);
          if (usedLevel > level
              || used.equals(SIBLINGS.get(layer))
              || used.equals("bench") && !layer.equals("cli")) {
            violations.add(f + " uses " + used);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /**
   * DESIGN.md: the network and the HTTP API talk to the chain, never to the store; they may only
   * name the index entries the chain hands out.
   */
  @Test
  void theNetworkAndTheApiReachTheStoreOnlyThroughTheChain() throws IOException {
    Pattern storeUse = Pattern.compile("io\\.minicoin\\.store\\.(\\w+)");
    List<String> violations = new ArrayList<>();
    for (Path f : javaFiles("net", "api")) {
      Matcher m = storeUse.matcher(Files.readString(f));
      while (m.find()) {
        if (!m.group(1).equals("BlockIndexEntry")) {
          violations.add(f + " uses store." + m.group(1));
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static List<Path> javaFiles(String... layers) throws IOException {
    List<Path> all = new ArrayList<>();
    for (String layer : layers) {
      Path dir = Path.of("src/main/java/io/minicoin", layer);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          all.addAll(files.filter(p -> p.toString().endsWith(".java")).toList());
        }
      }
    }
    return all;
  }
}
