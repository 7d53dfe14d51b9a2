package io.minicoin.api;

import static io.minicoin.api.EsploraRestTest.get;
import static io.minicoin.api.EsploraRestTest.json;
import static io.minicoin.api.EsploraRestTest.post;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
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
 * The explorer's paths for big things, on a real node: an address's unspent outputs a page at a
 * time ({@code /explorer/utxo}), and the Merkle branch of a block too wide to draw ({@code
 * /explorer/merkle}).
 */
class ExplorerPagingTest {
  static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;

  @Test
  void pagesOfUnspentOutputsAddUpToEsplorasWholeListAndThePoolListsItsNewest() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder chain = n.chain;
      chain.extend(chain.tip(), 230);
      // Three pool payments: each spends a confirmed coin of the miner (which leaves the list)
      // and gives change back (which joins it, unconfirmed, at the front).
      List<UnspentOutput> coins = chain.chain().unspentOf(address(MINER));
      List<String> sent = new ArrayList<>();
      for (UnspentOutput c : coins.subList(0, 3)) {
        Transaction pay =
            ChainBuilder.signed(
                MINER,
                List.of(c),
                List.of(
                    TxOut.to(address(BOB), Amount.coins(1)),
                    TxOut.to(address(MINER), c.value().minus(Amount.coins(2)))));
        assertThat(post(n, "/api/tx", HEX.formatHex(pay.serialize())).statusCode()).isEqualTo(200);
        sent.add(pay.txid().toString());
      }
      // The pool page's list: newest first, with each transaction's fee, size and value.
      JsonNode pool = json(n, "/explorer/pool");
      assertThat(pool).hasSize(3);
      assertThat(pool.get(0).get("txid").asText()).isEqualTo(sent.get(2));
      assertThat(pool.get(2).get("txid").asText()).isEqualTo(sent.get(0));
      for (JsonNode t : pool) {
        assertThat(t.get("fee").asLong()).isEqualTo(Amount.coins(1).units());
        assertThat(t.get("vsize").asInt()).isBetween(200, 260);
      }
      String miner = address(MINER).toString();
      JsonNode whole = json(n, "/api/address/" + miner + "/utxo");
      assertThat(whole.size()).isEqualTo(231); // 231 coinbases, 3 spent, 3 changes

      List<String> paged = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      String next = null;
      int lastHeight = Integer.MAX_VALUE;
      do {
        JsonNode page = json(n, "/explorer/utxo/" + miner + (next == null ? "" : "?after=" + next));
        pageSizes.add(page.get("utxos").size());
        for (JsonNode u : page.get("utxos")) {
          paged.add(u.get("txid").asText() + ":" + u.get("vout").asInt());
          if (u.get("status").get("confirmed").asBoolean()) {
            int h = u.get("status").get("block_height").asInt();
            assertThat(h).as("newest first").isLessThanOrEqualTo(lastHeight);
            lastHeight = h;
          } else {
            assertThat(lastHeight).as("the pool's coins come first").isEqualTo(Integer.MAX_VALUE);
          }
        }
        next = page.get("next").isNull() ? null : page.get("next").asText();
      } while (next != null);
      assertThat(pageSizes.get(0)).isEqualTo(ExplorerCoins.PAGE);
      assertThat(pageSizes).allMatch(s -> s <= ExplorerCoins.PAGE);
      Set<String> all = new HashSet<>();
      whole.forEach(u -> all.add(u.get("txid").asText() + ":" + u.get("vout").asInt()));
      assertThat(paged).doesNotHaveDuplicates().hasSize(all.size());
      assertThat(new HashSet<>(paged)).isEqualTo(all);

      assertThat(get(n, "/explorer/utxo/" + miner + "?after=zz").statusCode()).isEqualTo(400);
      assertThat(get(n, "/explorer/utxo/" + miner + "?after=p-1").statusCode()).isEqualTo(400);
      assertThat(get(n, "/explorer/utxo/not-an-address").statusCode()).isEqualTo(400);
      JsonNode unknown = json(n, "/explorer/utxo/" + miner + "?after=" + "ab".repeat(32));
      assertThat(unknown.get("utxos").size()).isZero();
      assertThat(unknown.get("next").isNull()).isTrue();
    }
  }

  @Test
  void aPaymentJoiningThePoolBetweenTwoPagesNeitherRepeatsNorSkipsAPoolCoin() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder chain = n.chain;
      chain.extend(chain.tip(), 105);
      List<UnspentOutput> coins = chain.chain().unspentOf(address(MINER));
      // One pool payment with 150 outputs to the miner: more than a page of pool coins.
      int outputs = 150;
      Amount each = Amount.units(coins.get(0).value().units() / (outputs + 1));
      List<TxOut> outs = new ArrayList<>();
      for (int i = 0; i < outputs; i++) {
        outs.add(TxOut.to(address(MINER), each));
      }
      Transaction big = ChainBuilder.signed(MINER, List.of(coins.get(0)), outs);
      assertThat(post(n, "/api/tx", HEX.formatHex(big.serialize())).statusCode()).isEqualTo(200);
      String miner = address(MINER).toString();
      JsonNode first = json(n, "/explorer/utxo/" + miner);
      assertThat(first.get("utxos")).hasSize(ExplorerCoins.PAGE);
      // Between the two pages a new payment joins the pool, in front of the big one.
      Transaction change =
          ChainBuilder.signed(
              MINER,
              List.of(coins.get(1)),
              List.of(TxOut.to(address(MINER), coins.get(1).value().minus(Amount.coins(1)))));
      assertThat(post(n, "/api/tx", HEX.formatHex(change.serialize())).statusCode()).isEqualTo(200);
      JsonNode second = json(n, "/explorer/utxo/" + miner + "?after=" + first.get("next").asText());
      List<String> shown = new ArrayList<>();
      for (JsonNode page : List.of(first, second)) {
        page.get("utxos").forEach(u -> shown.add(u.get("txid").asText() + ":" + u.get("vout")));
      }
      assertThat(shown).doesNotHaveDuplicates();
      for (int i = 0; i < outputs; i++) {
        assertThat(shown).contains(big.txid() + ":" + i);
      }
      assertThat(get(n, "/explorer/utxo/" + miner + "?after=p" + big.txid() + ":x").statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void aBlockTooWideToDrawGetsTheMerkleBranchOfATransaction() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      ChainBuilder chain = n.chain;
      chain.extend(chain.tip(), 100);
      List<Transaction> txs = new ArrayList<>();
      for (UnspentOutput c : chain.chain().unspentOf(address(MINER)).subList(0, 100)) {
        txs.add(
            ChainBuilder.signed(MINER, List.of(c), List.of(TxOut.to(address(ALICE), c.value()))));
      }
      Block block = chain.mineOnTip(txs.toArray(Transaction[]::new)); // 101 with the coinbase
      String hash = block.hash().toString();
      String root = block.header().merkleRoot().toString();

      JsonNode tree = json(n, "/explorer/merkle/" + hash);
      assertThat(tree.get("transactions").asInt()).isEqualTo(101);
      assertThat(toInts(tree.get("widths"))).containsExactly(101, 51, 26, 13, 7, 4, 2, 1);
      assertThat(tree.get("levels").size()).as("levels of 64 or fewer").isEqualTo(7);
      assertThat(tree.get("levels").get(6).get(0).asText()).isEqualTo(root);
      // Without a choice, the coinbase's branch; each checked here with the JDK's SHA-256.
      assertThat(tree.get("branch").get("index").asInt()).isZero();
      assertThat(rootFrom(tree.get("branch"))).isEqualTo(root);

      // The last transaction is the odd one out at the bottom: paired with itself.
      JsonNode last = json(n, "/explorer/merkle/" + hash + "?tx=100").get("branch");
      assertThat(last.get("txid").asText()).isEqualTo(block.txids().get(100).toString());
      assertThat(last.get("steps").get(0).get("side").asText()).isEqualTo("self");
      assertThat(last.get("steps")).hasSize(7);
      assertThat(rootFrom(last)).isEqualTo(root);
      String txid = block.txids().get(37).toString();
      JsonNode byId = json(n, "/explorer/merkle/" + hash + "?tx=" + txid).get("branch");
      assertThat(byId.get("index").asInt()).isEqualTo(37);
      assertThat(byId.get("steps").get(0).get("side").asText()).isEqualTo("left");
      assertThat(rootFrom(byId)).isEqualTo(root);

      assertThat(get(n, "/explorer/merkle/" + hash + "?tx=101").statusCode()).isEqualTo(404);
      assertThat(get(n, "/explorer/merkle/" + hash + "?tx=zz").statusCode()).isEqualTo(400);
      assertThat(get(n, "/explorer/merkle/" + hash + "?tx=" + "00".repeat(32)).statusCode())
          .isEqualTo(404);
      // A block narrow enough to draw whole has no branch unless one is asked for.
      String small = chain.chain().hashAt(1).orElseThrow().toString();
      assertThat(json(n, "/explorer/merkle/" + small).has("branch")).isFalse();
      assertThat(json(n, "/explorer/merkle/" + small + "?tx=0").get("branch").get("steps"))
          .isEmpty();
    }
  }

  private static List<Integer> toInts(JsonNode a) {
    List<Integer> l = new ArrayList<>();
    a.forEach(x -> l.add(x.asInt()));
    return l;
  }

  /** Follows a branch from its txid: each step hashes the pair in the order its side says. */
  private static String rootFrom(JsonNode branch) throws Exception {
    String at = branch.get("txid").asText();
    for (JsonNode s : branch.get("steps")) {
      assertThat(s.get("hash").asText()).isEqualTo(at);
      String sibling = s.get("side").asText().equals("self") ? at : s.get("sibling").asText();
      at = s.get("side").asText().equals("left") ? parent(sibling, at) : parent(at, sibling);
      assertThat(s.get("parent").asText()).isEqualTo(at);
    }
    return at;
  }

  /** Double SHA-256 of left and right, hashes shown (and given) byte-reversed as Bitcoin does. */
  private static String parent(String left, String right) throws Exception {
    byte[] pair = new byte[64];
    System.arraycopy(reversed(HEX.parseHex(left)), 0, pair, 0, 32);
    System.arraycopy(reversed(HEX.parseHex(right)), 0, pair, 32, 32);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    return HEX.formatHex(reversed(sha.digest(sha.digest(pair))));
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
