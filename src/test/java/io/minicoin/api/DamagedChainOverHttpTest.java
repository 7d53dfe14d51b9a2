package io.minicoin.api;

import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Block;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP request that meets a damaged chain file is answered 500 naming the damage, and the node
 * stops, as it does when a peer's request meets it (Bitcoin Core shuts down on a corrupted block
 * database): before, the API answered "internal error" and the node served on from the damaged
 * file.
 */
class DamagedChainOverHttpTest {
  @TempDir Path dir;

  @Test
  void aDamagedRecordMetByARequestStopsTheNodeNamingIt() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      Block first = n.chain.mineOnTip();
      n.chain.mineOnTip();
      // The address history still lists the first coinbase, but the transaction index no longer
      // says where it is: a record the file has lost.
      n.chain.store().writeAll(w -> w.deleteTxLocation(first.transactions().get(0).txid()));

      HttpResponse<String> r =
          n.http.send(
              HttpRequest.newBuilder(n.uri("/api/address/" + address(MINER) + "/txs"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("damaged", "transaction index entry", "stopping the node");
      Thread waiter =
          new Thread(
              () -> {
                try {
                  n.node.awaitStopped();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      waiter.start();
      waiter.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(waiter.isAlive()).as("the node stopped").isFalse();
      assertThat(n.node.failure()).get().asString().contains("damaged", "transaction index entry");
    }
  }
}
