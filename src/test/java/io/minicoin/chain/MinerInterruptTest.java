package io.minicoin.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Address;
import io.minicoin.crypto.PrivateKey;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Interrupting a miner's thread ends its search instead of leaving it spinning. */
class MinerInterruptTest {
  @Test
  void anInterruptedMinerStops() throws Exception {
    byte[] k = new byte[32];
    k[31] = 1;
    Address to = Address.fromPublicKey(PrivateKey.fromBytes(k).publicKey());
    Miner miner = new Miner(1, () -> System.currentTimeMillis() / 1000);
    AtomicBoolean returned = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              try {
                miner.mineGenesis(to, 0x1d00ffff); // Bitcoin's difficulty: never found here
              } catch (RuntimeException stopped) {
                // no block: what matters is that the call returned
              }
              returned.set(true);
            });
    t.setDaemon(true);
    t.start();
    t.join(20_000);
    assertThat(returned).as("the interrupted miner returned").isTrue();
  }
}
