package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncBarTest {
  @Test
  void theBarShowsBlocksRateAndTimeLeft() {
    assertThat(SyncBar.line(250, 1000, 2.0))
        .startsWith(
            "sync [#######-----------------------] 250/1000 blocks  125 blocks/s  6 s left");
    assertThat(SyncBar.line(1000, 1000, 4.0)).contains("[" + "#".repeat(30) + "]", "0 s left");
    // A longer branch than announced: the bar never overflows.
    assertThat(SyncBar.line(1200, 1000, 4.0)).contains("1200/1200 blocks");
  }

  @Test
  void itRedrawsInPlaceAndEndsItsLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SyncBar bar = new SyncBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    bar.block(1, 2, 0.1);
    bar.block(2, 2, 0.2); // the last block is always drawn
    bar.ended();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\rsync [").contains("\rsync [" + "#".repeat(30)).endsWith("\n");
    assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1); // one line, rewritten
  }
}
