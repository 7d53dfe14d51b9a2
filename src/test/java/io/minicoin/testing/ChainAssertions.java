package io.minicoin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minicoin.chain.RejectReason;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.store.BlockIndexEntry;
import java.util.List;

/** Assertions about what a refused block leaves behind: nothing. */
public final class ChainAssertions {
  private static final List<PrivateKey> PEOPLE =
      List.of(ChainBuilder.MINER, ChainBuilder.ALICE, ChainBuilder.BOB, ChainBuilder.CAROL);

  private ChainAssertions() {}

  /** Offers {@code block}, expects {@code reason}, and checks that the tip, balances and UTXO set did not move. */
  public static VerificationException assertRefused(ChainBuilder b, Block block, RejectReason reason) {
    BlockIndexEntry tip = b.tip();
    List<Amount> balances = PEOPLE.stream().map(b::balance).toList();
    List<UnspentOutput> utxo = b.utxoSet();
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> b.chain().accept(block));
    assertThat(e).as("block %s should have been refused as %s", block.hash(), reason.code()).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith(reason.code() + ": ");
    assertThat(b.tip()).isEqualTo(tip);
    assertThat(PEOPLE.stream().map(b::balance).toList()).isEqualTo(balances);
    assertThat(b.utxoSet()).isEqualTo(utxo);
    return e;
  }
}
