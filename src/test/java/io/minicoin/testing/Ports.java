package io.minicoin.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for tests that run real nodes.
 *
 * <p>Asking the kernel for a free port (binding port 0) and closing it again leaves a race: the
 * kernel hands the same ephemeral ports to outgoing connections, so another test's client socket
 * can take the port before our node binds it, and the node fails with "address in use". So ports
 * come from BELOW the kernel's ephemeral range (which outgoing connections never use), and each one
 * is reserved for the rest of this test run by a lock file that other test JVMs on the machine
 * (other engineers, other Maven forks) respect: no two tests ever get the same port. A node started
 * from the command line also opens its HTTP API on its port + 5000, so that port is checked and
 * reserved with it.
 */
public final class Ports {
  private Ports() {}

  /** Where the ephemeral range starts when the system does not say (Linux's default). */
  private static final int DEFAULT_EPHEMERAL_LOW = 32768;

  /** The lowest port we hand out: above the ports people pick by hand (3000, 8000, 8332...). */
  private static final int LOWEST = 10000;

  /** A command-line node's HTTP API port is its own + this (StartNodeCommand.API_PORT_OFFSET). */
  private static final int API_OFFSET = 5000;

  private static final Path LOCKS =
      Path.of(System.getProperty("java.io.tmpdir"), "minicoin-test-ports");

  /** Held until this JVM exits: the kernel releases the locks then. */
  private static final List<FileChannel> held = new ArrayList<>();

  private static final Set<Integer> given = new HashSet<>();

  /**
   * A port nothing listens on right now, outside the ephemeral range, and given to no other test on
   * this machine while this JVM runs; the same holds for the port 5000 above it.
   */
  public static synchronized int free() throws IOException {
    int highest = ephemeralLow() - 1 - API_OFFSET;
    int span = highest - LOWEST + 1;
    int start = ThreadLocalRandom.current().nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = LOWEST + (start + i) % span;
      if (!given.contains(port)
          && !given.contains(port + API_OFFSET)
          && reserve(port)
          && reserve(port + API_OFFSET)
          && unbound(port)
          && unbound(port + API_OFFSET)) {
        given.add(port + API_OFFSET);
        given.add(port);
        return port;
      }
    }
    throw new IOException(
        "no free loopback port (with its API port + "
            + API_OFFSET
            + ") between "
            + LOWEST
            + " and "
            + highest);
  }

  private static boolean reserve(int port) throws IOException {
    Files.createDirectories(LOCKS);
    FileChannel ch =
        FileChannel.open(
            LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException ours) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      return false;
    }
    held.add(ch);
    return true;
  }

  private static boolean unbound(int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
      int low = new java.util.Scanner(range).nextInt();
      return low > LOWEST + API_OFFSET + 1000 ? low : DEFAULT_EPHEMERAL_LOW;
    } catch (IOException | RuntimeException notLinux) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }
}
