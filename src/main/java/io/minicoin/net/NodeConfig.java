package io.minicoin.net;

import io.minicoin.core.Address;
import java.time.Duration;
import java.util.Optional;

/**
 * How a node runs, as configured (names as the user wrote them; {@link NodeAddresses} resolves them
 * at start): where it listens, where the central node is, whether and when it mines.
 *
 * @param port the port it listens on (its NODE_ID)
 * @param bindHost the interface it listens on
 * @param central the central node, which every other node connects to
 * @param miner the address block rewards go to; empty for a node that does not mine
 * @param minPoolSize how many pool transactions make the miner start a block (2 in the seed)
 * @param reconnectAttempts how often the central node tries to reach a known node that went away
 *     before it forgets it
 * @param maxWait the miner also mines fewer than {@code minPoolSize} transactions once the oldest
 *     has waited this long, so a lone payment confirms
 */
public record NodeConfig(
    int port,
    String bindHost,
    HostPort central,
    Optional<Address> miner,
    int minPoolSize,
    int reconnectAttempts,
    Duration reconnectDelay,
    Duration maxWait) {

  /**
   * Bitcoin Core has no such wait (its miners mine continuously); ten seconds suits a classroom.
   */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

  public NodeConfig(
      int port,
      String bindHost,
      HostPort central,
      Optional<Address> miner,
      int minPoolSize,
      int reconnectAttempts,
      Duration reconnectDelay) {
    this(
        port,
        bindHost,
        central,
        miner,
        minPoolSize,
        reconnectAttempts,
        reconnectDelay,
        DEFAULT_MAX_WAIT);
  }

  public static NodeConfig of(int port, HostPort central, Optional<Address> miner) {
    return new NodeConfig(port, "localhost", central, miner, 2, 3, Duration.ofSeconds(1));
  }
}
