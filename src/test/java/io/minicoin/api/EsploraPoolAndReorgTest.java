package io.minicoin.api;

import static io.minicoin.api.EsploraRestTest.HEX;
import static io.minicoin.api.EsploraRestTest.json;
import static io.minicoin.api.EsploraRestTest.post;
import static io.minicoin.api.EsploraRestTest.text;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.net.HostPort;
import io.minicoin.net.Node;
import io.minicoin.net.NodeConfig;
import io.minicoin.testing.ChainBuilder;
import io.minicoin.testing.Ports;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool and the chain moving under the REST API: a posted transaction waits in the pool, then a
 * block confirms it; a reorganization takes a confirmed payment back to the pool, and its status
 * and the address's history follow.
 */
class EsploraPoolAndReorgTest {
  @TempDir Path dir;

  /** Polls the API until {@code condition} holds: the node works on its own threads. */
  static void await(String what, Check condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  interface Check {
    boolean holds() throws Exception;
  }

  @Test
  void aPostedTransactionWaitsInThePoolAsEsploraShowsIt() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder b = n.chain;
      b.mineOnTip();
      Transaction pay = b.pay(MINER, ALICE, Amount.coins(2), Amount.units(2_260));
      String alice = address(ALICE).toString();

      HttpResponse<String> r = post(n, "/api/tx", HEX.formatHex(pay.serialize()));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(pay.txid().toString());

      JsonNode tx = json(n, "/api/tx/" + pay.txid());
      assertThat(tx.get("status").get("confirmed").asBoolean()).isFalse();
      assertThat(tx.get("status").has("block_height")).isFalse();
      assertThat(tx.get("fee").asLong()).isEqualTo(2_260);
      assertThat(tx.get("vin").get(0).get("prevout").get("value").asLong())
          .isEqualTo(1_000_000_000L);

      JsonNode pool = json(n, "/api/mempool");
      assertThat(pool.get("count").asInt()).isEqualTo(1);
      assertThat(pool.get("vsize").asInt()).isEqualTo(pay.size());
      assertThat(pool.get("total_fee").asLong()).isEqualTo(2_260);
      JsonNode bar = pool.get("fee_histogram").get(0);
      assertThat(bar.get(0).asDouble()).isEqualTo(2_260.0 / pay.size());
      assertThat(bar.get(1).asInt()).isEqualTo(pay.size());
      assertThat(json(n, "/api/mempool/txids").get(0).asText()).isEqualTo(pay.txid().toString());
      JsonNode recent = json(n, "/api/mempool/recent").get(0);
      assertThat(recent.get("txid").asText()).isEqualTo(pay.txid().toString());
      assertThat(recent.get("fee").asLong()).isEqualTo(2_260);
      assertThat(recent.get("vsize").asInt()).isEqualTo(pay.size());
      assertThat(recent.get("value").asLong()).isEqualTo(pay.totalOut().units());

      JsonNode stats = json(n, "/api/address/" + alice);
      assertThat(stats.get("chain_stats").get("tx_count").asInt()).isZero();
      assertThat(stats.get("mempool_stats").get("funded_txo_count").asInt()).isEqualTo(1);
      assertThat(stats.get("mempool_stats").get("funded_txo_sum").asLong()).isEqualTo(200_000_000L);
      JsonNode minerStats = json(n, "/api/address/" + address(MINER)).get("mempool_stats");
      assertThat(minerStats.get("spent_txo_count").asInt()).isEqualTo(1);
      assertThat(minerStats.get("spent_txo_sum").asLong()).isEqualTo(1_000_000_000L);
      assertThat(json(n, "/api/address/" + alice + "/txs/mempool").get(0).get("txid").asText())
          .isEqualTo(pay.txid().toString());
      assertThat(json(n, "/api/address/" + alice + "/txs").size()).isEqualTo(1);
      String aliceHash = EsploraRestTest.scriptHash(pay.outputs().get(0));
      assertThat(json(n, "/api/scripthash/" + aliceHash + "/txs/mempool"))
          .isEqualTo(json(n, "/api/address/" + alice + "/txs/mempool"));
      assertThat(json(n, "/api/scripthash/" + aliceHash + "/utxo"))
          .isEqualTo(json(n, "/api/address/" + alice + "/utxo"));

      JsonNode aliceUtxo = json(n, "/api/address/" + alice + "/utxo");
      assertThat(aliceUtxo.size()).isEqualTo(1);
      assertThat(aliceUtxo.get(0).get("status").get("confirmed").asBoolean()).isFalse();
      // the miner's coin spent in the pool is no longer offered
      JsonNode minerUtxo = json(n, "/api/address/" + address(MINER) + "/utxo");
      for (JsonNode u : minerUtxo) {
        assertThat(u.get("txid").asText())
            .isNotEqualTo(pay.inputs().get(0).previous().txid().toString());
      }
      JsonNode spend =
          json(
              n,
              "/api/tx/"
                  + pay.inputs().get(0).previous().txid()
                  + "/outspend/"
                  + pay.inputs().get(0).previous().index());
      assertThat(spend.get("spent").asBoolean()).isTrue();
      assertThat(spend.get("txid").asText()).isEqualTo(pay.txid().toString());
      assertThat(spend.get("status").get("confirmed").asBoolean()).isFalse();

      // Core answers a transaction it already has with its txid again
      assertThat(post(n, "/api/tx", HEX.formatHex(pay.serialize())).body())
          .isEqualTo(pay.txid().toString());
      // a second spend of the same coin is refused with Core's code and reason
      Transaction conflict = b.pay(MINER, BOB, Amount.coins(2), Amount.ZERO);
      HttpResponse<String> refused = post(n, "/api/tx", HEX.formatHex(conflict.serialize()));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body())
          .isEqualTo(
              "sendrawtransaction RPC error: {\"code\":-26,\"message\":\"txn-mempool-conflict\"}");
      assertThat(json(n, "/api/mempool").get("count").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aPostedTransactionIsMinedAndTheApiFollows() throws Exception {
    ChainBuilder chain = ChainBuilder.onDisk(dir.resolve("blockchain.db"));
    try (ApiTestNode n = new ApiTestNode(dir, chain, Optional.of(address(BOB)))) {
      Transaction pay = chain.pay(MINER, ALICE, Amount.coins(4), Amount.units(1_000));
      HttpResponse<String> r = post(n, "/api/tx", HEX.formatHex(pay.serialize()));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

      String statusPath = "/api/tx/" + pay.txid() + "/status";
      await("the node mined it", () -> json(n, statusPath).get("confirmed").asBoolean());
      JsonNode status = json(n, statusPath);
      int height = status.get("block_height").asInt();
      assertThat(text(n, "/api/block-height/" + height))
          .isEqualTo(status.get("block_hash").asText());
      JsonNode txids = json(n, "/api/block/" + status.get("block_hash").asText() + "/txids");
      assertThat(txids.get(1).asText()).isEqualTo(pay.txid().toString());
      assertThat(json(n, "/api/mempool").get("count").asInt()).isZero();
      assertThat(json(n, "/api/address/" + address(ALICE) + "/utxo").get(0).get("value").asLong())
          .isEqualTo(400_000_000L);
      // the explorer's event stream shows it leaving the pool, and why
      await(
          "the explorer's events show the payment leaving the pool as mined",
          () -> {
            for (JsonNode e : json(n, "/explorer/events.json?after=0").get("events")) {
              if (e.get("kind").asText().equals("txremoved")
                  && e.get("txid").asText().equals(pay.txid().toString())) {
                return e.get("reason").asText().equals("mined");
              }
            }
            return false;
          });

      HttpResponse<String> again = post(n, "/api/tx", HEX.formatHex(pay.serialize()));
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(again.body()).contains("\"code\":-27");
    }
  }

  @Test
  void aReorganizationTakesAConfirmedPaymentBackToThePool() throws Exception {
    ChainBuilder a = ChainBuilder.onDisk(dir.resolve("a.db"));
    a.mineOnTip();
    Transaction pay = a.pay(MINER, ALICE, Amount.coins(3), Amount.ZERO);
    Block withPayment = a.mineOnTip(pay);
    // the same genesis block, then a longer branch without the payment
    ChainBuilder heavier = ChainBuilder.onDisk(dir.resolve("b.db"));
    heavier.extend(heavier.tip(), 4);
    String alice = address(ALICE).toString();

    try (ApiTestNode n = new ApiTestNode(dir, a)) {
      assertThat(json(n, "/api/tx/" + pay.txid() + "/status").get("block_height").asInt())
          .isEqualTo(2);
      assertThat(json(n, "/api/address/" + alice + "/txs/chain").size()).isEqualTo(1);
      String blockOneBefore = text(n, "/api/block-height/1");

      try (Node other =
          new Node(
              new NodeConfig(
                  Ports.free(),
                  "localhost",
                  new HostPort("localhost", n.port),
                  Optional.empty(),
                  2,
                  3,
                  Duration.ofMillis(200)),
              heavier.chain())) {
        other.start();
        String heavierTip = heavier.tip().hash().toString();
        await(
            "the API node follows the heavier branch",
            () -> text(n, "/api/blocks/tip/hash").equals(heavierTip));
        await(
            "the payment is back in the pool",
            () -> json(n, "/api/mempool").get("count").asInt() == 1);

        JsonNode status = json(n, "/api/tx/" + pay.txid() + "/status");
        assertThat(status.get("confirmed").asBoolean()).isFalse();
        assertThat(
                json(n, "/api/block/" + withPayment.hash() + "/status")
                    .get("in_best_chain")
                    .asBoolean())
            .isFalse();
        assertThat(json(n, "/api/address/" + alice + "/txs/chain").size()).isZero();
        JsonNode stats = json(n, "/api/address/" + alice);
        assertThat(stats.get("chain_stats").get("funded_txo_count").asInt()).isZero();
        assertThat(stats.get("mempool_stats").get("funded_txo_count").asInt()).isEqualTo(1);
        assertThat(json(n, "/api/address/" + alice + "/txs").get(0).get("txid").asText())
            .isEqualTo(pay.txid().toString());
        assertThat(text(n, "/api/blocks/tip/height")).isEqualTo("4");

        // The explorer's event stream tells the same story on the node's lifeline: the
        // reorganization (the blocks above the fork off, the heavier branch's on), then the payment
        // added back to the pool.
        List<JsonNode> events = new ArrayList<>();
        await(
            "the explorer's events show the payment back in the pool",
            () -> {
              events.clear();
              json(n, "/explorer/events.json?after=0").get("events").forEach(events::add);
              return events.stream()
                  .anyMatch(
                      e ->
                          e.get("kind").asText().equals("txadded")
                              && e.get("txid").asText().equals(pay.txid().toString()));
            });
        List<JsonNode> reorgs =
            events.stream().filter(e -> e.get("kind").asText().equals("reorg")).toList();
        // The two branches share the genesis block, and block 1 too when both mined it alike.
        int fork = text(n, "/api/block-height/1").equals(blockOneBefore) ? 1 : 0;
        assertThat(reorgs).hasSize(1);
        assertThat(reorgs.get(0).get("forkHeight").asInt()).isEqualTo(fork);
        assertThat(reorgs.get(0).get("disconnected").asInt()).isEqualTo(2 - fork);
        // at least one block more than it took off (more work), at most the whole branch: the
        // node switches as soon as the blocks it holds outweigh its own
        assertThat(reorgs.get(0).get("connected").asInt()).isBetween(3 - fork, 4 - fork);
        assertThat(events.indexOf(reorgs.get(0)))
            .isLessThan(
                events.indexOf(
                    events.stream()
                        .filter(e -> e.get("kind").asText().equals("txadded"))
                        .reduce((first, second) -> second)
                        .orElseThrow()));
      }
    } finally {
      heavier.close();
    }
  }
}
