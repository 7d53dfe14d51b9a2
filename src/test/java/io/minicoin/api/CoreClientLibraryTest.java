package io.minicoin.api;

import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.testing.ChainBuilder;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wf.bitcoin.javabitcoindrpcclient.BitcoinJSONRPCClient;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient;

/**
 * A client library written for Bitcoin Core (JavaBitcoindRpcClient, from Maven Central, used as its
 * README shows) against a mining node: it reads blocks and transactions, submits one that gets
 * mined, and uses the wallet. The library parses Core's JSON shapes into its own types, so a field
 * named or shaped differently from Core's fails here.
 */
class CoreClientLibraryTest {
  @TempDir Path dir;

  @Test
  void coresJavaClientReadsSubmitsAndSeesItMined() throws Exception {
    ChainBuilder chain = ChainBuilder.onDisk(dir.resolve("blockchain.db"));
    try (ApiTestNode n = new ApiTestNode(dir, chain, Optional.of(address(BOB)))) {
      String cookie = Files.readString(n.cookie).strip();
      BitcoindRpcClient client =
          new BitcoinJSONRPCClient(
              new URL(
                  "http://"
                      + cookie
                      + "@"
                      + n.api.address().getAddress().getHostAddress()
                      + ":"
                      + n.api.address().getPort()
                      + "/"));

      assertThat(client.getBlockCount()).isZero();
      String genesis = client.getBlockHash(0);
      assertThat(client.getBestBlockHash()).isEqualTo(genesis);
      BitcoindRpcClient.Block block = client.getBlock(genesis);
      assertThat(block.height()).isZero();
      assertThat(block.tx()).hasSize(1);
      assertThat(client.getBlockChainInfo().blocks()).isZero();
      BitcoindRpcClient.RawTransaction coinbase = client.getRawTransaction(block.tx().get(0));
      assertThat(coinbase.blockHash()).isEqualTo(genesis);

      Transaction pay = chain.pay(MINER, ALICE, Amount.coins(4), Amount.coins(1));
      String txid = client.sendRawTransaction(HexFormat.of().formatHex(pay.serialize()));
      assertThat(txid).isEqualTo(pay.txid().toString());
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (client.getBlockCount() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20); // the node's miner takes the pool's transaction into a block
      }
      BitcoindRpcClient.RawTransaction mined = client.getRawTransaction(txid);
      assertThat(mined.confirmations()).isEqualTo(1);
      assertThat(mined.blockHash()).isEqualTo(client.getBestBlockHash());
      assertThat(client.getBlock(mined.blockHash()).tx()).contains(txid);
      assertThat(mined.vOut().get(0).value()).isEqualByComparingTo(new BigDecimal("4"));

      client.importPrivKey(ALICE.toWif());
      assertThat(client.getBalance()).isEqualByComparingTo(new BigDecimal("4"));
      assertThat(client.listUnspent()).hasSize(1);
      String to = client.getNewAddress();
      String sent = client.sendToAddress(to, new BigDecimal("1.5"));
      // In the pool, or already in the miner's next block: either way the node knows it.
      assertThat(client.getRawTransaction(sent).vOut().get(0).value())
          .isEqualByComparingTo(new BigDecimal("1.5"));
    }
  }
}
