package io.minicoin.api;

import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.testing.ChainBuilder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Esplora's REST API over real HTTP against a real node (LMDB chain on disk, TCP on loopback): the
 * shapes, the paging and the refusals that Esplora's clients depend on.
 */
class EsploraRestTest {
  @TempDir Path dir;

  static final HexFormat HEX = HexFormat.of();

  static HttpResponse<byte[]> get(ApiTestNode n, String path) throws Exception {
    return n.http.send(
        HttpRequest.newBuilder(n.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(ApiTestNode n, String path) throws Exception {
    HttpResponse<byte[]> r = get(n, path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(ApiTestNode n, String path) throws Exception {
    HttpResponse<byte[]> r = get(n, path);
    assertThat(r.statusCode())
        .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return RpcJson.MAPPER.readTree(r.body());
  }

  static HttpResponse<String> post(ApiTestNode n, String path, String body) throws Exception {
    return n.http.send(
        HttpRequest.newBuilder(n.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SHA-256 of the script, computed here with the JDK rather than with our code. */
  static String scriptHash(TxOut out) throws Exception {
    return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(out.scriptPubKey().bytes()));
  }

  @Test
  void blockPathsAnswerAsEsplora() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder b = n.chain;
      Block first = b.mineOnTip();
      Transaction pay = b.pay(MINER, ALICE, Amount.coins(3), Amount.units(5_000));
      Block second = b.mineOnTip(pay);
      b.mineOnTip();

      assertThat(text(n, "/api/blocks/tip/height")).isEqualTo("3");
      assertThat(text(n, "/api/blocks/tip/hash")).isEqualTo(b.tip().hash().toString());
      assertThat(text(n, "/api/block-height/2")).isEqualTo(second.hash().toString());

      JsonNode blk = json(n, "/api/block/" + second.hash());
      assertThat(blk.get("id").asText()).isEqualTo(second.hash().toString());
      assertThat(blk.get("height").asInt()).isEqualTo(2);
      assertThat(blk.get("tx_count").asInt()).isEqualTo(2);
      assertThat(blk.get("size").asInt()).isEqualTo(second.serialize().length);
      assertThat(blk.get("weight").asInt()).isEqualTo(4 * second.serialize().length);
      assertThat(blk.get("previousblockhash").asText()).isEqualTo(first.hash().toString());
      assertThat(blk.get("merkle_root").asText())
          .isEqualTo(second.header().merkleRoot().toString());
      assertThat(blk.get("timestamp").asLong()).isEqualTo(second.header().time());
      assertThat(blk.get("bits").asLong()).isEqualTo(ChainBuilder.BITS);
      assertThat(blk.get("nonce").asLong()).isEqualTo(second.header().nonce() & 0xffffffffL);
      assertThat(blk.has("mediantime")).isTrue();
      assertThat(blk.get("difficulty").isNumber()).isTrue();
      assertThat(json(n, "/api/block/" + b.chain().genesisHash()).get("previousblockhash").isNull())
          .isTrue();

      assertThat(text(n, "/api/block/" + second.hash() + "/header"))
          .isEqualTo(HEX.formatHex(second.header().serialize()));
      HttpResponse<byte[]> raw = get(n, "/api/block/" + second.hash() + "/raw");
      assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(Block.fromBytes(raw.body()).hash()).isEqualTo(second.hash());

      JsonNode status = json(n, "/api/block/" + second.hash() + "/status");
      assertThat(status.get("in_best_chain").asBoolean()).isTrue();
      assertThat(status.get("height").asInt()).isEqualTo(2);
      assertThat(status.get("next_best").asText()).isEqualTo(b.tip().hash().toString());
      JsonNode tipStatus = json(n, "/api/block/" + b.tip().hash() + "/status");
      assertThat(tipStatus.get("next_best").isNull()).isTrue();

      JsonNode txids = json(n, "/api/block/" + second.hash() + "/txids");
      assertThat(txids.get(1).asText()).isEqualTo(pay.txid().toString());

      JsonNode txs = json(n, "/api/block/" + second.hash() + "/txs");
      assertThat(txs.size()).isEqualTo(2);
      JsonNode coinbase = txs.get(0);
      assertThat(coinbase.get("vin").get(0).get("is_coinbase").asBoolean()).isTrue();
      assertThat(coinbase.get("vin").get(0).get("prevout").isNull()).isTrue();
      assertThat(coinbase.get("fee").asLong()).isZero();
      assertThat(txs.get(1).get("fee").asLong()).isEqualTo(5_000);
      assertThat(txs.get(1).get("status").get("block_hash").asText())
          .isEqualTo(second.hash().toString());

      assertThat(text(n, "/api/block/" + second.hash() + "/txid/1"))
          .isEqualTo(pay.txid().toString());
      JsonNode fees = json(n, "/api/fee-estimates");
      assertThat(fees.get("1").asDouble()).isEqualTo(1.0);
      assertThat(fees.get("1008").asDouble()).isEqualTo(1.0);

      JsonNode blocks = json(n, "/api/blocks");
      assertThat(blocks.size()).isEqualTo(4); // heights 3, 2, 1, 0: fewer than a page of 10
      assertThat(blocks.get(0).get("height").asInt()).isEqualTo(3);
      assertThat(blocks.get(3).get("height").asInt()).isZero();
      assertThat(json(n, "/api/blocks/1").size()).isEqualTo(2);
    }
  }

  @Test
  void aTransactionShowsItsSpentOutputsFeeAndSpenders() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder b = n.chain;
      Transaction pay = b.pay(MINER, ALICE, Amount.coins(3), Amount.units(5_000));
      Block block = b.mineOnTip(pay);
      Transaction onward = b.pay(ALICE, BOB, Amount.coins(1), Amount.units(1_000));
      b.mineOnTip(onward);
      OutPoint spent = pay.inputs().get(0).previous();
      TxOut spentOut =
          b.chain()
              .block(b.chain().genesisHash())
              .orElseThrow()
              .transactions()
              .get(0)
              .outputs()
              .get(0);

      JsonNode tx = json(n, "/api/tx/" + pay.txid());
      assertThat(tx.get("txid").asText()).isEqualTo(pay.txid().toString());
      assertThat(tx.get("version").asInt()).isEqualTo(pay.version());
      assertThat(tx.get("locktime").asLong()).isEqualTo(pay.lockTime());
      assertThat(tx.get("size").asInt()).isEqualTo(pay.serialize().length);
      JsonNode vin = tx.get("vin").get(0);
      assertThat(vin.get("txid").asText()).isEqualTo(spent.txid().toString());
      assertThat(vin.get("vout").asLong()).isEqualTo(spent.index());
      assertThat(vin.get("prevout").get("value").asLong()).isEqualTo(spentOut.value().units());
      assertThat(vin.get("prevout").get("scriptpubkey_address").asText())
          .isEqualTo(address(MINER).toString());
      assertThat(vin.get("scriptsig").asText())
          .isEqualTo(HEX.formatHex(pay.inputs().get(0).scriptSig().bytes()));
      assertThat(vin.get("scriptsig_asm").asText()).startsWith("OP_PUSHBYTES_");
      JsonNode out0 = tx.get("vout").get(0);
      assertThat(out0.get("scriptpubkey_type").asText()).isEqualTo("p2pkh");
      assertThat(out0.get("scriptpubkey_asm").asText())
          .isEqualTo(
              "OP_DUP OP_HASH160 OP_PUSHBYTES_20 "
                  + HEX.formatHex(address(ALICE).pubKeyHash())
                  + " OP_EQUALVERIFY OP_CHECKSIG");
      assertThat(out0.get("value").asLong()).isEqualTo(300_000_000L);
      assertThat(tx.get("fee").asLong()).isEqualTo(5_000);
      JsonNode status = tx.get("status");
      assertThat(status.get("confirmed").asBoolean()).isTrue();
      assertThat(status.get("block_height").asInt()).isEqualTo(1);
      assertThat(status.get("block_hash").asText()).isEqualTo(block.hash().toString());
      assertThat(status.get("block_time").asLong()).isEqualTo(block.header().time());
      assertThat(json(n, "/api/tx/" + pay.txid() + "/status")).isEqualTo(status);

      assertThat(text(n, "/api/tx/" + pay.txid() + "/hex"))
          .isEqualTo(HEX.formatHex(pay.serialize()));
      assertThat(get(n, "/api/tx/" + pay.txid() + "/raw").body()).isEqualTo(pay.serialize());

      int aliceVout = onward.inputs().get(0).previous().index() == 0 ? 0 : 1;
      JsonNode spend = json(n, "/api/tx/" + pay.txid() + "/outspend/" + aliceVout);
      assertThat(spend.get("spent").asBoolean()).isTrue();
      assertThat(spend.get("txid").asText()).isEqualTo(onward.txid().toString());
      assertThat(spend.get("vin").asInt()).isZero();
      assertThat(spend.get("status").get("block_height").asInt()).isEqualTo(2);
      JsonNode spends = json(n, "/api/tx/" + pay.txid() + "/outspends");
      assertThat(spends.size()).isEqualTo(pay.outputs().size());
      assertThat(spends.get(1 - aliceVout).get("spent").asBoolean()).isFalse();
      assertThat(spends.get(1 - aliceVout).has("txid")).isFalse();
    }
  }

  @Test
  void anAddressAndItsScriptHashGiveTheSameAnswersAndPageAsEsplora() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder b = n.chain;
      List<Sha256Hash> payments = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Transaction pay = b.pay(MINER, ALICE, Amount.coins(1), Amount.ZERO);
        b.mineOnTip(pay);
        payments.add(pay.txid());
      }
      String alice = address(ALICE).toString();
      String sh = scriptHash(TxOut.to(address(ALICE), Amount.ZERO));

      JsonNode stats = json(n, "/api/address/" + alice);
      assertThat(stats.get("address").asText()).isEqualTo(alice);
      JsonNode chain = stats.get("chain_stats");
      assertThat(chain.get("funded_txo_count").asInt()).isEqualTo(30);
      assertThat(chain.get("funded_txo_sum").asLong()).isEqualTo(30 * 100_000_000L);
      assertThat(chain.get("spent_txo_count").asInt()).isZero();
      assertThat(chain.get("tx_count").asInt()).isEqualTo(30);
      assertThat(stats.get("mempool_stats").get("tx_count").asInt()).isZero();
      JsonNode byHash = json(n, "/api/scripthash/" + sh);
      assertThat(byHash.get("scripthash").asText()).isEqualTo(sh);
      assertThat(byHash.get("chain_stats")).isEqualTo(chain);

      // Esplora's paging: 25 newest, then the rest after the last one seen
      JsonNode page1 = json(n, "/api/address/" + alice + "/txs/chain");
      assertThat(page1.size()).isEqualTo(25);
      assertThat(page1.get(0).get("txid").asText()).isEqualTo(payments.get(29).toString());
      String last = page1.get(24).get("txid").asText();
      JsonNode page2 = json(n, "/api/address/" + alice + "/txs/chain/" + last);
      assertThat(page2.size()).isEqualTo(5);
      Set<String> seen = new HashSet<>();
      page1.forEach(t -> seen.add(t.get("txid").asText()));
      page2.forEach(t -> seen.add(t.get("txid").asText()));
      assertThat(seen).hasSize(30);
      assertThat(page2.get(4).get("txid").asText()).isEqualTo(payments.get(0).toString());
      assertThat(json(n, "/api/scripthash/" + sh + "/txs/chain/" + last)).isEqualTo(page2);
      assertThat(json(n, "/api/address/" + alice + "/txs")).isEqualTo(page1);
      assertThat(json(n, "/api/address/" + alice + "/txs/mempool").size()).isZero();

      JsonNode utxo = json(n, "/api/address/" + alice + "/utxo");
      assertThat(utxo.size()).isEqualTo(30);
      long sum = 0;
      for (JsonNode u : utxo) {
        sum += u.get("value").asLong();
        assertThat(u.get("status").get("confirmed").asBoolean()).isTrue();
      }
      assertThat(sum).isEqualTo(b.balance(ALICE).units());
      JsonNode utxoByHash = json(n, "/api/scripthash/" + sh + "/utxo");
      assertThat(new HashSet<>(toList(utxoByHash))).isEqualTo(new HashSet<>(toList(utxo)));
    }
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l;
  }
}
