package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short commands load only what they need, seen in a real command process's class-loading log: most
 * of a short command's time is the JVM loading classes and native libraries.
 */
class ShortCommandClassesTest {
  private static final int NODE = 3000; // names the files only: these commands open no port

  @TempDir Path dir;

  /** Runs a command with the launchers' flags and the JVM's class-loading log on stdout. */
  private List<String> classLog(String... args) throws Exception {
    List<String> cmd = NodeProcess.javaCommand(args[0]);
    cmd.add(1, "-Xlog:class+load=info");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("NODE_ID", Integer.toString(NODE));
    Path out = dir.resolve("out.txt");
    Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    return lines;
  }

  @Test
  void listaddressesLoadsNoEllipticCurveLibraryAndNoStore() throws Exception {
    String first = NodeProcess.run(dir, NODE, "createwallet");
    NodeProcess.run(dir, NODE, "createwallet");
    List<String> log = classLog("listaddresses");

    assertThat(log).anyMatch(line -> first.contains(line.strip()) && line.startsWith("1"));
    assertThat(new ArrayList<>(log))
        .as("classes of libsecp256k1's binding, Bouncy Castle, or LMDB and jffi")
        .noneMatch(line -> line.contains(" fr.acinq.secp256k1."))
        .noneMatch(line -> line.contains(" org.bouncycastle."))
        .noneMatch(line -> line.contains(" com.kenai.jffi."))
        .noneMatch(line -> line.contains(" io.minicoin.store.Lmdb"));
  }
}
