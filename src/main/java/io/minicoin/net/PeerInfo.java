package io.minicoin.net;

/**
 * One connection as Bitcoin Core's {@code getpeerinfo} describes it (and the explorer's peer page
 * shows it). Times are Unix seconds, 0 for never.
 *
 * @param id this node's number for the connection, in the order they were made
 * @param address the remote socket address, {@code host:port}
 * @param listenAddress where the peer says it accepts connections; empty for a client
 * @param inbound whether the peer connected to us
 * @param version the protocol version in its version message (0 before it sent one)
 * @param userAgent the user agent in its version message ({@code /minicoin:0.1.0/})
 * @param services the service bits it announced
 * @param startingHeight its chain height when it said version
 * @param lastSendCommand the command of the last message sent to it ("" before any)
 * @param lastReceiveCommand the command of the last message it sent us ("" before any)
 */
public record PeerInfo(
    long id,
    String address,
    String listenAddress,
    boolean inbound,
    int version,
    String userAgent,
    long services,
    int startingHeight,
    long bytesSent,
    long bytesReceived,
    long lastSend,
    long lastReceive,
    String lastSendCommand,
    String lastReceiveCommand,
    long connectedAt) {}
