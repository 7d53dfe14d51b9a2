package io.minicoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Block;
import io.minicoin.core.Vectors;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.NodeEvent;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.PingMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventRingTest {
  private static NodeEvent note(int i) {
    return new NodeEvent.TxRemoved(Instant.now(), Sha256Hash.ZERO, "n" + i);
  }

  private static NodeEvent message(int payloadPadding) {
    PingMessage ping = new PingMessage(payloadPadding);
    byte[] frame = new byte[FrameCodec.HEADER_SIZE + payloadPadding];
    return new NodeEvent.PeerMessage(
        Instant.now(), 1, "peer", NodeEvent.Direction.SENT, ping, frame);
  }

  @Test
  void aReaderGetsEverythingAfterItsCursorInOrder() {
    EventRing ring = new EventRing(10, 1 << 20);
    for (int i = 0; i < 5; i++) {
      ring.onEvent(note(i));
    }
    EventRing.Batch b = ring.after(2, 100);
    assertThat(b.events()).extracting(EventRing.Numbered::seq).containsExactly(3L, 4L, 5L);
    assertThat(b.missed()).isZero();
    assertThat(b.last()).isEqualTo(5);
    assertThat(ring.after(5, 100).events()).isEmpty();
  }

  @Test
  void aFullRingDropsTheOldestAndTellsASlowReaderHowManyItMissed() {
    EventRing ring = new EventRing(4, 1 << 20);
    for (int i = 0; i < 10; i++) {
      ring.onEvent(note(i));
    }
    EventRing.Batch b = ring.after(0, 100);
    assertThat(b.events()).extracting(EventRing.Numbered::seq).containsExactly(7L, 8L, 9L, 10L);
    assertThat(b.missed()).isEqualTo(6);
    assertThat(ring.get(6)).isEmpty();
    assertThat(ring.get(7)).isPresent();
  }

  @Test
  void framesAreBoundedInBytesTooButTheNewestEventIsAlwaysKept() {
    EventRing ring = new EventRing(1000, 10_000);
    for (int i = 0; i < 10; i++) {
      ring.onEvent(message(3_000));
    }
    EventRing.Batch b = ring.after(0, 100);
    assertThat(b.events()).hasSizeLessThanOrEqualTo(3);
    assertThat(b.events().get(b.events().size() - 1).seq()).isEqualTo(10);
    ring.onEvent(message(50_000)); // larger than the whole budget: kept alone
    assertThat(ring.after(0, 100).events())
        .extracting(EventRing.Numbered::seq)
        .containsExactly(11L);
  }

  @Test
  void awaitReturnsOnceANewerEventExists() throws InterruptedException {
    EventRing ring = new EventRing(10, 1 << 20);
    ring.onEvent(note(0));
    assertThat(ring.await(0, 0)).isTrue();
    assertThat(ring.await(1, 10)).isFalse();
    Thread t = new Thread(() -> ring.onEvent(note(1)));
    t.start();
    assertThat(ring.await(1, 60_000)).isTrue();
    t.join();
  }

  @Test
  void aDecodedBlockCountsWithItsObjectsNotOnlyItsFrame() throws Exception {
    // Mainnet block 169482 decoded holds about 3.5 times its 18,678 bytes in objects (measured:
    // 66 KB each over 300 copies); a ring that counted only frames kept 4.5 times too many.
    byte[] raw = Vectors.bytes("block169482.dat");
    long budget = 1 << 20;
    EventRing ring = new EventRing(5_000, budget);
    for (int i = 0; i < 100; i++) {
      BlockMessage m = new BlockMessage(Block.fromBytes(raw));
      ring.onEvent(
          new NodeEvent.PeerMessage(
              Instant.now(), 1, "peer", NodeEvent.Direction.RECEIVED, m, FrameCodec.encode(m)));
    }
    int held = ring.after(0, 5_000).events().size();
    assertThat(held).isPositive();
    assertThat(held * raw.length * 4.5).isLessThanOrEqualTo((double) budget);
  }
}
