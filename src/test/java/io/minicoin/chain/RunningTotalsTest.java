package io.minicoin.chain;

import static io.minicoin.testing.ChainAssertions.assertUtxoSetMatchesReindex;
import static io.minicoin.testing.ChainAssertions.totals;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.BlockIndexEntry;
import io.minicoin.store.ChainDamagedException;
import io.minicoin.store.ChainReader;
import io.minicoin.store.ScriptTotals;
import io.minicoin.testing.ChainBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.slf4j.LoggerFactory;

/**
 * The running totals behind {@code getbalance} and Esplora's {@code chain_stats}: after blocks, a
 * reorganization, a group commit and {@code reindexutxo} each address's balance is what the UTXO
 * set holds for it and its counts are what its history lists; a file made before the totals existed
 * gets them once; a wrong or missing record is found by {@code verifychain}.
 */
class RunningTotalsTest {
  static final List<PrivateKey> PEOPLE =
      IntStream.range(10, 15).mapToObj(ChainBuilder::key).toList();

  @TempDir Path dir;

  private static List<Address> everyone() {
    return Stream.concat(Stream.of(MINER), PEOPLE.stream()).map(ChainBuilder::address).toList();
  }

  /** What the UTXO set holds for {@code a}, added up coin by coin. */
  private static Amount utxoSum(ChainBuilder b, Address a) {
    return b.utxoSet().stream()
        .filter(c -> c.output().address().filter(a::equals).isPresent())
        .map(UnspentOutput::value)
        .reduce(Amount.ZERO, Amount::plus);
  }

  /** Each address's balance is what the UTXO set holds, and its counts what its history lists. */
  private static void assertTotalsMatchTheCoinsAndHistories(ChainBuilder b) {
    TransactionIndex index = new TransactionIndex(b.chain());
    for (Address a : everyone()) {
      assertThat(b.chain().balance(a)).as("balance of %s", a).isEqualTo(utxoSum(b, a));
      byte[] script = TransactionIndex.scriptHash(a.lockingScript());
      TransactionIndex.Stats stats = index.stats(script);
      assertThat(stats.txCount())
          .as("transactions of %s", a)
          .isEqualTo(index.history(script, Optional.empty(), 1_000_000).size());
      assertThat(stats.fundedTxoSum() - stats.spentTxoSum())
          .isEqualTo(b.chain().balance(a).units());
      assertThat(stats.fundedTxoCount() - stats.spentTxoCount())
          .isEqualTo(b.chain().unspentOf(a).size());
    }
    ChainVerification.verify(b.chain(), 0, true); // every record against the UTXO set and history
  }

  @Test
  void afterBusyBlocksEachBalanceIsWhatTheUtxoSetHolds() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 200);

      assertTotalsMatchTheCoinsAndHistories(b);
      assertThat(ChainVerification.verify(b.chain(), 6, true).scriptTotals())
          .isEqualTo(1 + PEOPLE.size());
      // per block: pays 2 coins and a fee, earns 10 coins and both fees back
      assertThat(b.balance(MINER))
          .isEqualTo(Amount.units(10 * 201 * 100_000_000L - 200 * 200_000_000L + 200 * 1_000L));
      TransactionIndex.Stats miner =
          new TransactionIndex(b.chain())
              .stats(TransactionIndex.scriptHash(address(MINER).lockingScript()));
      // 201 coinbases, and 200 payments that spend its outputs and pay it change: one
      // transaction each, however many of its outputs a payment spends
      assertThat(miner.txCount()).isEqualTo(401);
      assertThat(miner.fundedTxoCount()).isEqualTo(401);
      assertThat(miner.spentTxoCount()).isGreaterThan(200);
    }
  }

  @Test
  void aReorganizationTakesTheDisconnectedBlocksOutOfTheTotals() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 10);
      Map<Sha256Hash, ScriptTotals> atFive;
      try (ChainBuilder upToFive = ChainBuilder.onDisk(dir.resolve("five.db"))) {
        upToFive.mineBusyBlocks(PEOPLE, 5);
        atFive = totals(upToFive.chain());
      }
      BlockIndexEntry fork = b.entry(b.hashAt(5)).orElseThrow();
      BlockIndexEntry side = b.extend(fork, 6); // six empty blocks: more work than our five
      assertThat(b.tip().hash()).isEqualTo(side.hash());

      assertTotalsMatchTheCoinsAndHistories(b);
      // The people's payments of blocks 6-10 are gone: their totals are those at block 5.
      for (PrivateKey p : PEOPLE) {
        Sha256Hash script =
            Sha256Hash.wrap(TransactionIndex.scriptHash(address(p).lockingScript()));
        assertThat(totals(b.chain()).get(script)).isEqualTo(atFive.get(script));
      }
      assertUtxoSetMatchesReindex(b.chain());
    }
  }

  @Test
  void aGroupCommitKeepsTheSameTotalsAsBlockByBlock() {
    try (ChainBuilder oneByOne = ChainBuilder.onDisk(dir.resolve("one-by-one.db"));
        ChainBuilder grouped = ChainBuilder.onDisk(dir.resolve("grouped.db"))) {
      oneByOne.mineBusyBlocks(PEOPLE, 40);
      List<Block> run = new ArrayList<>();
      for (int h = 1; h <= 40; h++) {
        run.add(oneByOne.chain().requireBlock(oneByOne.hashAt(h)));
      }

      assertThat(grouped.chain().acceptRun(run)).isPresent();

      assertThat(totals(grouped.chain())).isEqualTo(totals(oneByOne.chain())).isNotEmpty();
      assertTotalsMatchTheCoinsAndHistories(grouped);
    }
  }

  @Test
  void reindexutxoRebuildsExactlyTheIncrementalTotals() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 30);
      Map<Sha256Hash, ScriptTotals> incremental = totals(b.chain());

      b.chain().reindexUtxo();

      assertThat(totals(b.chain())).isEqualTo(incremental);
      assertTotalsMatchTheCoinsAndHistories(b);
    }
  }

  @Test
  void aWrongRecordIsDamageThatVerifychainFinds() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 5);
      Sha256Hash alice =
          Sha256Hash.wrap(TransactionIndex.scriptHash(address(PEOPLE.get(0)).lockingScript()));
      // One unit too many: a possible record, but not what the coins say.
      b.store().writeAll(w -> w.addTotals(alice, ScriptTotals.funding(1)));

      ChainDamagedException e =
          catchThrowableOfType(
              ChainDamagedException.class, () -> ChainVerification.verify(b.chain(), 1, true));

      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("running totals of script " + alice, "UTXO set");
    }
  }

  @Test
  void aMissingRecordIsDamageThatVerifychainFinds() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 5);
      Sha256Hash alice =
          Sha256Hash.wrap(TransactionIndex.scriptHash(address(PEOPLE.get(0)).lockingScript()));
      // Totals that come back to zero lose their record.
      b.store().writeAll(w -> w.addTotals(alice, w.totals(alice.bytes()).negate()));

      ChainDamagedException e =
          catchThrowableOfType(
              ChainDamagedException.class, () -> ChainVerification.verify(b.chain(), 1, true));

      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("script " + alice, "no running totals");
    }
  }

  /**
   * Totals that a block would make impossible are damage, and the message names the cure for
   * derived data (reindexutxo), not a copy of the file.
   */
  @Test
  void totalsMadeImpossibleAreDamageThatReindexutxoCures() {
    try (ChainBuilder b = ChainBuilder.onDisk(dir.resolve("chain.db"))) {
      b.mineBusyBlocks(PEOPLE, 3);
      Sha256Hash alice =
          Sha256Hash.wrap(TransactionIndex.scriptHash(address(PEOPLE.get(0)).lockingScript()));
      ScriptTotals all = b.store().read(r -> r.totals(alice.bytes()));

      ChainDamagedException e =
          catchThrowableOfType(
              ChainDamagedException.class,
              () ->
                  b.store()
                      .writeAll(
                          w -> w.addTotals(alice, ScriptTotals.spending(all.fundedSum() + 1))));

      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("running totals of script " + alice, "run reindexutxo");
    }
  }

  /**
   * A file made by the version before the totals (it had the histories): the table is created when
   * it is opened, and the totals are added up from the histories once, with a log line.
   */
  @Test
  void aFileWithoutTheTotalsGetsThemAddedUpFromItsHistoriesOnce() {
    Path file = dir.resolve("chain.db");
    Map<Sha256Hash, ScriptTotals> kept;
    List<Amount> balances;
    try (ChainBuilder b = ChainBuilder.onDisk(file)) {
      b.mineBusyBlocks(PEOPLE, 30);
      kept = totals(b.chain());
      balances = everyone().stream().map(b.chain()::balance).toList();
    }
    dropTable(file, "balances");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Blockchain.class);
    logger.addAppender(logs);
    try {
      Blockchain chain = Blockchain.open(file);
      try {
        assertThat(totals(chain)).isEqualTo(kept);
        assertThat(everyone().stream().map(chain::balance).toList()).isEqualTo(balances);
        assertThat(chain.store().read(ChainReader::totalsMissing)).isFalse();
        assertThat(chain.store().read(ChainReader::indexesMissing)).isFalse();
        ChainVerification.verify(chain, 0, true);
      } finally {
        chain.close();
      }
      Blockchain.open(file).close(); // the second time nothing is left to build
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().contains("adding up the running totals"))
        .hasSize(1);
  }

  /**
   * A file whose tip a version that ignores the totals moved (2b75b1d kept the histories but not
   * the totals): its totals are those of an older block, recorded as kept there. Opening it adds
   * them up again, once, instead of handing out the older block's balances and later calling the
   * file damaged when a block takes more from a script than its stale record holds.
   */
  @Test
  void totalsLeftBehindTheTipByAnOlderVersionAreAddedUpAgain() {
    Path lagging = dir.resolve("lagging.db");
    Sha256Hash twenty;
    try (ChainBuilder b = ChainBuilder.onDisk(lagging)) {
      b.mineBusyBlocks(PEOPLE, 20);
      twenty = b.tip().hash();
    }
    Path current = dir.resolve("current.db");
    Map<Sha256Hash, ScriptTotals> kept;
    List<Amount> balances;
    try (ChainBuilder b = ChainBuilder.onDisk(current)) {
      b.mineBusyBlocks(PEOPLE, 40);
      assertThat(b.hashAt(20)).isEqualTo(twenty); // the same blocks: 20 is 40's beginning
      kept = totals(b.chain());
      balances = everyone().stream().map(b.chain()::balance).toList();
    }
    // What an older version leaves: blocks 21-40 connected, histories and all, but the totals
    // (and where they are kept) still those of block 20.
    copyTable(lagging, current, "balances");
    copyMeta(lagging, current, "totals-at");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Blockchain.class);
    logger.addAppender(logs);
    try {
      Blockchain chain = Blockchain.open(current);
      try {
        assertThat(everyone().stream().map(chain::balance).toList()).isEqualTo(balances);
        assertThat(totals(chain)).isEqualTo(kept);
        assertThat(chain.store().read(ChainReader::totalsAtTip)).isTrue();
        ChainVerification.verify(chain, 0, true);
      } finally {
        chain.close();
      }
      Blockchain.open(current).close(); // the second time nothing is left to add up
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().contains("not kept at its tip"))
        .hasSize(1);
  }

  /** Replaces {@code table} of {@code to} by {@code from}'s, record for record. */
  private static void copyTable(Path from, Path to, String table) {
    List<byte[][]> records = new ArrayList<>();
    try (Env<byte[]> env = rawEnv(from)) {
      Dbi<byte[]> dbi = env.openDbi(table); // before the read: a handle opened later is not its
      try (Txn<byte[]> txn = env.txnRead()) {
        dbi.iterate(txn).forEach(kv -> records.add(new byte[][] {kv.key(), kv.val()}));
      }
    }
    try (Env<byte[]> env = rawEnv(to)) {
      Dbi<byte[]> dbi = env.openDbi(table);
      try (Txn<byte[]> txn = env.txnWrite()) {
        dbi.drop(txn, false);
        records.forEach(r -> dbi.put(txn, r[0], r[1]));
        txn.commit();
      }
    }
  }

  /** Sets {@code to}'s meta record {@code key} to {@code from}'s. */
  private static void copyMeta(Path from, Path to, String key) {
    byte[] k = key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] v;
    try (Env<byte[]> env = rawEnv(from)) {
      Dbi<byte[]> dbi = env.openDbi("meta");
      try (Txn<byte[]> txn = env.txnRead()) {
        v = dbi.get(txn, k);
      }
    }
    assertThat(v).isNotNull();
    try (Env<byte[]> env = rawEnv(to)) {
      Dbi<byte[]> dbi = env.openDbi("meta");
      try (Txn<byte[]> txn = env.txnWrite()) {
        dbi.put(txn, k, v);
        txn.commit();
      }
    }
  }

  private static Env<byte[]> rawEnv(Path file) {
    return Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(1L << 30)
        .setMaxDbs(32)
        .open(file.toFile(), EnvFlags.MDB_NOSUBDIR);
  }

  /** Deletes a table from an LMDB file, as a version without it would have left the file. */
  private static void dropTable(Path file, String table) {
    try (Env<byte[]> env =
        Env.create(ByteArrayProxy.PROXY_BA)
            .setMapSize(1L << 30)
            .setMaxDbs(32)
            .open(file.toFile(), EnvFlags.MDB_NOSUBDIR)) {
      Dbi<byte[]> dbi = env.openDbi(table);
      try (Txn<byte[]> txn = env.txnWrite()) {
        dbi.drop(txn, true);
        txn.commit();
      }
    }
  }
}
