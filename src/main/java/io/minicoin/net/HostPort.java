package io.minicoin.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A node's network address as people write it: {@code localhost:3000}. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("missing host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not host:port");
    }
    try {
      return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not host:port (bad port)");
    }
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  /**
   * The address to believe when a peer connecting from {@code remote} says it listens here, or null
   * if the claim is false. No name is looked up (a slow lookup would stall the node): a name or a
   * wildcard ({@code 0.0.0.0}) is taken to mean the address it connects from, and {@code localhost}
   * is believed from a loopback address only.
   */
  HostPort believedFor(InetAddress remote) {
    if (host.equalsIgnoreCase("localhost")) {
      return remote.isLoopbackAddress() ? this : null;
    }
    if (!isIpLiteral(host)) {
      return new HostPort(remote.getHostAddress(), port);
    }
    InetAddress claimed;
    try {
      claimed = InetAddress.getByName(host); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return null;
    }
    if (claimed.isAnyLocalAddress()) {
      return new HostPort(remote.getHostAddress(), port);
    }
    boolean same =
        claimed.equals(remote) || claimed.isLoopbackAddress() && remote.isLoopbackAddress();
    return same ? this : null;
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  static boolean isLocal(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      return a.isLoopbackAddress()
          || a.isAnyLocalAddress()
          || java.net.NetworkInterface.getByInetAddress(a) != null;
    } catch (UnknownHostException | java.net.SocketException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
