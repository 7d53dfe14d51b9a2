package io.minicoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MiningBenchmarkTest {
  @Test
  void parsesOpensslSpeedOutput() {
    String out =
        """
        version: 3.0.19
        The 'numbers' are in 1000s of bytes per second processed.
        type             64 bytes
        sha256          522485.76k
        """;
    assertThat(MiningBenchmark.parseOpensslSpeed(out)).hasValue(522485760.0);
    assertThat(MiningBenchmark.parseOpensslSpeed("openssl: command not found")).isEmpty();
  }
}
