package io.minicoin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on a loopback port that forwards every connection to {@code target} and records the
 * bytes each way, in the order they passed: what a packet capture between the two would see.
 */
public final class RecordingProxy implements AutoCloseable {
  /** Bytes that passed in one direction of one connection. */
  @SuppressWarnings("ArrayRecordComponent") // bytes as they passed; segments are not compared
  public record Segment(int connection, boolean fromClient, byte[] data) {}

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Segment> segments = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private int connections;

  public RecordingProxy(int target) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), target);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Everything recorded so far, in order. */
  public synchronized List<Segment> segments() {
    return List.copyOf(segments);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target, 3000);
        int id;
        synchronized (this) {
          id = connections++;
          sockets.add(client);
          sockets.add(upstream);
        }
        pump(id, true, client, upstream);
        pump(id, false, upstream, client);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(int id, boolean fromClient, Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[65536];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  synchronized (this) {
                    segments.add(new Segment(id, fromClient, java.util.Arrays.copyOf(buf, n)));
                  }
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // one side went away: so does the relay
              } finally {
                close(from);
                close(to);
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public synchronized void close() throws IOException {
    server.close();
    sockets.forEach(RecordingProxy::close);
  }
}
