package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Miner;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.ChainParams;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.PrivateKey;
import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.VersionMessage;
import io.minicoin.store.ChainStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Small helpers for tests that run real nodes on loopback ports. */
final class TestNetwork {
  static final PrivateKey ALICE = PrivateKey.fromBytes(bytes(1));
  static final PrivateKey BOB = PrivateKey.fromBytes(bytes(2));
  static final Address ALICE_ADDR = Address.fromPublicKey(ALICE.publicKey());
  static final Address BOB_ADDR = Address.fromPublicKey(BOB.publicKey());
  static final Miner MINER = new Miner(1, () -> System.currentTimeMillis() / 1000);

  private TestNetwork() {}

  private static byte[] bytes(int last) {
    byte[] b = new byte[32];
    b[31] = (byte) last;
    return b;
  }

  static int freePort() throws IOException {
    return io.minicoin.testing.Ports.free();
  }

  /** The genesis block every test chain shares: same bytes, same chain. */
  static final Block GENESIS = MINER.mineGenesis(ALICE_ADDR, ChainParams.EASIEST_BITS);

  static Blockchain newChain(Path file) throws VerificationException {
    return Blockchain.initialize(ChainStore.create(file), GENESIS);
  }

  static Block mineOn(Blockchain chain, List<Transaction> txs, Amount fees, Address to) {
    return MINER.mineOnTip(chain, txs, fees, to, () -> false).orElseThrow();
  }

  static void extend(Blockchain chain, int blocks) throws VerificationException {
    for (int i = 0; i < blocks; i++) {
      chain.accept(mineOn(chain, List.of(), Amount.ZERO, ALICE_ADDR));
    }
  }

  static Node start(int port, int centralPort, Blockchain chain, Optional<Address> miner)
      throws IOException {
    NodeConfig config =
        new NodeConfig(
            port,
            "localhost",
            new HostPort("localhost", centralPort),
            miner,
            2,
            3,
            Duration.ofMillis(200));
    Node node = new Node(config, chain);
    node.start();
    return node;
  }

  /**
   * A command-line client's hello, as {@code send} says it: no listening address, no relay, the
   * given height and user agent.
   */
  static VersionMessage clientVersion(int height, String userAgent) {
    return new VersionMessage(
        Node.PROTOCOL_VERSION,
        0,
        System.currentTimeMillis() / 1000,
        NetworkAddress.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3000)),
        NetworkAddress.NONE,
        new java.util.Random().nextLong(),
        userAgent,
        height,
        false);
  }

  static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
