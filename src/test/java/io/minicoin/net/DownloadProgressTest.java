package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // nodes are opened in try-with-resources to be closed, often unnamed
class DownloadProgressTest {
  @TempDir Path dir;

  @Test
  void aDownloadReportsEveryBlockThenItsEnd() throws Exception {
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    extend(centralChain, 120);
    Blockchain walletChain = newChain(dir.resolve("b.db"));
    List<Integer> seen = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    int a = freePort();
    int b = freePort();
    try (Node central = start(a, a, centralChain, Optional.empty())) {
      Node wallet =
          new Node(
              new NodeConfig(
                  b,
                  "localhost",
                  new HostPort("localhost", a),
                  Optional.empty(),
                  2,
                  3,
                  java.time.Duration.ofMillis(200)),
              walletChain);
      wallet.showDownloads(
          new DownloadProgress() {
            @Override
            public void block(int downloaded, int expected, double seconds) {
              assertThat(expected).isEqualTo(120);
              seen.add(downloaded);
            }

            @Override
            public void ended() {
              ended.countDown();
            }
          });
      try (wallet) {
        wallet.start();
        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
      }
    }
    assertThat(seen).hasSize(120);
    assertThat(seen.get(0)).isEqualTo(1);
    assertThat(seen.get(119)).isEqualTo(120);
  }
}
