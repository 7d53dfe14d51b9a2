package io.minicoin.chain;

import static io.minicoin.chain.RejectReason.BAD_SIG;
import static io.minicoin.testing.ChainAssertions.assertRefused;
import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.CAROL;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Amount;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Script;
import io.minicoin.core.Sighash;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per transaction rule, each broken transaction offered inside an otherwise valid block.
 */
class TransactionRejectionTest {
  static final Amount FIVE = Amount.coins(5);

  @TempDir Path dir;
  ChainBuilder b;

  /** Alice's only coin: 5 coins from the miner. */
  UnspentOutput aliceCoin;

  @BeforeEach
  void aliceOwnsFiveCoins() {
    b = ChainBuilder.onDisk(dir.resolve("chain.db"));
    Transaction toAlice = b.pay(MINER, ALICE, 5);
    b.mineOnTip(toAlice);
    aliceCoin = b.coin(new OutPoint(toAlice.txid(), 0));
    assertThat(aliceCoin.value()).isEqualTo(FIVE);
  }

  @AfterEach
  void close() {
    b.close();
  }

  private Transaction aliceSpends(List<UnspentOutput> coins, TxOut... outputs) {
    return ChainBuilder.signed(ALICE, coins, List.of(outputs));
  }

  private static TxOut to(io.minicoin.crypto.PrivateKey key, Amount value) {
    return TxOut.to(address(key), value);
  }

  private void assertRefusedInABlock(Transaction tx, RejectReason reason) {
    assertRefused(b, b.nextBlock(tx), reason);
  }

  @Test
  void spendingTheSameOutputTwiceInOneTransactionIsBadTxnsInputsDuplicate() {
    assertRefusedInABlock(
        aliceSpends(List.of(aliceCoin, aliceCoin), to(BOB, Amount.coins(10))),
        RejectReason.BAD_TXNS_INPUTS_DUPLICATE);
  }

  @Test
  void spendingAnOutputThatNeverExistedIsBadTxnsInputsMissingorspent() {
    UnspentOutput ghost =
        new UnspentOutput(
            new OutPoint(Sha256Hash.of(new byte[] {1}), 0), aliceCoin.output(), 1, false);
    assertRefusedInABlock(
        aliceSpends(List.of(ghost), to(BOB, FIVE)), RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT);
  }

  @Test
  void spendingAnAlreadySpentOutputIsBadTxnsInputsMissingorspent() {
    b.mineOnTip(aliceSpends(List.of(aliceCoin), to(BOB, FIVE)));
    assertRefusedInABlock(
        aliceSpends(List.of(aliceCoin), to(CAROL, FIVE)),
        RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT);
    assertThat(b.balance(BOB)).isEqualTo(FIVE);
  }

  @Test
  void twoTransactionsInOneBlockSpendingTheSameOutputAreBadTxnsInputsMissingorspent() {
    Transaction toBob = aliceSpends(List.of(aliceCoin), to(BOB, FIVE));
    Transaction toCarol = aliceSpends(List.of(aliceCoin), to(CAROL, FIVE));
    assertRefused(b, b.nextBlock(toBob, toCarol), RejectReason.BAD_TXNS_INPUTS_MISSINGORSPENT);
    assertThat(b.balance(BOB)).isEqualTo(Amount.ZERO);
    assertThat(b.balance(ALICE)).isEqualTo(FIVE);
  }

  @Test
  void payingOutMoreThanTheInputsIsBadTxnsInBelowout() {
    assertRefusedInABlock(
        aliceSpends(List.of(aliceCoin), to(BOB, FIVE.plus(Amount.units(1)))),
        RejectReason.BAD_TXNS_IN_BELOWOUT);
  }

  @Test
  void aNegativeOutputIsBadTxnsVoutNegative() {
    assertRefusedInABlock(
        aliceSpends(List.of(aliceCoin), to(BOB, FIVE), to(CAROL, Amount.units(-1))),
        RejectReason.BAD_TXNS_VOUT_NEGATIVE);
  }

  @Test
  void anOutputAboveAllMoneyIsBadTxnsVoutToolarge() {
    assertRefusedInABlock(
        aliceSpends(List.of(aliceCoin), to(BOB, Amount.MAX_MONEY.plus(Amount.units(1)))),
        RejectReason.BAD_TXNS_VOUT_TOOLARGE);
  }

  @Test
  void anOutputScriptThatIsNotPayToPublicKeyHashIsBadTxnsNonstandard() {
    TxOut anyoneCanSpend = new TxOut(FIVE, Script.of(new byte[] {0x51}));
    assertRefusedInABlock(
        aliceSpends(List.of(aliceCoin), anyoneCanSpend), RejectReason.BAD_TXNS_NONSTANDARD);
  }

  @Test
  void signingWithAKeyThatDoesNotOwnTheOutputIsBadSig() {
    Transaction bobTakesAlicesCoin =
        ChainBuilder.signed(BOB, List.of(aliceCoin), List.of(to(BOB, FIVE)));
    VerificationException e =
        assertRefused(b, b.nextBlock(bobTakesAlicesCoin), RejectReason.BAD_SIG);
    assertThat(e.getMessage()).contains("does not own");
  }

  @Test
  void aKeyOwningTheCoinButNotAPointOnTheCurveIsBadSig() {
    // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square modulo p).
    byte[] offCurve = HexFormat.of().parseHex("02" + "00".repeat(31) + "05");
    VerificationException e =
        assertRefused(b, b.nextBlock(spendWithKey(lockedTo(offCurve), offCurve)), BAD_SIG);
    assertThat(e.getMessage()).contains("not a point");
  }

  @Test
  void aKeyOwningTheCoinInHybridFormIsBadSig() {
    // Alice's own key, as 06/07 and both halves: the libraries take it and the signature would
    // verify, so only the SEC form check refuses it.
    byte[] hybrid =
        SECNamedCurves.getByName("secp256k1")
            .getCurve()
            .decodePoint(ALICE.publicKey().bytes())
            .getEncoded(false);
    hybrid[0] = (byte) (6 + (hybrid[64] & 1));
    VerificationException e =
        assertRefused(b, b.nextBlock(spendWithKey(lockedTo(hybrid), hybrid)), BAD_SIG);
    assertThat(e.getMessage()).contains("not a SEC-encoded public key");
  }

  /** Alice's coin paid to whoever holds {@code key}, in a block on the tip: the coin. */
  private UnspentOutput lockedTo(byte[] key) {
    Transaction pay =
        aliceSpends(
            List.of(aliceCoin), new TxOut(FIVE, Script.payToPubKeyHash(Hashes.hash160(key))));
    b.mineOnTip(pay);
    return b.coin(new OutPoint(pay.txid(), 0));
  }

  /** {@code coin} spent to Bob with {@code key} in the input script, signed by Alice. */
  private static Transaction spendWithKey(UnspentOutput coin, byte[] key) {
    List<TxOut> outputs = List.of(to(BOB, FIVE));
    Transaction unsigned =
        new Transaction(List.of(new TxIn(coin.outPoint(), Script.EMPTY)), outputs);
    byte[] digest = Sighash.legacy(unsigned, 0, coin.output().scriptPubKey(), Sighash.ALL);
    Script scriptSig = Script.spending(ChainBuilder.withHashType(ALICE.sign(digest).toDer()), key);
    return new Transaction(List.of(new TxIn(coin.outPoint(), scriptSig)), outputs);
  }

  @Test
  void changingAnAmountAfterSigningIsBadSig() {
    Transaction signed =
        aliceSpends(List.of(aliceCoin), to(BOB, Amount.coins(1)), to(ALICE, Amount.coins(4)));
    Transaction tampered =
        ChainBuilder.withOutputs(
            signed, List.of(to(BOB, Amount.coins(4)), to(ALICE, Amount.coins(1))));
    VerificationException e = assertRefused(b, b.nextBlock(tampered), RejectReason.BAD_SIG);
    assertThat(e.getMessage()).contains("does not verify");
  }

  @Test
  void aGarbageSignatureIsBadSig() {
    byte[] garbage = new byte[71];
    new Random(1).nextBytes(garbage);
    Script scriptSig =
        Script.spending(ChainBuilder.withHashType(garbage), ALICE.publicKey().bytes());
    Transaction tx =
        new Transaction(List.of(new TxIn(aliceCoin.outPoint(), scriptSig)), List.of(to(BOB, FIVE)));
    assertRefusedInABlock(tx, RejectReason.BAD_SIG);
  }

  @Test
  void theSignedPaymentIsAcceptedWhereTheBrokenOnesWereNot() {
    b.mineOnTip(
        aliceSpends(List.of(aliceCoin), to(BOB, Amount.coins(1)), to(ALICE, Amount.coins(4))));
    assertThat(b.balance(ALICE)).isEqualTo(Amount.coins(4));
    assertThat(b.balance(BOB)).isEqualTo(Amount.coins(1));
  }
}
