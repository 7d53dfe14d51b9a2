package io.minicoin.net;

import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.ProtocolViolation;
import io.minicoin.net.wire.VersionMessage;
import java.io.BufferedInputStream;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection to another node (or to a command-line client). A reader thread decodes frames
 * and hands each message to the node; a writer thread sends queued messages, so a slow peer never
 * blocks the node. Both directions are bounded: the reader stops reading while this peer has
 * {@value #MAX_PENDING} messages waiting for the node, and a peer that lets more than {@value
 * #MAX_OUTBOX_BYTES} bytes pile up unread is dropped.
 *
 * <p>A connection is open, then closing (we said goodbye: nothing more is handled or queued, what
 * is queued is still sent, and the socket closes soon whatever the peer does), then closed.
 */
final class Peer {
  /** How long a frame may stall halfway before the peer is dropped. */
  static final int STALL_TIMEOUT_MS = 5_000;

  /** How long a closing peer gets to read what we still send it (a reject, say). */
  static final int LINGER_MS = 2_000;

  static final int MAX_PENDING = 4;
  static final long MAX_OUTBOX_BYTES = 16L << 20;
  private static final byte[] CLOSE_MARKER = new byte[0];
  private static final SecureRandom RANDOM = new SecureRandom();

  interface Listener {
    /** Called on the reader thread; the node must call {@link #handled()} once it is done. */
    void onMessage(Peer peer, Message message);

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
    try (InputStream in = new BufferedInputStream(new CountingInput(socket.getInputStream()))) {
      while (!closed) {
        Message m;
        try {
          m = FrameCodec.read(in);
        } catch (SocketTimeoutException quiet) {
          continue; // no frame started: an idle peer is fine
        }
        lastReceive = System.currentTimeMillis() / 1000;
        if (closing) {
          continue; // saying goodbye: read and drop, so the last message we send is not cut off
        }
        pending.acquire(); // back-pressure: read no further ahead of the node than this
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
        connectedAt);
  }

  /** Counts the bytes the peer sends us, for {@link PeerInfo}. */
  private final class CountingInput extends java.io.FilterInputStream {
    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytesReceived.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytesReceived.addAndGet(n);
      }
      return n;
    }
  }

  /** The node has finished with one message of this peer's. */
  void handled() {
    pending.release();
  }

  private void writeLoop() {
    try (OutputStream out = socket.getOutputStream()) {
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
      timers.schedule(() -> close(reason), LINGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
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
