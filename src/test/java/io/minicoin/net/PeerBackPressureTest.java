package io.minicoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.PingMessage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reader reads ahead of the node by size, over a real loopback connection: many small messages
 * (a download's blocks, to decode while the node connects the ones before), few large ones, and
 * never more until the node has handled one.
 */
class PeerBackPressureTest {
  /** A peer on one end of a loopback connection whose node never finishes a message by itself. */
  private static final class Harness implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    final Socket sender = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
    final Peer peer = new Peer(server.accept(), false);
    final LinkedBlockingQueue<FrameCodec.Frame> given = new LinkedBlockingQueue<>();

    Harness() throws Exception {
      peer.start(
          new Peer.Listener() {
            @Override
            public void onMessage(Peer p, FrameCodec.Frame frame) {
              given.add(frame);
            }

            @Override
            public void onClosed(Peer p, String reason) {}
          });
    }

    void send(Message m, int times) throws Exception {
      byte[] frame = FrameCodec.encode(m);
      OutputStream out = sender.getOutputStream();
      for (int i = 0; i < times; i++) {
        out.write(frame);
      }
      out.flush();
    }

    /** Takes {@code n} messages the reader handed over, failing if they do not come. */
    List<FrameCodec.Frame> take(int n) throws Exception {
      List<FrameCodec.Frame> taken = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        FrameCodec.Frame f = given.poll(30, TimeUnit.SECONDS);
        assertThat(f).as("message %d of %d handed over", i + 1, n).isNotNull();
        taken.add(f);
      }
      return taken;
    }

    /** Whether the reader handed over nothing more within a while (it is waiting for the node). */
    boolean waiting() throws Exception {
      return given.poll(300, TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() throws java.io.IOException {
      peer.close("test over");
      sender.close();
      server.close();
    }
  }

  @Test
  void smallMessagesAreReadFarAheadButNoFurtherThanTheBound() throws Exception {
    try (Harness h = new Harness()) {
      h.send(new PingMessage(7), Peer.MAX_PENDING + 40);
      List<FrameCodec.Frame> first = h.take(Peer.MAX_PENDING);
      assertThat(h.waiting()).as("no more before the node handles one").isTrue();
      h.peer.handled(first.get(0));
      h.take(1); // one handled, one more read
      assertThat(h.waiting()).isTrue();
    }
  }

  @Test
  void largeMessagesCountByTheirSize() throws Exception {
    // An inv of 30,000 entries is ~1 MB of payload: 66 units, so three fit in 256 and not four.
    List<InvVector> items = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      byte[] h = new byte[32];
      h[0] = (byte) i;
      h[1] = (byte) (i >> 8);
      items.add(new InvVector(InvType.TX, Sha256Hash.wrap(h)));
    }
    InvMessage big = new InvMessage(items);
    try (Harness h = new Harness()) {
      h.send(big, 5);
      List<FrameCodec.Frame> first = h.take(3);
      assertThat(Peer.weight(first.get(0))).isEqualTo(1 + first.get(0).payloadSize() / 16384);
      assertThat(h.waiting()).as("a fourth would pass the bound").isTrue();
      h.peer.handled(first.get(0));
      h.take(1);
      assertThat(h.waiting()).isTrue();
    }
  }

  @Test
  void theLargestFrameFitsTheBoundAlone() throws Exception {
    // Otherwise the reader would wait for ever for room a message of that size can never have.
    byte[] header = FrameCodec.encode(new PingMessage(1));
    byte[] payload = new byte[FrameCodec.MAX_PAYLOAD];
    assertThat(1 + payload.length / Peer.PENDING_UNIT_BYTES).isLessThanOrEqualTo(Peer.MAX_PENDING);
    // And the weight is computed from the frame as read.
    FrameCodec.Frame ping = FrameCodec.readFrame(new ByteArrayInputStream(header));
    assertThat(Peer.weight(ping)).isEqualTo(1);
  }
}
