package io.minicoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.api.RpcJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.commons.cli.Option;

/**
 * Asks this node's running node over its JSON-RPC, as {@code bitcoin-cli} does: the password is in
 * the cookie file the node writes beside its chain file at start ({@code .cookie_<NODE_ID>}, which
 * only its owner can read), the port is NODE_ID + 5000 unless {@code -rpcport} says otherwise.
 */
final class RpcClient {
  /** No node of this NODE_ID is running here (no cookie, or nothing listening). */
  static final class NotRunning extends UserError {
    private static final long serialVersionUID = 1L;

    NotRunning(String message) {
      super(message);
    }
  }

  private static final int TIMEOUT_MS = 30_000;

  /** The {@code -rpcport} flag of every command that asks the running node. */
  static Option portFlag() {
    return Flags.value(
        "rpcport",
        "PORT",
        "the node's JSON-RPC port (default: NODE_ID + " + StartNodeCommand.API_PORT_OFFSET + ")");
  }

  private final int nodeId;
  private final Path cookie;
  private final URI url;

  RpcClient(NodeOptions node, Integer rpcPort) {
    this.nodeId = node.port();
    this.cookie = node.dir().resolve(".cookie_" + nodeId);
    int port = rpcPort != null ? rpcPort : nodeId + StartNodeCommand.API_PORT_OFFSET;
    if (port < 1 || port > 65535) {
      throw new UserError("RPC port " + port + " is not a port number: pass -rpcport");
    }
    this.url = URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Calls {@code method} with {@code params} and returns its result.
   *
   * @throws NotRunning if no node runs; {@link UserError} if the node answers with an error
   */
  JsonNode call(String method, Object... params) {
    String auth;
    try {
      auth = Files.readString(cookie, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new NotRunning(
          "node "
              + nodeId
              + " is not running (no cookie file "
              + cookie
              + "): start it with 'startnode', or pass the -datadir it runs in");
    } catch (IOException e) {
      throw new UserError("cannot read the cookie file " + cookie + ": " + e.getMessage());
    }
    ObjectNode request = RpcJson.object();
    request.put("jsonrpc", "1.0").put("id", "minicoin-cli").put("method", method);
    ArrayNode p = request.putArray("params");
    for (Object o : params) {
      p.addPOJO(o);
    }
    JsonNode reply;
    try {
      HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
      try (OutputStream out = c.getOutputStream()) {
        out.write(RpcJson.write(request));
      }
      int status = c.getResponseCode();
      if (status == 401) {
        throw new UserError(
            "node "
                + nodeId
                + " refused the cookie in "
                + cookie
                + " (left by an earlier run? restart the node)");
      }
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (in == null) {
          throw new UserError("node " + nodeId + " answered HTTP " + status + " to " + method);
        }
        reply = RpcJson.MAPPER.readTree(in);
      }
    } catch (ConnectException e) {
      throw new NotRunning(
          "node "
              + nodeId
              + " is not running: nothing answers at "
              + url
              + " (its cookie file "
              + cookie
              + " is left from an earlier run)");
    } catch (SocketTimeoutException e) {
      throw new UserError("node " + nodeId + " did not answer " + method + " in time");
    } catch (IOException e) {
      throw new UserError(
          "talking to node " + nodeId + " at " + url + " failed: " + e.getMessage());
    }
    JsonNode error = reply.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      throw new UserError(
          "node "
              + nodeId
              + " answered "
              + method
              + " with an error: "
              + error.path("message").asText()
              + " (code "
              + error.path("code").asInt()
              + ")");
    }
    return reply.path("result");
  }
}
