package io.minicoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Addresses as people write them on the command line. */
class HostPortTest {
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
}
