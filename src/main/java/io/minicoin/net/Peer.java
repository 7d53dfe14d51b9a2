package io.minicoin.net;

import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.ProtocolViolation;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP connection to another node (or to a command-line client). A reader thread decodes
 * frames and hands each message to the node; a writer thread sends queued messages, so a slow
 * peer never blocks the node. A peer that breaks the protocol is closed with the reason.
 */
final class Peer {
  /** Messages waiting to be written; a peer that lets more pile up is too slow to keep. */
  private static final int MAX_QUEUED = 10_000;

  interface Listener {
    void onMessage(Peer peer, Message message);

    void onClosed(Peer peer, String reason);
  }

  private final Socket socket;
  private final boolean outbound;
  private final String label;
  private final BlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(MAX_QUEUED);
  private static final byte[] CLOSE_MARKER = new byte[0];
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile String closeReason = "closed";

  /** Where the peer listens, from its version message; null for a client that does not. */
  volatile HostPort listenAddress;
  volatile int bestHeight;
  volatile boolean versionReceived;

  /** How long a frame may stall halfway before the peer is dropped. */
  static final int STALL_TIMEOUT_MS = 5_000;

  Peer(Socket socket, boolean outbound) throws java.net.SocketException {
    socket.setSoTimeout(STALL_TIMEOUT_MS);
    this.socket = socket;
    this.outbound = outbound;
    this.label = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
  }

  boolean isOutbound() {
    return outbound;
  }

  /** How the logs name this peer: where it listens if we know, else its socket address. */
  @Override
  public String toString() {
    HostPort l = listenAddress;
    return l != null ? l.toString() : label;
  }

  void start(Listener listener) {
    Thread reader = new Thread(() -> readLoop(listener), "peer-reader " + label);
    reader.setDaemon(true);
    reader.start();
    Thread writer = new Thread(this::writeLoop, "peer-writer " + label);
    writer.setDaemon(true);
    writer.start();
  }

  private void readLoop(Listener listener) {
    try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
      while (!closed.get()) {
        Message m;
        try {
          m = FrameCodec.read(in);
        } catch (java.net.SocketTimeoutException quiet) {
          continue; // no frame started: an idle peer is fine
        }
        listener.onMessage(this, m);
      }
    } catch (EOFException e) {
      close("connection closed by peer");
    } catch (ProtocolViolation e) {
      close("protocol violation: " + e.getMessage());
    } catch (IOException e) {
      close(closed.get() ? closeReason : "connection lost: " + e.getMessage());
    } finally {
      listener.onClosed(this, closeReason);
    }
  }

  private void writeLoop() {
    try (OutputStream out = socket.getOutputStream()) {
      while (!closed.get()) {
        byte[] frame = outbox.take();
        if (frame == CLOSE_MARKER) {
          out.flush();
          close(closeReason);
          break;
        }
        out.write(frame);
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
    if (closing.get()) {
      return;
    }
    if (!outbox.offer(FrameCodec.encode(message))) {
      close("too slow: " + MAX_QUEUED + " messages waiting to be sent");
    }
  }

  /** Sends what is queued (a reject, say), then closes. */
  void disconnect(String reason) {
    if (closing.compareAndSet(false, true)) {
      closeReason = reason;
      if (!outbox.offer(CLOSE_MARKER)) {
        close(reason);
      }
    }
  }

  /** Closes the connection at once; the first reason given is the one reported. */
  void close(String reason) {
    closing.set(true);
    if (closed.compareAndSet(false, true)) {
      closeReason = reason;
      outbox.clear();
      outbox.offer(CLOSE_MARKER);
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  boolean isClosed() {
    return closed.get();
  }
}
