package io.minicoin.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names in a {@link NodeConfig}, resolved once when the node starts. From then on the node
 * works with addresses only: a name lookup can be slow or fail, and it must not happen on the
 * threads that handle peers and timers (nor give a different answer each time).
 *
 * @param listen where this node listens; a wildcard ({@code 0.0.0.0}) if it listens on every
 *     interface
 * @param central where the central node listens
 * @param isCentral whether this node is the central node: the central address is one of this
 *     machine's and has this node's port
 * @param interfaces this machine's addresses, listed once: asking the system for each address a
 *     peer mentions would cost a system call per address on the event thread
 */
record NodeAddresses(
    InetSocketAddress listen,
    InetSocketAddress central,
    boolean isCentral,
    Set<InetAddress> interfaces) {

  NodeAddresses {
    interfaces = Set.copyOf(interfaces);
  }

  /**
   * Looks up the configured names.
   *
   * @throws UnknownHostException naming the host that has no address
   */
  static NodeAddresses resolve(NodeConfig config) throws UnknownHostException {
    InetAddress bind = lookUp(config.bindHost(), "listen address");
    InetSocketAddress central =
        new InetSocketAddress(
            lookUp(config.central().host(), "central node"), config.central().port());
    Set<InetAddress> interfaces = interfaceAddresses();
    boolean isCentral =
        central.getPort() == config.port() && isLocal(central.getAddress(), interfaces);
    return new NodeAddresses(
        new InetSocketAddress(bind, config.port()), central, isCentral, interfaces);
  }

  private static Set<InetAddress> interfaceAddresses() {
    try {
      return NetworkInterface.networkInterfaces()
          .flatMap(NetworkInterface::inetAddresses)
          .collect(Collectors.toSet());
    } catch (SocketException e) {
      return Set.of(); // none listed: loopback and the wildcard are still recognized
    }
  }

  private static InetAddress lookUp(String host, String what) throws UnknownHostException {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UnknownHostException("cannot resolve the " + what + " '" + host + "'");
    }
  }

  /** Whether {@code a} is this machine: loopback, the wildcard, or one of its interfaces. */
  private static boolean isLocal(InetAddress a, Set<InetAddress> interfaces) {
    return a.isLoopbackAddress() || a.isAnyLocalAddress() || interfaces.contains(a);
  }

  /** Whether a node listening at {@code a} is this node. */
  boolean isSelf(InetSocketAddress a) {
    return a.getPort() == listen.getPort()
        && (a.getAddress().equals(listen.getAddress()) || isLocal(a.getAddress(), interfaces));
  }
}
