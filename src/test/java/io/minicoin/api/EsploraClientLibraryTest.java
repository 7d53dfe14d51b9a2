package io.minicoin.api;

import static io.minicoin.api.EsploraPoolAndReorgTest.await;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bitcoindevkit.Address;
import org.bitcoindevkit.BlockHash;
import org.bitcoindevkit.EsploraClient;
import org.bitcoindevkit.Network;
import org.bitcoindevkit.Tx;
import org.bitcoindevkit.Txid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bitcoin Dev Kit's Esplora client (bdk-jvm from Maven Central, the Rust {@code esplora-client}
 * crate underneath), used unmodified against our node: it parses our JSON and our raw blocks with
 * its own strict decoders, and a transaction it broadcasts gets mined.
 */
class EsploraClientLibraryTest {
  @TempDir Path dir;

  /** Kotlin's unsigned types give some methods mangled names that Java code must call by name. */
  private static Object call(Object target, String mangledName) throws Exception {
    return target.getClass().getMethod(mangledName).invoke(target);
  }

  @Test
  void bdkReadsBlocksTransactionsAndAddressesAndBroadcastsATransactionThatGetsMined()
      throws Exception {
    ChainBuilder chain = ChainBuilder.onDisk(dir.resolve("blockchain.db"));
    Transaction earlier = chain.pay(MINER, ALICE, Amount.coins(2), Amount.units(700));
    Block withPayment = chain.mineOnTip(earlier);
    chain.mineOnTip();
    try (ApiTestNode n = new ApiTestNode(dir, chain, Optional.of(address(BOB)));
        EsploraClient client = new EsploraClient(n.api.url() + "api", null)) {
      assertThat(call(client, "getHeight-pVg5ArA")).isEqualTo(2);
      assertThat(client.getTipHash().toString()).isEqualTo(chain.tip().hash().toString());

      org.bitcoindevkit.Block block =
          client.getBlockByHash(BlockHash.Companion.fromString(withPayment.hash().toString()));
      assertThat(block.getTxdata()).hasSize(2);
      assertThat(block.getTxdata().get(1).computeTxid().toString())
          .isEqualTo(earlier.txid().toString());

      Txid earlierId = Txid.Companion.fromString(earlier.txid().toString());
      assertThat(client.getTx(earlierId).serialize()).isEqualTo(earlier.serialize());
      Tx info = client.getTxInfo(earlierId);
      assertThat(call(info, "getFee-s-VKNKU")).isEqualTo(700L);
      assertThat(info.getStatus().getConfirmed()).isTrue();
      assertThat(info.getStatus().getBlockHash().toString())
          .isEqualTo(withPayment.hash().toString());

      List<Tx> history =
          client.getAddressTxs(new Address(address(ALICE).toString(), Network.BITCOIN), null);
      assertThat(history).hasSize(1);
      assertThat(history.get(0).getTxid().toString()).isEqualTo(earlier.txid().toString());
      assertThat(client.getFeeEstimates()).isNotEmpty();

      Transaction pay = chain.pay(MINER, ALICE, Amount.coins(1), Amount.units(300));
      client.broadcast(new org.bitcoindevkit.Transaction(pay.serialize()));
      Txid payId = Txid.Companion.fromString(pay.txid().toString());
      await("the node mined the broadcast", () -> client.getTxStatus(payId).getConfirmed());
      assertThat(call(client, "getHeight-pVg5ArA")).isEqualTo(3);
    }
  }
}
