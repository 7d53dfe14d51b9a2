package io.minicoin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.ChainVerification;
import io.minicoin.chain.RejectReason;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ScriptTotals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assertions about chain state: what a refused block leaves behind (nothing), and UTXO exactness.
 */
public final class ChainAssertions {
  private static final List<PrivateKey> PEOPLE =
      List.of(ChainBuilder.MINER, ChainBuilder.ALICE, ChainBuilder.BOB, ChainBuilder.CAROL);

  private ChainAssertions() {}

  /** The whole UTXO set of {@code chain}, in key order. */
  public static List<UnspentOutput> utxoSet(Blockchain chain) {
    List<UnspentOutput> all = new ArrayList<>();
    chain.forEachUnspent(all::add);
    return all;
  }

  /**
   * The UTXO set kept block by block is exactly the one {@code reindexutxo} rebuilds from the
   * blocks.
   */
  public static void assertUtxoSetMatchesReindex(Blockchain chain) {
    List<UnspentOutput> incremental = utxoSet(chain);
    Map<Sha256Hash, ScriptTotals> incrementalTotals = totals(chain);
    // The running totals agree with the UTXO set and the histories they summarize.
    ChainVerification.verify(chain, 1, true);
    chain.reindexUtxo();
    assertThat(utxoSet(chain)).containsExactlyElementsOf(incremental);
    assertThat(totals(chain)).isEqualTo(incrementalTotals);
  }

  /**
   * Every script's running totals, read from the chain file (the test package may look below the
   * chain's own API).
   */
  public static Map<Sha256Hash, ScriptTotals> totals(Blockchain chain) {
    Map<Sha256Hash, ScriptTotals> all = new LinkedHashMap<>();
    new TransactionIndex(chain).forEachTotals(all::put);
    return all;
  }

  /**
   * Offers {@code block}, expects {@code reason}, and checks that the tip, balances and UTXO set
   * did not move.
   */
  public static VerificationException assertRefused(
      ChainBuilder b, Block block, RejectReason reason) {
    BlockIndexEntry tip = b.tip();
    List<Amount> balances = PEOPLE.stream().map(b::balance).toList();
    List<UnspentOutput> utxo = b.utxoSet();
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> b.chain().accept(block));
    assertThat(e)
        .as("block %s should have been refused as %s", block.hash(), reason.code())
        .isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith(reason.code() + ": ");
    assertThat(b.tip()).isEqualTo(tip);
    assertThat(PEOPLE.stream().map(b::balance).toList()).isEqualTo(balances);
    assertThat(b.utxoSet()).isEqualTo(utxo);
    return e;
  }
}
