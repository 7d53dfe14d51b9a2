package io.minicoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A node's configured names become addresses once, at start; who is central follows from them. */
class NodeAddressesTest {
  private static NodeConfig config(String bind, int port, String centralHost, int centralPort) {
    return new NodeConfig(
        port,
        bind,
        new HostPort(centralHost, centralPort),
        Optional.empty(),
        2,
        3,
        Duration.ofSeconds(1));
  }

  @Test
  void aNodeWhoseCentralAddressIsItsOwnPortOnThisMachineIsTheCentralNode() throws Exception {
    NodeAddresses a = NodeAddresses.resolve(config("localhost", 3000, "localhost", 3000));
    assertThat(a.isCentral()).isTrue();
    assertThat(a.listen())
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("localhost"), 3000));
    assertThat(a.central().isUnresolved()).isFalse();
    assertThat(NodeAddresses.resolve(config("localhost", 3001, "127.0.0.1", 3000)).isCentral())
        .isFalse();
    assertThat(NodeAddresses.resolve(config("0.0.0.0", 3000, "127.0.0.1", 3000)).isCentral())
        .isTrue();
  }

  @Test
  void anotherMachineIsNeverTheCentralNode() throws Exception {
    // 192.0.2.0/24 is reserved for documentation: never one of this machine's addresses.
    assertThat(NodeAddresses.resolve(config("localhost", 3000, "192.0.2.7", 3000)).isCentral())
        .isFalse();
  }

  @Test
  void aNodeRecognizesItselfUnderAnyLocalAddressWithItsPort() throws Exception {
    NodeAddresses a = NodeAddresses.resolve(config("0.0.0.0", 3001, "127.0.0.1", 3000));
    assertThat(a.isSelf(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3001))).isTrue();
    assertThat(a.isSelf(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3002))).isFalse();
    assertThat(
            a.isSelf(
                new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}), 3001)))
        .isFalse();
  }
}
