package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.testing.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code startnode} as a user runs it: a real node process serves JSON-RPC on its RPC port with the
 * cookie file beside its chain, says so in one log line, and the RPC {@code stop} ends it cleanly
 * and removes the cookie.
 */
class StartNodeApiTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> rpc(int port, String auth, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int newChain() throws Exception {
    int id = Ports.free();
    String created = NodeProcess.run(dir, id, "createwallet");
    String address = created.substring(created.lastIndexOf(' ') + 1);
    NodeProcess.run(dir, id, "createblockchain", "-address", address);
    return id;
  }

  @Test
  void aNodeProcessServesJsonRpcWithItsCookieAndStopsOnRequest() throws Exception {
    int id = newChain();
    int rpcPort = Ports.free();
    NodeProcess node =
        NodeProcess.start(
            dir,
            id,
            dir.resolve("node.log"),
            null,
            "startnode",
            "-central",
            "localhost:" + id,
            "-rpcport",
            String.valueOf(rpcPort));
    try {
      String line = node.awaitLine("HTTP API", Duration.ofSeconds(60));
      assertThat(line)
          .contains("JSON-RPC at POST http://127.0.0.1:" + rpcPort + "/")
          .contains("REST at http://127.0.0.1:" + rpcPort + "/api/");
      Path cookie = dir.resolve(".cookie_" + id);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)))
          .isEqualTo("rw-------");
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(Files.readString(cookie).getBytes(StandardCharsets.US_ASCII));
      String count =
          "{\"jsonrpc\":\"1.0\",\"id\":\"t\",\"method\":\"getblockcount\",\"params\":[]}";
      assertThat(rpc(rpcPort, null, count).statusCode()).isEqualTo(401);
      assertThat(rpc(rpcPort, auth, count).body())
          .isEqualTo("{\"result\":0,\"error\":null,\"id\":\"t\"}\n");
      assertThat(rpc(rpcPort, auth, "{\"id\":1,\"method\":\"stop\"}").body())
          .contains("\"result\":\"minicoin stopping\"");
      node.awaitLine("stopped", Duration.ofSeconds(30));
      assertThat(node.waitForExit(Duration.ofSeconds(30))).isZero();
      assertThat(cookie).doesNotExist();
    } finally {
      node.stop();
    }
  }

  @Test
  void badRpcFlagsAreNamedAndTheNodeDoesNotStart() throws Exception {
    int id = newChain();
    assertThatThrownBy(
            () ->
                NodeProcess.run(
                    dir, id, "startnode", "-central", "localhost:" + id, "-rpcuser", "bob"))
        .hasMessageContaining("-rpcuser and -rpcpassword go together");
    assertThatThrownBy(
            () ->
                NodeProcess.run(
                    dir, id, "startnode", "-central", "localhost:" + id, "-rpcport", "70000"))
        .hasMessageContaining("-rpcport 70000 is not a port number");
    // An API port in use stops the node before it dials anyone, as Bitcoin Core starts its RPC
    // server before the network: a central node that sees a connection means it dialled first.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket central = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  NodeProcess.run(
                      dir,
                      id,
                      "startnode",
                      "-central",
                      "127.0.0.1:" + central.getLocalPort(),
                      "-rpcport",
                      String.valueOf(taken.getLocalPort())))
          .hasMessageContaining("cannot serve the HTTP API on 127.0.0.1:" + taken.getLocalPort())
          .hasMessageNotContaining("Exception");
      // The process has ended: a connection it made would wait in the backlog, accepted or not.
      central.setSoTimeout(300);
      assertThatThrownBy(central::accept).isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(dir.resolve(".cookie_" + id)).doesNotExist();
  }
}
