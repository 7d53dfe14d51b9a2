package io.minicoin.net.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A reject's reason is cut to the receiver's cap in bytes, so the receiver can read it. */
class RejectReasonLengthTest {
  @Test
  void aLongReasonInMultiByteCharactersIsCutToTheByteCapAndStillDecodes() throws Exception {
    String reason = "bad-txns: 交易无效 ".repeat(15); // 225 characters, 345 bytes
    assertThat(reason.length()).isLessThan(Strings.MAX);
    RejectMessage sent = new RejectMessage("tx", 16, reason, Sha256Hash.ZERO);

    RejectMessage received =
        (RejectMessage) FrameCodec.read(new ByteArrayInputStream(FrameCodec.encode(sent)));

    assertThat(received.reason().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Strings.MAX);
    assertThat(received.reason()).endsWith("...").startsWith("bad-txns: 交易无效");
    assertThat(reason).startsWith(received.reason().substring(0, received.reason().length() - 3));
  }

  @Test
  void aShortReasonIsKeptWhole() throws Exception {
    RejectMessage sent = new RejectMessage("tx", 16, "txn-mempool-conflict", Sha256Hash.ZERO);
    RejectMessage received =
        (RejectMessage) FrameCodec.read(new ByteArrayInputStream(FrameCodec.encode(sent)));
    assertThat(received.reason()).isEqualTo("txn-mempool-conflict");
  }
}
