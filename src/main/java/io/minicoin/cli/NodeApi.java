package io.minicoin.cli;

import io.minicoin.api.ApiServer;
import io.minicoin.api.NodeServices;
import io.minicoin.api.RpcCredentials;
import io.minicoin.net.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a running node's HTTP API: the cookie file, the server, the one log line with URLs. */
final class NodeApi {
  private static final Logger log = LoggerFactory.getLogger(NodeApi.class);

  private NodeApi() {}

  static ApiServer start(
      Node running,
      NodeOptions options,
      InetSocketAddress address,
      String rpcUser,
      String rpcPassword,
      CountDownLatch stopRequested) {
    Path cookie = options.dir().resolve(".cookie_" + options.port());
    RpcCredentials credentials;
    try {
      credentials =
          RpcCredentials.create(
              cookie, Optional.ofNullable(rpcUser), Optional.ofNullable(rpcPassword));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new UserError(e.getMessage());
    }
    NodeServices services =
        new NodeServices(
            running,
            options.chainFile(),
            options.walletFile(),
            stopRequested::countDown,
            Instant.now());
    ApiServer api;
    try {
      api = new ApiServer(address, credentials, services, ApiServer.standardRoutes());
    } catch (BindException e) {
      credentials.close();
      throw new UserError(
          "cannot serve the HTTP API on "
              + address.getAddress().getHostAddress()
              + ":"
              + address.getPort()
              + ": "
              + e.getMessage()
              + " (choose another port with -rpcport)");
    } catch (IOException e) {
      credentials.close();
      throw new UserError("cannot start the HTTP API: " + e.getMessage());
    }
    api.start();
    log.info(
        "HTTP API: JSON-RPC at POST {} (cookie {}), REST at {}api/, explorer at {}",
        api.url(),
        cookie,
        api.url(),
        api.url());
    return api;
  }
}
