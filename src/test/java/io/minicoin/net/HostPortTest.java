package io.minicoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** What a peer says about where it listens is believed only as far as its connection bears out. */
class HostPortTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void parsesHostAndPortAndRefusesWhatIsNot() {
    assertThat(HostPort.parse("localhost:3000")).isEqualTo(new HostPort("localhost", 3000));
    assertThatThrownBy(() -> HostPort.parse("localhost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostPort.parse("localhost:99999"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostPort.parse("localhost:x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void localhostIsBelievedFromLoopbackOnly() throws Exception {
    HostPort claim = new HostPort("localhost", 3001);
    assertThat(claim.believedFor(ip("127.0.0.1"))).isEqualTo(claim);
    assertThat(claim.believedFor(ip("192.0.2.7"))).isNull();
  }

  @Test
  void aWildcardOrANameMeansTheAddressItConnectsFrom() throws Exception {
    assertThat(new HostPort("0.0.0.0", 3001).believedFor(ip("192.0.2.7")))
        .isEqualTo(new HostPort("192.0.2.7", 3001));
    assertThat(new HostPort("some.host.example", 3001).believedFor(ip("192.0.2.7")))
        .isEqualTo(new HostPort("192.0.2.7", 3001));
  }

  @Test
  void anotherMachinesAddressIsNotBelieved() throws Exception {
    assertThat(new HostPort("192.0.2.99", 3001).believedFor(ip("192.0.2.7"))).isNull();
    assertThat(new HostPort("192.0.2.7", 3001).believedFor(ip("192.0.2.7")))
        .isEqualTo(new HostPort("192.0.2.7", 3001));
  }
}
