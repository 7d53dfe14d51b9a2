package io.minicoin.net.wire;

import static io.minicoin.net.wire.VersionMessageTest.addr;
import static io.minicoin.net.wire.VersionMessageTest.decode;
import static io.minicoin.net.wire.VersionMessageTest.vectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code addr} in Bitcoin's layout, checked against btcd's bytes and cut at every byte. */
class AddrMessageTest {
  @Test
  void btcdsAddrPayloadsDecodeToTheirEntriesAndEncodeBackExactly() throws Exception {
    int checked = 0;
    for (Map<String, Object> v : vectors("addr")) {
      byte[] payload = Vectors.hex((String) v.get("hex"));
      if (v.containsKey("error")) {
        assertThatThrownBy(() -> decode("addr", payload))
            .isInstanceOf(ProtocolViolation.class)
            .hasMessageContaining((String) v.get("error"));
        checked++;
        continue;
      }
      AddrMessage m = (AddrMessage) decode("addr", payload);
      List<Object> want = Vectors.list(v.get("addresses"));
      assertThat(m.entries()).hasSize(want.size());
      for (int i = 0; i < want.size(); i++) {
        Map<String, Object> w = Vectors.map(want.get(i));
        AddrMessage.Entry e = m.entries().get(i);
        assertThat(e.time()).isEqualTo(w.get("time"));
        assertThat(e.address().services()).isEqualTo(w.get("services"));
        assertThat(e.address().toString()).isEqualTo(w.get("address"));
      }
      byte[] frame = FrameCodec.encode(m);
      assertThat(HexFormat.of().formatHex(frame, FrameCodec.HEADER_SIZE, frame.length))
          .isEqualTo(v.get("hex"));
      checked++;
    }
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void aPayloadCutAtAnyByteIsRefused() {
    byte[] payload = Vectors.hex((String) vectors("addr").get(1).get("hex"));
    for (int cut = 0; cut < payload.length; cut++) {
      byte[] part = Arrays.copyOf(payload, cut);
      assertThatThrownBy(() -> decode("addr", part))
          .as("cut at %d", cut)
          .isInstanceOf(ProtocolViolation.class)
          .hasMessageContaining("addr");
    }
  }

  @Test
  void aThousandAddressesFitAndOneMoreDoesNot() throws Exception {
    AddrMessage.Entry e = new AddrMessage.Entry(1_764_000_000L, addr("127.0.0.1", 3001, 0));
    AddrMessage full = new AddrMessage(Collections.nCopies(1000, e));
    assertThat(decode("addr", Arrays.copyOfRange(FrameCodec.encode(full), 24, 24 + 30_003)))
        .isEqualTo(full);
    List<AddrMessage.Entry> tooMany = new ArrayList<>(Collections.nCopies(1001, e));
    assertThatThrownBy(() -> new AddrMessage(tooMany)).isInstanceOf(IllegalArgumentException.class);
  }
}
