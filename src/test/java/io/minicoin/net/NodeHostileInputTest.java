package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.core.ByteWriter;
import io.minicoin.core.ChainParams;
import io.minicoin.core.MerkleTree;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Script;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxIn;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.wallet.TransactionBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node stays up, keeps its chain, and drops the peer, whatever the peer sends. Frames are built
 * here by hand, byte by byte, so the test does not trust the codec it tests.
 */
class NodeHostileInputTest {
  @TempDir static Path dir;
  private static int counter;

  private Blockchain chain;
  private Node node;
  private int port;

  @BeforeEach
  void startNode() throws Exception {
    chain = newChain(dir.resolve("hostile" + counter++ + ".db"));
    extend(chain, 2);
    port = freePort();
    node = start(port, port, chain, Optional.empty());
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  static byte[] frame(
      int magic, String command, byte[] payload, byte[] checksum, int claimedLength) {
    ByteWriter w = new ByteWriter();
    w.writeInt32(magic);
    byte[] cmd = Arrays.copyOf(command.getBytes(StandardCharsets.US_ASCII), 12);
    w.writeBytes(cmd);
    w.writeInt32(claimedLength);
    w.writeBytes(checksum);
    w.writeBytes(payload);
    return w.toByteArray();
  }

  /** A command-line client's hello: no listening address, height 0. */
  static final byte[] VERSION =
      io.minicoin.net.wire.FrameCodec.encode(TestNetwork.clientVersion(0, "hostile-test"));

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] frame(String command, byte[] payload) {
    return frame(
        ChainParams.MAGIC,
        command,
        payload,
        Arrays.copyOf(Hashes.sha256d(payload), 4),
        payload.length);
  }

  static byte[] blockFrame(Block b) {
    return frame("block", b.serialize());
  }

  static byte[] txFrame(Transaction tx) {
    return frame("tx", tx.serialize());
  }

  /** Re-mines a block after its contents were changed, keeping the header's claims as given. */
  static Block remine(BlockHeader h, List<Transaction> txs, Sha256Hash merkle) {
    BlockHeader t = new BlockHeader(h.version(), h.previous(), merkle, h.time(), h.bits(), 0);
    return new Block(io.minicoin.chain.NonceSearch.solve(t, 1, () -> false).orElseThrow(), txs);
  }

  static Block withTxs(Block honest, List<Transaction> txs) {
    return remine(
        honest.header(), txs, MerkleTree.root(txs.stream().map(Transaction::txid).toList()));
  }

  static Transaction coinbase(Blockchain chain, Amount amount) {
    return Transaction.coinbase(chain.tip().height() + 1, 7, List.of(TxOut.to(ALICE_ADDR, amount)));
  }

  static Stream<Arguments> hostileInputs() {
    return Stream.of(
        Arguments.of(
            "bytes that are no frame",
            (Hostile)
                c -> "this is not a minicoin frame at all".getBytes(StandardCharsets.US_ASCII)),
        Arguments.of(
            "wrong magic",
            (Hostile)
                c ->
                    frame(
                        0xd9b4bef9,
                        "ping",
                        new byte[8],
                        Arrays.copyOf(Hashes.sha256d(new byte[8]), 4),
                        8)),
        Arguments.of(
            "bad checksum",
            (Hostile) c -> frame(ChainParams.MAGIC, "ping", new byte[8], new byte[4], 8)),
        Arguments.of(
            "length above the cap",
            (Hostile) c -> frame(ChainParams.MAGIC, "block", new byte[0], new byte[4], 0x7fffffff)),
        Arguments.of(
            "truncated payload", (Hostile) c -> Arrays.copyOf(frame("ping", new byte[8]), 24 + 3)),
        Arguments.of("unknown command", (Hostile) c -> frame("hello", new byte[0])),
        Arguments.of(
            "inv with too many entries",
            (Hostile)
                c -> {
                  ByteWriter w = new ByteWriter();
                  w.writeVarInt(50_001);
                  for (int i = 0; i < 50_001; i++) {
                    w.writeInt32(2).writeBytes(new byte[32]);
                  }
                  return frame("inv", w.toByteArray());
                }),
        Arguments.of(
            "block with bad proof of work",
            (Hostile)
                c -> {
                  Block b = mineOn(c, List.of(), Amount.ZERO, ALICE_ADDR);
                  BlockHeader h = b.header();
                  for (int n = 0; ; n++) {
                    BlockHeader bad = h.withNonce(n);
                    if (!bad.meetsOwnTarget()) {
                      return blockFrame(new Block(bad, b.transactions()));
                    }
                  }
                }),
        Arguments.of(
            "block with a bad Merkle root",
            (Hostile)
                c -> {
                  Block b = mineOn(c, List.of(), Amount.ZERO, ALICE_ADDR);
                  return blockFrame(
                      remine(b.header(), b.transactions(), Sha256Hash.of(new byte[] {1})));
                }),
        Arguments.of(
            "block with a bad signature",
            (Hostile)
                c -> {
                  Transaction good =
                      TransactionBuilder.pay(
                          ALICE,
                          c.unspentOf(ALICE_ADDR).subList(0, 1),
                          BOB_ADDR,
                          Amount.coins(1),
                          Amount.ZERO);
                  // Same signature, other recipient: the signature no longer covers the
                  // transaction.
                  Transaction forged =
                      new Transaction(
                          good.inputs(),
                          List.of(TxOut.to(ALICE_ADDR, Amount.coins(1)), good.outputs().get(1)));
                  Block b = mineOn(c, List.of(), Amount.ZERO, ALICE_ADDR);
                  return blockFrame(withTxs(b, List.of(b.transactions().get(0), forged)));
                }),
        Arguments.of(
            "block with a double spend",
            (Hostile)
                c -> {
                  List<UnspentOutput> coin = c.unspentOf(ALICE_ADDR).subList(0, 1);
                  Transaction t1 =
                      TransactionBuilder.pay(ALICE, coin, BOB_ADDR, Amount.coins(1), Amount.ZERO);
                  Transaction t2 =
                      TransactionBuilder.pay(ALICE, coin, BOB_ADDR, Amount.coins(2), Amount.ZERO);
                  Block b = mineOn(c, List.of(), Amount.ZERO, ALICE_ADDR);
                  return blockFrame(withTxs(b, List.of(b.transactions().get(0), t1, t2)));
                }),
        Arguments.of(
            "coinbase that pays too much",
            (Hostile)
                c -> {
                  Block b = mineOn(c, List.of(), Amount.ZERO, ALICE_ADDR);
                  return blockFrame(
                      withTxs(b, List.of(coinbase(c, Amount.coins(10).plus(Amount.units(1))))));
                }),
        Arguments.of(
            "transaction spending a missing output",
            (Hostile)
                c -> {
                  UnspentOutput real = c.unspentOf(ALICE_ADDR).get(0);
                  UnspentOutput missing =
                      new UnspentOutput(
                          new OutPoint(Sha256Hash.of(new byte[] {9}), 0), real.output(), 1, false);
                  return txFrame(
                      TransactionBuilder.pay(
                          ALICE, List.of(missing), BOB_ADDR, Amount.coins(1), Amount.ZERO));
                }),
        Arguments.of(
            "transaction with a bad signature",
            (Hostile)
                c -> {
                  Transaction good =
                      TransactionBuilder.pay(
                          ALICE,
                          c.unspentOf(ALICE_ADDR).subList(0, 1),
                          BOB_ADDR,
                          Amount.coins(1),
                          Amount.ZERO);
                  TxIn in = good.inputs().get(0);
                  List<byte[]> pushes = in.scriptSig().pushes();
                  byte[] sig = pushes.get(0);
                  sig[10] ^= 1;
                  Transaction bad =
                      new Transaction(
                          List.of(new TxIn(in.previous(), Script.spending(sig, pushes.get(1)))),
                          good.outputs());
                  return txFrame(bad);
                }));
  }

  interface Hostile {
    byte[] bytes(Blockchain chain) throws Exception;
  }

  @org.junit.jupiter.api.Test
  void anyMessageBeforeVersionGetsThePeerDropped() throws Exception {
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(frame("ping", new byte[8]));
      assertThat(readsToEnd(s.getInputStream())).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void theNodeDropsThePeerAndKeepsItsChain(String what, Hostile input) throws Exception {
    Sha256Hash tipBefore = chain.tip().hash();
    Amount balanceBefore = chain.balance(ALICE_ADDR);
    byte[] bytes =
        concat(VERSION, input.bytes(chain)); // a proper hello first: then the hostile part
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (java.net.SocketException e) {
        // the node hung up before we finished writing (a header was enough to refuse): also closed
      }
      assertThat(readsToEnd(s.getInputStream())).as("the node closes the connection").isTrue();
    }
    assertThat(chain.tip().hash()).isEqualTo(tipBefore);
    assertThat(chain.balance(ALICE_ADDR)).isEqualTo(balanceBefore);
    assertThat(node.mempool.size()).isZero();
    // Still serving: an honest peer can connect and ping.
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(concat(VERSION, frame("ping", new byte[8])));
      java.util.List<String> commands = new ArrayList<>();
      while (!commands.contains("pong")) {
        commands.add(io.minicoin.net.wire.FrameCodec.read(s.getInputStream()).command());
      }
      assertThat(commands).contains("version", "pong");
    }
  }

  private static boolean readsToEnd(InputStream in) throws Exception {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // the node may answer (a reject) before it closes
      }
      return true;
    } catch (java.net.SocketException e) {
      return true; // reset by the node: closed as well
    } catch (SocketTimeoutException e) {
      return false;
    }
  }
}
