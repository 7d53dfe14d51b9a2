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
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.testing.ChainBuilder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON-RPC method over real HTTP against a real node, checked against what the chain itself
 * holds (blocks built and mined here, read back through Core's method names).
 */
class JsonRpcMethodsTest {
  private static final HexFormat HEX = HexFormat.of();
  @TempDir Path dir;
  ApiTestNode n;
  ChainBuilder c;
  Transaction paid; // MINER -> ALICE 3 coins, fee 1, mined at height 2

  @BeforeEach
  void start() throws Exception {
    n = new ApiTestNode(dir);
    c = n.chain;
    c.accept(c.nextBlock());
    paid = c.pay(MINER, ALICE, Amount.coins(3), Amount.coins(1));
    c.accept(c.nextBlock(paid));
    c.accept(c.nextBlock());
  }

  @AfterEach
  void stop() {
    n.close();
  }

  private Block blockAt(int height) throws Exception {
    Sha256Hash h = Sha256Hash.fromHex(n.result("getblockhash", height).textValue());
    return c.chain().block(h).orElseThrow();
  }

  @Test
  void chainStateMatchesTheStore() throws Exception {
    BlockIndexEntry tip = c.tip();
    assertThat(n.result("getblockcount").intValue()).isEqualTo(3);
    assertThat(n.result("getbestblockhash").textValue()).isEqualTo(tip.hash().toString());
    JsonNode info = n.result("getblockchaininfo");
    assertThat(info.get("blocks").intValue()).isEqualTo(3);
    assertThat(info.get("bestblockhash").textValue()).isEqualTo(tip.hash().toString());
    assertThat(info.get("chainwork").textValue())
        .isEqualTo(String.format("%064x", tip.chainWork()));
    assertThat(info.get("initialblockdownload").booleanValue()).isFalse();
    assertThat(n.result("getblockhash", 0).textValue())
        .isEqualTo(c.chain().genesisHash().toString());
    assertThat(n.result("getdifficulty").doubleValue())
        .isEqualTo(RpcViews.difficulty(ChainBuilder.BITS));
    JsonNode mining = n.result("getmininginfo");
    assertThat(mining.get("blocks").intValue()).isEqualTo(3);
    assertThat(mining.get("pooledtx").intValue()).isZero();
  }

  @Test
  void coresDifficultyFormulaGivesOneForBitcoinsEasiestTarget() {
    assertThat(RpcViews.difficulty(0x1d00ffff)).isEqualTo(1.0);
    // Block 100,000's bits and difficulty as Bitcoin Core reports them.
    assertThat(RpcViews.difficulty(0x1b04864c)).isCloseTo(14484.1623612254, within(1e-6));
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void blockHashErrorsUseCoresCodes() throws Exception {
    assertThat(n.error("getblockhash", 4).get("code").intValue()).isEqualTo(-8);
    assertThat(n.error("getblockhash", -1).get("message").textValue())
        .isEqualTo("Block height out of range");
    assertThat(n.error("getblockhash", "1").get("code").intValue()).isEqualTo(-3);
    assertThat(n.error("getblockhash", 1.5).get("code").intValue()).isEqualTo(-3);
    assertThat(n.error("getblockhash").get("code").intValue()).isEqualTo(-1);
    assertThat(n.error("getblockheader", "abc").get("message").textValue())
        .isEqualTo("blockhash must be of length 64 (not 3, for 'abc')");
    assertThat(n.error("getblockheader", "0".repeat(64)).get("code").intValue()).isEqualTo(-5);
    assertThat(n.error("getblock", "zz".repeat(32)).get("code").intValue()).isEqualTo(-8);
  }

  @Test
  void headersAndBlocksInEveryVerbosity() throws Exception {
    Block b = blockAt(2);
    String hash = b.hash().toString();
    assertThat(n.result("getblockheader", hash, false).textValue())
        .isEqualTo(HEX.formatHex(b.header().serialize()));
    assertThat(n.result("getblockheader", hash, 0).textValue())
        .isEqualTo(HEX.formatHex(b.header().serialize()));
    JsonNode h = n.result("getblockheader", hash);
    assertThat(h.get("height").intValue()).isEqualTo(2);
    assertThat(h.get("confirmations").intValue()).isEqualTo(2);
    assertThat(h.get("previousblockhash").textValue()).isEqualTo(blockAt(1).hash().toString());
    assertThat(h.get("nextblockhash").textValue()).isEqualTo(blockAt(3).hash().toString());
    assertThat(h.get("merkleroot").textValue()).isEqualTo(b.header().merkleRoot().toString());
    assertThat(h.get("nTx").intValue()).isEqualTo(2);
    assertThat(h.get("bits").textValue()).isEqualTo(String.format("%08x", ChainBuilder.BITS));

    assertThat(n.result("getblock", hash, 0).textValue()).isEqualTo(HEX.formatHex(b.serialize()));
    assertThat(n.result("getblock", hash, false).textValue())
        .isEqualTo(HEX.formatHex(b.serialize()));
    JsonNode v1 = n.result("getblock", hash);
    List<String> txids = new ArrayList<>();
    v1.get("tx").forEach(t -> txids.add(t.textValue()));
    assertThat(txids)
        .containsExactly(b.txids().stream().map(Sha256Hash::toString).toArray(String[]::new));
    assertThat(v1.get("size").intValue()).isEqualTo(b.serialize().length);
    JsonNode v2 = n.result("getblock", hash, 2);
    JsonNode t = v2.get("tx").get(1);
    assertThat(t.get("txid").textValue()).isEqualTo(paid.txid().toString());
    assertThat(t.get("fee").decimalValue()).isEqualByComparingTo(new BigDecimal("1"));
    assertThat(t.get("hex").textValue()).isEqualTo(HEX.formatHex(paid.serialize()));
    assertThat(t.get("vout").get(0).get("value").toString()).isEqualTo("3.00000000");
    assertThat(t.get("vout").get(0).get("scriptPubKey").get("address").textValue())
        .isEqualTo(address(ALICE).toString());
    assertThat(t.get("vout").get(0).get("scriptPubKey").get("asm").textValue())
        .isEqualTo(
            "OP_DUP OP_HASH160 "
                + HEX.formatHex(address(ALICE).pubKeyHash())
                + " OP_EQUALVERIFY OP_CHECKSIG");
    assertThat(t.get("vin").get(0).get("scriptSig").get("asm").textValue())
        .endsWith("[ALL] " + HEX.formatHex(MINER.publicKey().bytes()));
    assertThat(
            v2.get("tx").get(0).has("coinbase")
                || v2.get("tx").get(0).get("vin").get(0).has("coinbase"))
        .isTrue();
  }

  @Test
  void aSideBranchShowsInChainTipsWithMinusOneConfirmations() throws Exception {
    BlockIndexEntry fork = c.entry(blockAt(2).hash()).orElseThrow();
    Block side = c.blockOn(fork);
    c.accept(side);
    JsonNode tips = n.result("getchaintips");
    assertThat(tips).hasSize(2);
    assertThat(tips.get(0).get("status").textValue()).isEqualTo("active");
    assertThat(tips.get(0).get("height").intValue()).isEqualTo(3);
    assertThat(tips.get(0).get("branchlen").intValue()).isZero();
    assertThat(tips.get(1).get("hash").textValue()).isEqualTo(side.hash().toString());
    assertThat(tips.get(1).get("branchlen").intValue()).isEqualTo(1);
    assertThat(tips.get(1).get("status").textValue()).isIn("valid-fork", "valid-headers");
    assertThat(n.result("getblockheader", side.hash().toString()).get("confirmations").intValue())
        .isEqualTo(-1);
  }

  @Test
  void transactionsAreFoundOnTheChainAndInThePool() throws Exception {
    JsonNode confirmed = n.result("getrawtransaction", paid.txid().toString(), true);
    assertThat(confirmed.get("blockhash").textValue()).isEqualTo(blockAt(2).hash().toString());
    assertThat(confirmed.get("confirmations").intValue()).isEqualTo(2);
    assertThat(confirmed.get("hex").textValue()).isEqualTo(HEX.formatHex(paid.serialize()));
    assertThat(n.result("getrawtransaction", paid.txid().toString()).textValue())
        .isEqualTo(HEX.formatHex(paid.serialize()));
    assertThat(n.error("getrawtransaction", "11".repeat(32)).get("code").intValue()).isEqualTo(-5);

    Transaction next = c.pay(ALICE, BOB, Amount.coins(1), Amount.units(500));
    String hex = HEX.formatHex(next.serialize());
    JsonNode tested = n.result("testmempoolaccept", List.of(hex)).get(0);
    assertThat(tested.get("allowed").booleanValue()).isTrue();
    assertThat(tested.get("fees").get("base").toString()).isEqualTo("0.00000500");
    assertThat(n.result("getrawmempool")).isEmpty(); // testing adds nothing

    assertThat(n.result("sendrawtransaction", hex).textValue()).isEqualTo(next.txid().toString());
    assertThat(n.result("sendrawtransaction", hex).textValue()).isEqualTo(next.txid().toString());
    assertThat(n.result("getrawmempool").get(0).textValue()).isEqualTo(next.txid().toString());
    JsonNode verbosePool = n.result("getrawmempool", true);
    assertThat(verbosePool.get(next.txid().toString()).get("fees").get("base").toString())
        .isEqualTo("0.00000500");
    JsonNode entry = n.result("getmempoolentry", next.txid().toString());
    assertThat(entry.get("vsize").intValue()).isEqualTo(next.size());
    assertThat(n.result("getmempoolinfo").get("size").intValue()).isEqualTo(1);
    assertThat(n.result("getmempoolinfo").get("bytes").intValue()).isEqualTo(next.size());
    assertThat(n.result("getrawtransaction", next.txid().toString(), 1).has("blockhash")).isFalse();
    assertThat(n.error("getmempoolentry", paid.txid().toString()).get("code").intValue())
        .isEqualTo(-5);

    // The output it spends is now spent in the pool; its own outputs are there unconfirmed.
    OutPoint spent = next.inputs().get(0).previous();
    assertThat(n.result("gettxout", spent.txid().toString(), spent.index()).isNull()).isTrue();
    assertThat(
            n.result("gettxout", spent.txid().toString(), spent.index(), false)
                .get("value")
                .toString())
        .isEqualTo("3.00000000");
    JsonNode unconfirmed = n.result("gettxout", next.txid().toString(), 0);
    assertThat(unconfirmed.get("confirmations").intValue()).isZero();
    assertThat(unconfirmed.get("value").toString()).isEqualTo("1.00000000");

    // A second spend of the same coin conflicts; spending nothing is missing inputs.
    Transaction conflict = c.pay(ALICE, ALICE, Amount.coins(2), Amount.ZERO);
    JsonNode e = n.error("sendrawtransaction", HEX.formatHex(conflict.serialize()));
    assertThat(e.get("code").intValue()).isEqualTo(-26);
    assertThat(e.get("message").textValue()).startsWith("txn-mempool-conflict");
    JsonNode refused =
        n.result("testmempoolaccept", List.of(HEX.formatHex(conflict.serialize()))).get(0);
    assertThat(refused.get("allowed").booleanValue()).isFalse();
    assertThat(refused.get("reject-reason").textValue()).isEqualTo("txn-mempool-conflict");
    Transaction orphan =
        ChainBuilder.signed(
            ALICE,
            List.of(
                new io.minicoin.core.UnspentOutput(
                    new OutPoint(Sha256Hash.of(new byte[] {1}), 0),
                    TxOut.to(address(ALICE), Amount.coins(1)),
                    1,
                    false)),
            List.of(TxOut.to(address(BOB), Amount.coins(1))));
    assertThat(
            n.error("sendrawtransaction", HEX.formatHex(orphan.serialize())).get("code").intValue())
        .isEqualTo(-25);
    assertThat(
            n.error("sendrawtransaction", HEX.formatHex(paid.serialize())).get("code").intValue())
        .isEqualTo(-27);
    assertThat(n.error("sendrawtransaction", "00ff").get("code").intValue()).isEqualTo(-22);
    assertThat(n.error("decoderawtransaction", "nothex").get("message").textValue())
        .isEqualTo("TX decode failed");
  }

  @Test
  void decodeShowsCoresFields() throws Exception {
    JsonNode d = n.result("decoderawtransaction", HEX.formatHex(paid.serialize()));
    assertThat(d.get("txid").textValue()).isEqualTo(paid.txid().toString());
    assertThat(d.get("hash").textValue()).isEqualTo(paid.txid().toString());
    assertThat(d.get("size").intValue()).isEqualTo(paid.size());
    assertThat(d.get("version").intValue()).isEqualTo(paid.version());
    assertThat(d.get("locktime").longValue()).isEqualTo(paid.lockTime());
    assertThat(d.get("vin").get(0).get("txid").textValue())
        .isEqualTo(paid.inputs().get(0).previous().txid().toString());
    assertThat(d.get("vin").get(0).get("sequence").longValue()).isEqualTo(0xffffffffL);
    assertThat(d.get("vout")).hasSize(paid.outputs().size());
    assertThat(d.get("vout").get(0).get("scriptPubKey").get("type").textValue())
        .isEqualTo("pubkeyhash");
  }

  @Test
  void aConnectedPeerShowsInGetPeerInfo() throws Exception {
    int port = io.minicoin.testing.Ports.free();
    ChainBuilder other = ChainBuilder.onDisk(dir.resolve("other.db"));
    try (io.minicoin.net.Node peer =
        new io.minicoin.net.Node(
            io.minicoin.net.NodeConfig.of(
                port,
                new io.minicoin.net.HostPort("localhost", n.port),
                java.util.Optional.empty()),
            other.chain())) {
      peer.start();
      JsonNode peers = n.result("getpeerinfo");
      long deadline = System.nanoTime() + 60_000_000_000L;
      while ((peers.isEmpty() || peers.get(0).get("version").intValue() == 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20); // the handshake runs on the nodes' own threads
        peers = n.result("getpeerinfo");
      }
      assertThat(peers).hasSize(1);
      JsonNode p = peers.get(0);
      assertThat(p.get("inbound").booleanValue()).isTrue();
      assertThat(p.get("subver").textValue()).isEqualTo(io.minicoin.net.Node.USER_AGENT);
      assertThat(p.get("version").intValue()).isEqualTo(io.minicoin.net.Node.PROTOCOL_VERSION);
      assertThat(p.get("bytesrecv").longValue()).isPositive();
      assertThat(p.get("conntime").longValue()).isPositive();
      assertThat(n.result("getconnectioncount").intValue()).isEqualTo(1);
    }
  }

  @Test
  void networkAndUtilityMethods() throws Exception {
    assertThat(n.result("getconnectioncount").intValue()).isZero();
    assertThat(n.result("getpeerinfo")).isEmpty();
    JsonNode net = n.result("getnetworkinfo");
    assertThat(net.get("subversion").textValue()).isEqualTo("/minicoin:0.1.0/");
    assertThat(net.get("protocolversion").intValue())
        .isEqualTo(io.minicoin.net.Node.PROTOCOL_VERSION);
    JsonNode ok = n.result("validateaddress", address(BOB).toString());
    assertThat(ok.get("isvalid").booleanValue()).isTrue();
    assertThat(ok.get("scriptPubKey").textValue())
        .isEqualTo(HEX.formatHex(address(BOB).lockingScript().bytes()));
    assertThat(
            n.result("validateaddress", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")
                .get("isvalid")
                .booleanValue())
        .isFalse();
    assertThat(n.result("uptime").longValue()).isGreaterThanOrEqualTo(0);
    String help = n.result("help").textValue();
    for (String m :
        List.of(
            "getblockchaininfo",
            "getblockcount",
            "getbestblockhash",
            "getblockhash",
            "getblockheader",
            "getblock",
            "getrawtransaction",
            "decoderawtransaction",
            "sendrawtransaction",
            "testmempoolaccept",
            "getrawmempool",
            "getmempoolinfo",
            "getmempoolentry",
            "gettxout",
            "getchaintips",
            "getdifficulty",
            "getpeerinfo",
            "getconnectioncount",
            "getnetworkinfo",
            "getmininginfo",
            "validateaddress",
            "uptime",
            "help",
            "stop",
            "getnewaddress",
            "listunspent",
            "getbalance",
            "sendtoaddress",
            "dumpprivkey",
            "importprivkey")) {
      assertThat(help).as(m).containsPattern("(?m)^" + m + "\\b");
    }
    assertThat(n.result("stop").textValue()).isEqualTo("minicoin stopping");
    assertThat(n.stopRequested.getCount()).isZero();
  }

  @Test
  void theWalletMethodsWorkOnTheWalletFile() throws Exception {
    // Amounts go out as Core prints them: eight decimals, never an exponent.
    assertThat(n.post("{\"id\":1,\"method\":\"getbalance\"}").body())
        .isEqualTo("{\"result\":0.00000000,\"error\":null,\"id\":1}\n");
    assertThat(n.result("importprivkey", MINER.toWif()).isNull()).isTrue();
    assertThat(n.result("getbalance").decimalValue())
        .isEqualByComparingTo(new BigDecimal(c.balance(MINER).units()).movePointLeft(8));
    assertThat(n.result("dumpprivkey", address(MINER).toString()).textValue())
        .isEqualTo(MINER.toWif());
    assertThat(n.error("dumpprivkey", address(BOB).toString()).get("code").intValue())
        .isEqualTo(-4);
    assertThat(n.error("importprivkey", "notakey").get("code").intValue()).isEqualTo(-5);
    JsonNode unspent = n.result("listunspent");
    assertThat(unspent).hasSize(c.chain().unspentOf(address(MINER)).size());
    String fresh = n.result("getnewaddress").textValue();
    assertThat(io.minicoin.wallet.Wallet.load(n.dir.resolve("wallet.dat")).addresses())
        .extracting(Object::toString)
        .contains(fresh, address(MINER).toString());
    String txid = n.result("sendtoaddress", fresh, 2.5).textValue();
    Transaction sent = n.node.mempool().get(Sha256Hash.fromHex(txid)).orElseThrow();
    assertThat(sent.outputs().get(0))
        .isEqualTo(TxOut.to(io.minicoin.core.Address.parse(fresh), Amount.parseCoins("2.5")));
    assertThat(n.error("sendtoaddress", fresh, 1_000_000).get("code").intValue()).isEqualTo(-6);
    assertThat(n.error("sendtoaddress", "nonsense", 1).get("code").intValue()).isEqualTo(-5);
  }
}
