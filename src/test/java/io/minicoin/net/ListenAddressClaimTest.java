package io.minicoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What a peer says about where it listens is believed only as far as its connection bears out. */
class ListenAddressClaimTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal); // a literal: parsed, never looked up
  }

  private static InetSocketAddress at(String literal, int port) throws Exception {
    return new InetSocketAddress(ip(literal), port);
  }

  @Test
  void aLoopbackAddressIsBelievedFromLoopbackOnly() throws Exception {
    assertThat(ListenAddressClaim.believe(at("127.0.0.1", 3001), ip("127.0.0.1")))
        .isEqualTo(at("127.0.0.1", 3001));
    assertThat(ListenAddressClaim.believe(at("::1", 3001), ip("127.0.0.1")))
        .isEqualTo(at("::1", 3001));
    assertThat(ListenAddressClaim.believe(at("127.0.0.1", 3001), ip("192.0.2.7"))).isNull();
  }

  @Test
  void aWildcardMeansTheAddressItConnectsFrom() throws Exception {
    assertThat(ListenAddressClaim.believe(at("0.0.0.0", 3001), ip("192.0.2.7")))
        .isEqualTo(at("192.0.2.7", 3001));
    assertThat(ListenAddressClaim.believe(at("::", 3001), ip("192.0.2.7")))
        .isEqualTo(at("192.0.2.7", 3001));
  }

  @Test
  void anotherMachinesAddressIsNotBelieved() throws Exception {
    assertThat(ListenAddressClaim.believe(at("192.0.2.99", 3001), ip("192.0.2.7"))).isNull();
    assertThat(ListenAddressClaim.believe(at("192.0.2.7", 3001), ip("192.0.2.7")))
        .isEqualTo(at("192.0.2.7", 3001));
  }
}
