package io.minicoin.chain;

import static io.minicoin.testing.ChainBuilder.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool admits only what the next block could hold, and follows the best chain. */
class MempoolTest {
  ChainBuilder b;
  Mempool pool = new Mempool();

  @BeforeEach
  void chainWithACoinForAlice() {
    b = ChainBuilder.inMemory();
    b.mineOnTip(b.pay(MINER, ALICE, 5));
  }

  @AfterEach
  void close() {
    b.close();
  }

  private static void assertRefused(ThrowingCall call, RejectReason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(reason));
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  /** A pool child: Bob passes on the coins {@code parent} paid him in its first output. */
  private static Transaction bobPaysCarolFrom(Transaction parent, long coins) {
    UnspentOutput bobsCoin =
        new UnspentOutput(new OutPoint(parent.txid(), 0), parent.outputs().get(0), 0, false);
    return signed(BOB, List.of(bobsCoin), List.of(TxOut.to(address(CAROL), Amount.coins(coins))));
  }

  @Test
  void aValidPaymentEntersWithItsFee() throws Exception {
    Transaction tx = b.pay(ALICE, BOB, Amount.coins(1), Amount.units(500));
    assertThat(pool.accept(tx, b.chain())).isEqualTo(Amount.units(500));
    assertThat(pool.contains(tx.txid())).isTrue();
  }

  @Test
  void aTransactionMaySpendTheOutputOfAnotherPoolTransaction() throws Exception {
    Transaction parent = b.pay(ALICE, BOB, 2);
    pool.accept(parent, b.chain());
    Transaction child = bobPaysCarolFrom(parent, 2);
    pool.accept(child, b.chain());
    assertThat(pool.entries()).extracting(Mempool.Entry::tx).containsExactly(parent, child);
  }

  @Test
  void theSameTransactionTwiceIsTxnAlreadyKnown() throws Exception {
    Transaction tx = b.pay(ALICE, BOB, 1);
    pool.accept(tx, b.chain());
    assertRefused(() -> pool.accept(tx, b.chain()), RejectReason.TXN_ALREADY_KNOWN);
  }

  @Test
  void spendingWhatAPoolTransactionSpendsIsTxnMempoolConflict() throws Exception {
    pool.accept(b.pay(ALICE, BOB, 1), b.chain());
    assertRefused(
        () -> pool.accept(b.pay(ALICE, CAROL, 2), b.chain()), RejectReason.TXN_MEMPOOL_CONFLICT);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void spendingAnOutputNobodyHasIsMissingInputs() {
    UnspentOutput ghost =
        new UnspentOutput(
            new OutPoint(io.minicoin.crypto.Sha256Hash.of(new byte[] {7}), 0),
            TxOut.to(address(ALICE), Amount.coins(1)),
            0,
            false);
    Transaction tx =
        signed(ALICE, List.of(ghost), List.of(TxOut.to(address(BOB), Amount.coins(1))));
    assertRefused(() -> pool.accept(tx, b.chain()), RejectReason.MISSING_INPUTS);
  }

  @Test
  void whenAParentIsMinedItsChildStaysInThePool() throws Exception {
    Transaction parent = b.pay(ALICE, BOB, 2);
    pool.accept(parent, b.chain());
    Transaction child = bobPaysCarolFrom(parent, 2);
    pool.accept(child, b.chain());
    io.minicoin.core.Block block = b.mineOnTip(parent);
    pool.update(b.chain(), List.of(), List.of(block));
    assertThat(pool.entries()).extracting(Mempool.Entry::tx).containsExactly(child);
    assertRefused(() -> pool.accept(child, b.chain()), RejectReason.TXN_ALREADY_KNOWN);
  }

  @Test
  void aHighSSignatureIsRefusedForRelayYetValidInABlock() throws Exception {
    Transaction low = b.pay(ALICE, BOB, 1);
    io.minicoin.core.TxIn in = low.inputs().get(0);
    List<byte[]> pushes = in.scriptSig().pushes();
    byte[] der = pushes.get(0);
    io.minicoin.crypto.EcdsaSignature sig =
        io.minicoin.crypto.EcdsaSignature.fromDer(java.util.Arrays.copyOf(der, der.length - 1));
    java.math.BigInteger n =
        new java.math.BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    io.minicoin.crypto.EcdsaSignature flipped =
        new io.minicoin.crypto.EcdsaSignature(sig.r(), n.subtract(sig.s()));
    Transaction high =
        new Transaction(
            List.of(
                new io.minicoin.core.TxIn(
                    in.previous(),
                    io.minicoin.core.Script.spending(
                        withHashType(flipped.toDer()), pushes.get(1)))),
            low.outputs());
    assertThat(high.txid())
        .as("same payment, another txid: the malleability low S prevents")
        .isNotEqualTo(low.txid());
    assertRefused(() -> pool.accept(high, b.chain()), RejectReason.NON_CANONICAL_SIGNATURE);
    b.mineOnTip(high); // consensus still accepts it
    assertThat(b.balance(BOB)).isEqualTo(Amount.coins(1));
  }

  @Test
  void aTransactionAboveTheStandardSizeIsNotRelayed() {
    List<TxOut> many = new java.util.ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      many.add(TxOut.to(address(BOB), Amount.units(1000)));
    }
    UnspentOutput coin = b.chain().unspentOf(address(ALICE)).get(0);
    Transaction big = signed(ALICE, List.of(coin), many);
    assertThat(big.size()).isGreaterThan(Mempool.MAX_STANDARD_SIZE);
    assertRefused(() -> pool.accept(big, b.chain()), RejectReason.TX_SIZE);
  }

  @Test
  void aLooseCoinbaseIsRefusedAsCoinbase() {
    assertRefused(
        () -> pool.accept(b.coinbase(5, Amount.coins(10), address(ALICE)), b.chain()),
        RejectReason.COINBASE);
  }

  @Test
  void aBlockTakesItsTransactionsOutOfThePoolAndEvictsWhatNowConflicts() throws Exception {
    Transaction inPool = b.pay(ALICE, BOB, 1);
    pool.accept(inPool, b.chain());
    Transaction child = bobPaysCarolFrom(inPool, 1);
    pool.accept(child, b.chain());
    Transaction unrelated = b.pay(MINER, CAROL, 1);
    pool.accept(unrelated, b.chain());

    // A block spends Alice's coin differently: the pool's payment and its child can never be mined
    // now.
    Transaction rival = b.pay(ALICE, CAROL, 3);
    io.minicoin.core.Block block = b.mineOnTip(rival, unrelated);
    pool.update(b.chain(), List.of(), List.of(block));
    assertThat(pool.size()).isZero();
  }
}
