package io.minicoin.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What to believe when a peer says, in its {@code version}, where it listens. We gossip these
 * addresses and dial them, so a peer may only speak for the machine it connects from.
 */
final class ListenAddressClaim {
  private ListenAddressClaim() {}

  /**
   * The address to believe, or null if the claim is false. A wildcard ({@code 0.0.0.0} or {@code
   * ::}: "every interface I have") means the address it connects from; a loopback address is
   * believed from loopback only; any other address must be the one it connects from.
   */
  static InetSocketAddress believe(InetSocketAddress claimed, InetAddress remote) {
    InetAddress a = claimed.getAddress();
    if (a.isAnyLocalAddress()) {
      return new InetSocketAddress(remote, claimed.getPort());
    }
    boolean same = a.equals(remote) || (a.isLoopbackAddress() && remote.isLoopbackAddress());
    return same ? claimed : null;
  }
}
