package io.minicoin.net;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.ProtocolViolation;
import io.minicoin.net.wire.VersionMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection to another node (or to a command-line client). A reader thread decodes frames
 * and hands each message to the node; a writer thread sends queued messages, so a slow peer never
 * blocks the node. Both directions are bounded: the reader stops reading while this peer's messages
 * waiting for the node weigh {@value #MAX_PENDING} units (a message weighs one, plus one per
 * {@value #PENDING_UNIT_BYTES} bytes of payload), and a peer that lets more than {@value
 * #MAX_OUTBOX_BYTES} bytes pile up unread is dropped.
 *
 * <p>A connection is open, then closing (we said goodbye: nothing more is handled or queued, what
 * is queued is still sent, and the socket closes soon whatever the peer does), then closed.
 */
final class Peer {
  /** How long a frame may stall halfway before the peer is dropped. */
  static final int STALL_TIMEOUT_MS = 5_000;

  /**
   * How long one message may take from its first byte to its last. The stall limit alone counts per
   * read, so a peer sending one byte a second would hold a connection (and a reader thread) forever
   * with a frame that never ends. 2 MB, the largest frame, needs 70 KB/s to arrive in time. Not
   * final: tests shorten it.
   */
  static volatile long messageDeadlineMs = 30_000;

  /** How long a closing peer gets to read what we still send it (a reject, say). */
  static final int LINGER_MS = 2_000;

  /**
   * How far the reader may read ahead of the node, in units: {@value #MAX_PENDING} small messages,
   * or 3 blocks of 1 MB, or one of the largest frames (2 MB): at most ~4 MB of payload waiting.
   * Counted by size so that a download's small blocks can be read and decoded on another core while
   * the node connects the ones before (4 messages, before, left the reader waiting for most of each
   * group's connect) without letting large ones fill memory.
   */
  static final int MAX_PENDING = 256;

  /** What the writer gathers before a write: a few dozen small blocks. */
  private static final int WRITE_BUFFER_BYTES = 32 << 10;

  /**
   * The socket receive buffer a peer connection asks for (the system may grant less: Linux caps it
   * at net.core.rmem_max, often 208 KiB, and doubles it). Linux's own starting size, 128 KiB, is
   * about two segments on loopback, where a segment may hold 64 KiB: when the reader fell behind a
   * burst of blocks, the window closed, and a 2,000-block download over loopback then stalled for
   * TCP's retry timer (200 ms) once or twice in half the runs. Set before connecting or listening,
   * so the connection's window scale can cover it.
   */
  static final int RECEIVE_BUFFER_BYTES = 1 << 20;

  static final int PENDING_UNIT_BYTES = 16 << 10;
  static final long MAX_OUTBOX_BYTES = 16L << 20;
  private static final byte[] CLOSE_MARKER = new byte[0];
  private static final SecureRandom RANDOM = new SecureRandom();

  interface Listener {
    /** Called on the reader thread; the node must call {@link #handled} once it is done. */
    void onMessage(Peer peer, FrameCodec.Frame frame);

    void onClosed(Peer peer, String reason);

    /** Called on the sending thread with the frame just queued (for the node's event listener). */
    default void onSent(Peer peer, Message message, byte[] frame) {}
  }

  private final Socket socket;
  private final boolean outbound;
  private final String label;
  private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
  private final AtomicLong outboxBytes = new AtomicLong();
  private final Semaphore pending = new Semaphore(MAX_PENDING);
  private volatile boolean closing;
  private volatile boolean closed;
  private volatile String closeReason = "closed";
  private volatile Listener listener;

  /** Where the peer listens, from its version message; null for a client that does not. */
  volatile InetSocketAddress listenAddress;

  /** The peer's version message as received (user agent, protocol version, services...). */
  volatile VersionMessage version;

  /**
   * The nonce of the version we send on this connection: if it comes back on an inbound connection,
   * we dialed ourselves.
   */
  final long localNonce = RANDOM.nextLong();

  /** Set when this outbound connection turned out to reach this very node. */
  volatile boolean toSelf;

  volatile int bestHeight;
  volatile boolean versionReceived;

  private static final AtomicLong NEXT_ID = new AtomicLong();

  /** Numbers this connection for as long as the process runs (Bitcoin Core's peer id). */
  final long id = NEXT_ID.getAndIncrement();

  private final long connectedAt = System.currentTimeMillis() / 1000;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private volatile long lastSend;
  private volatile long lastReceive;
  // The commands of the last messages sent and received, for the explorer's peer page.
  private volatile String lastSendCommand = "";
  private volatile String lastReceiveCommand = "";

  /** When (System.nanoTime) this connection was made: the oldest are kept when evicting. */
  final long connectedNanos = System.nanoTime();

  /**
   * When this peer last gave us a block that became our tip, or a new pool transaction (0: never).
   */
  volatile long lastUsefulBlockNanos;

  volatile long lastUsefulTxNanos;

  /** Our outstanding ping's nonce (0: none) and when we sent it. */
  volatile long pingNonce;

  volatile long pingSentNanos;

  /** The fastest ping round trip seen, in nanoseconds; Long.MAX_VALUE until a pong came back. */
  volatile long minPingNanos = Long.MAX_VALUE;

  /** The last block this peer sent us: the next block request may start there. */
  volatile Sha256Hash lastBlock;

  /**
   * When this peer last delivered a block we asked for (or we started asking): requests time out
   * from here.
   */
  volatile long lastDelivery = System.nanoTime();

  Peer(Socket socket, boolean outbound) throws SocketException {
    socket.setSoTimeout(STALL_TIMEOUT_MS);
    this.socket = socket;
    this.outbound = outbound;
    this.label = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
  }

  boolean isOutbound() {
    return outbound;
  }

  InetAddress remoteAddress() {
    return socket.getInetAddress();
  }

  /** The other end of the connection, as the socket sees it. */
  InetSocketAddress remoteSocketAddress() {
    return new InetSocketAddress(socket.getInetAddress(), socket.getPort());
  }

  /** The version message the peer sent, or null before it did. */
  VersionMessage version() {
    return version;
  }

  /** How the logs name this peer: where it listens if we know, else its socket address. */
  @Override
  public String toString() {
    InetSocketAddress l = listenAddress;
    return l != null ? NetworkAddress.format(l) : label;
  }

  void start(Listener listener) {
    this.listener = listener;
    Thread reader = new Thread(() -> readLoop(listener), "peer-reader " + label);
    reader.setDaemon(true);
    reader.start();
    Thread writer = new Thread(this::writeLoop, "peer-writer " + label);
    writer.setDaemon(true);
    writer.start();
  }

  private void readLoop(Listener listener) {
    try (CountingInput counting = new CountingInput(socket.getInputStream());
        InputStream in = new BufferedInputStream(counting)) {
      while (!closed) {
        in.mark(1);
        try {
          if (in.read() < 0) {
            throw new EOFException();
          }
        } catch (SocketTimeoutException quiet) {
          continue; // no frame started: an idle peer is fine (the ping timeout watches those)
        }
        in.reset();
        long deadline = messageDeadlineMs;
        counting.frameDeadline = System.nanoTime() + deadline * 1_000_000;
        FrameCodec.Frame m;
        try {
          m = FrameCodec.readFrame(in);
        } catch (SocketTimeoutException | ProtocolViolation e) {
          if (counting.deadlinePassed()) {
            close("a message took longer than " + deadline / 1000.0 + " s to arrive");
            break;
          }
          throw e;
        } finally {
          counting.frameDeadline = 0;
        }
        lastReceive = System.currentTimeMillis() / 1000;
        lastReceiveCommand = m.message().command();
        if (closing) {
          continue; // saying goodbye: read and drop, so the last message we send is not cut off
        }
        // Back-pressure: read no further ahead of the node than this. A stopped node never
        // hands the permits back, so a closed connection stops waiting for them.
        int weight = weight(m);
        while (!pending.tryAcquire(weight, 1, java.util.concurrent.TimeUnit.SECONDS)) {
          if (closed) {
            return;
          }
        }
        listener.onMessage(this, m);
      }
    } catch (EOFException e) {
      close("connection closed by peer");
    } catch (ProtocolViolation e) {
      close("protocol violation: " + e.getMessage());
    } catch (IOException e) {
      close(closing ? closeReason : "connection lost: " + e.getMessage());
    } catch (InterruptedException e) {
      close("interrupted");
    } finally {
      listener.onClosed(this, closeReason);
    }
  }

  /** What {@code getpeerinfo} and the explorer show of this connection. */
  PeerInfo info() {
    InetSocketAddress l = listenAddress;
    VersionMessage v = version;
    return new PeerInfo(
        id,
        label,
        l == null ? "" : NetworkAddress.format(l),
        !outbound,
        v == null ? 0 : v.protocolVersion(),
        v == null ? "" : v.userAgent(),
        v == null ? 0 : v.services(),
        bestHeight,
        bytesSent.get(),
        bytesReceived.get(),
        lastSend,
        lastReceive,
        lastSendCommand,
        lastReceiveCommand,
        connectedAt);
  }

  /** The command in a frame's header: the 12 bytes after the magic, padded with zeros. */
  private static String commandOf(byte[] frame) {
    int end = 4;
    while (end < 16 && frame[end] != 0) {
      end++;
    }
    return new String(frame, 4, end - 4, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Counts the bytes the peer sends us, for {@link PeerInfo}, and holds a message to its deadline:
   * while a frame is being read, no read waits past the moment the whole frame is due.
   */
  private final class CountingInput extends java.io.FilterInputStream {
    /** When (System.nanoTime) the frame being read must be complete; 0 between frames. */
    volatile long frameDeadline;

    CountingInput(InputStream in) {
      super(in);
    }

    boolean deadlinePassed() {
      long d = frameDeadline;
      return d != 0 && System.nanoTime() - d >= 0;
    }

    private void limitWait() throws IOException {
      long d = frameDeadline;
      if (d == 0) {
        socket.setSoTimeout(STALL_TIMEOUT_MS);
        return;
      }
      long leftMs = (d - System.nanoTime()) / 1_000_000;
      if (leftMs <= 0) {
        throw new SocketTimeoutException("message deadline passed");
      }
      socket.setSoTimeout((int) Math.min(STALL_TIMEOUT_MS, leftMs));
    }

    @Override
    public int read() throws IOException {
      limitWait();
      int b = super.read();
      if (b >= 0) {
        bytesReceived.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      limitWait();
      int n = super.read(b, off, len);
      if (n > 0) {
        bytesReceived.addAndGet(n);
      }
      return n;
    }
  }

  /** The node has finished with this message of this peer's. */
  void handled(FrameCodec.Frame frame) {
    pending.release(weight(frame));
  }

  /** What a message waiting for the node counts against {@link #MAX_PENDING}. */
  static int weight(FrameCodec.Frame frame) {
    return 1 + frame.payloadSize() / PENDING_UNIT_BYTES;
  }

  private void writeLoop() {
    // Buffered: frames queued together (a batch of blocks answering one getdata) leave in a few
    // large writes, not one system call and one small TCP segment per frame; flushed as soon as
    // nothing more is queued, so a lone message waits for nothing.
    try (OutputStream out =
        new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_BYTES)) {
      while (!closed) {
        byte[] frame = outbox.take();
        if (frame == CLOSE_MARKER) {
          out.flush();
          close(closeReason);
          break;
        }
        outboxBytes.addAndGet(-frame.length);
        out.write(frame);
        bytesSent.addAndGet(frame.length);
        lastSend = System.currentTimeMillis() / 1000;
        lastSendCommand = commandOf(frame);
        if (outbox.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      close("write failed: " + e.getMessage());
    }
  }

  /** Queues a message; never blocks. */
  void send(Message message) {
    if (closing) {
      return;
    }
    byte[] frame = FrameCodec.encode(message);
    if (outboxBytes.addAndGet(frame.length) > MAX_OUTBOX_BYTES) {
      close("too slow: more than " + (MAX_OUTBOX_BYTES >> 20) + " MB waiting to be sent");
      return;
    }
    outbox.add(frame);
    Listener l = listener;
    if (l != null) {
      l.onSent(this, message, frame);
    }
  }

  /**
   * Says goodbye: sends what is queued (a reject, say), then closes. The socket closes after
   * {@value #LINGER_MS} ms even if the peer never reads, so a stalled peer cannot stay.
   */
  void disconnect(String reason, java.util.concurrent.ScheduledExecutorService timers) {
    if (closing) {
      return;
    }
    closeReason = reason;
    closing = true;
    outbox.add(CLOSE_MARKER);
    try {
      Future<?> unused =
          timers.schedule(
              () -> close(reason), LINGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      close(reason);
    }
  }

  /** Closes the connection at once; the first reason given is the one reported. */
  synchronized void close(String reason) {
    if (closed) {
      return;
    }
    if (!closing) {
      closeReason = reason;
    }
    closing = true;
    closed = true;
    outbox.clear();
    outbox.add(CLOSE_MARKER);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** True once we said goodbye: nothing from this peer is handled any more. */
  boolean isClosing() {
    return closing;
  }

  boolean isClosed() {
    return closed;
  }
}
