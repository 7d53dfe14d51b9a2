package io.minicoin.wallet;

import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.chain.TransactionRules;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionBuilderTest {
  @TempDir Path dir;
  ChainBuilder b;

  @BeforeEach
  void minerOwnsTwoCoinbases() {
    b = ChainBuilder.onDisk(dir.resolve("chain.db"));
    b.mineOnTip();
  }

  @AfterEach
  void close() {
    b.close();
  }

  private Transaction minerPays(Amount amount, Amount fee) {
    return TransactionBuilder.pay(
        MINER, b.chain().unspentOf(address(MINER)), address(ALICE), amount, fee);
  }

  @Test
  void theChangeGoesBackToTheSender() {
    Transaction tx = minerPays(Amount.coins(3), Amount.units(50_000_000));
    assertThat(tx.inputs()).hasSize(1);
    assertThat(tx.outputs())
        .containsExactly(
            TxOut.to(address(ALICE), Amount.coins(3)),
            TxOut.to(address(MINER), Amount.units(650_000_000)));
  }

  @Test
  void anExactAmountHasNoChangeOutput() {
    assertThat(minerPays(Amount.coins(10), Amount.ZERO).outputs())
        .containsExactly(TxOut.to(address(ALICE), Amount.coins(10)));
  }

  @Test
  void moreThanOneCoinIsSpentWhenOneIsNotEnough() {
    Transaction tx = minerPays(Amount.coins(15), Amount.coins(1));
    assertThat(tx.inputs()).hasSize(2);
    assertThat(tx.outputs())
        .containsExactly(
            TxOut.to(address(ALICE), Amount.coins(15)), TxOut.to(address(MINER), Amount.coins(4)));
  }

  @Test
  void theSignedTransactionPassesTheInputChecksAndPaysTheFee() throws VerificationException {
    Transaction tx = minerPays(Amount.coins(15), Amount.units(12_345));
    TransactionRules.checkSanity(tx);
    assertThat(TransactionRules.checkInputs(tx, b.chain()::unspent))
        .isEqualTo(Amount.units(12_345));
    b.mineOnTip(tx);
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(15));
  }

  @Test
  void anAmountPlusFeeAboveTheBalanceIsNotEnoughFunds() {
    assertThatThrownBy(() -> minerPays(Amount.coins(20), Amount.units(1)))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("not enough funds")
        .hasMessageContaining(address(MINER) + " has 20");
  }

  @Test
  void someoneWithoutCoinsCannotPay() {
    assertThatThrownBy(
            () ->
                TransactionBuilder.pay(
                    ALICE,
                    b.chain().unspentOf(address(ALICE)),
                    address(MINER),
                    Amount.coins(1),
                    Amount.ZERO))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("has 0");
  }
}
