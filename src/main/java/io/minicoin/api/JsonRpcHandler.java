package io.minicoin.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.minicoin.chain.Blockchain;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over {@code POST /} exactly as Bitcoin Core answers it (its {@code httprpc.cpp}):
 *
 * <ul>
 *   <li>a request without {@code "jsonrpc":"2.0"} is the legacy 1.0 style: the reply has both
 *       {@code result} and {@code error} (one of them null) and {@code id}; a failed call also gets
 *       an HTTP error status (400 for an invalid request, 404 for an unknown method, 500
 *       otherwise), which 1.0 clients expect;
 *   <li>with {@code "jsonrpc":"2.0"} the reply has {@code jsonrpc}, {@code result} or {@code error}
 *       (not both) and {@code id}, always with HTTP 200; a request without {@code id} is a
 *       notification: it runs, and the answer is 204 with no body;
 *   <li>an array is a batch: each element is answered in order inside one HTTP 200 reply;
 *   <li>a body that is not JSON is {@code -32700 Parse error} (HTTP 500, as in Core).
 * </ul>
 */
final class JsonRpcHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcHandler.class);

  private final RpcMethods methods;

  JsonRpcHandler(RpcMethods methods) {
    this.methods = methods;
  }

  /** One parsed request: what is needed to answer it, even when the call fails. */
  private record Call(JsonNode id, boolean v2) {
    boolean isNotification() {
      return v2 && id == null;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    byte[] body = HttpBodies.read(ex, HttpBodies.MAX_BODY);
    if (body == null) {
      return; // too large: answered already
    }
    JsonNode request;
    try {
      request = RpcJson.MAPPER.readTree(body);
    } catch (JacksonException e) {
      request = null;
    }
    if (request == null || request.isMissingNode()) {
      reply(
          ex,
          500,
          error(new Call(NullNode.getInstance(), false), RpcException.PARSE_ERROR, "Parse error"));
      return;
    }
    if (request.isArray()) {
      ArrayNode replies = RpcJson.array();
      for (JsonNode element : request) {
        Call call = callOf(element);
        ObjectNode r = execute(element, call);
        if (!call.isNotification()) {
          replies.add(r);
        }
      }
      if (replies.isEmpty() && !request.isEmpty()) {
        reply(ex, 204, null); // a batch of notifications only
      } else {
        reply(ex, 200, replies);
      }
      return;
    }
    if (!request.isObject()) {
      reply(
          ex,
          500,
          error(
              new Call(NullNode.getInstance(), false),
              RpcException.PARSE_ERROR,
              "Top-level object parse error"));
      return;
    }
    Call call = callOf(request);
    ObjectNode r = execute(request, call);
    if (call.isNotification()) {
      reply(ex, 204, null);
      return;
    }
    int status = 200;
    if (!call.v2() && r.hasNonNull("error")) {
      int code = r.get("error").get("code").intValue();
      status =
          code == RpcException.INVALID_REQUEST
              ? 400
              : code == RpcException.METHOD_NOT_FOUND ? 404 : 500;
    }
    reply(ex, status, r);
  }

  /** The id and version, read leniently: an error reply names them even for a bad request. */
  private static Call callOf(JsonNode request) {
    if (!request.isObject()) {
      return new Call(NullNode.getInstance(), false);
    }
    JsonNode version = request.get("jsonrpc");
    boolean v2 = version != null && version.isTextual() && version.textValue().equals("2.0");
    return new Call(request.get("id"), v2);
  }

  private ObjectNode execute(JsonNode request, Call call) {
    try {
      return result(call, run(request));
    } catch (RpcException e) {
      return error(call, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      if (Blockchain.isStorageFailure(e)) {
        throw e; // not this call's fault: the server answers 500 and stops the node
      }
      log.error("internal error in JSON-RPC call {}", request.path("method").asText(), e);
      return error(
          call, RpcException.MISC_ERROR, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private JsonNode run(JsonNode request) {
    if (!request.isObject()) {
      throw new RpcException(RpcException.INVALID_REQUEST, "Invalid Request object");
    }
    JsonNode version = request.get("jsonrpc");
    if (version != null && !version.isNull()) {
      if (!version.isTextual()) {
        throw new RpcException(RpcException.INVALID_REQUEST, "jsonrpc field must be a string");
      }
      if (!version.textValue().equals("1.0") && !version.textValue().equals("2.0")) {
        throw new RpcException(RpcException.INVALID_REQUEST, "JSON-RPC version not supported");
      }
    }
    JsonNode name = request.get("method");
    if (name == null || name.isNull()) {
      throw new RpcException(RpcException.INVALID_REQUEST, "Missing method");
    }
    if (!name.isTextual()) {
      throw new RpcException(RpcException.INVALID_REQUEST, "Method must be a string");
    }
    JsonNode params = request.get("params");
    if (params == null || params.isNull()) {
      params = RpcJson.array();
    } else if (!params.isArray() && !params.isObject()) {
      throw new RpcException(RpcException.INVALID_REQUEST, "Params must be an array or object");
    }
    RpcMethod method =
        methods
            .find(name.textValue())
            .orElseThrow(() -> new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found"));
    JsonNode result = method.body().call(RpcArgs.of(method, params));
    return result == null ? NullNode.getInstance() : result;
  }

  private static ObjectNode result(Call call, JsonNode result) {
    ObjectNode r = RpcJson.object();
    if (call.v2()) {
      r.put("jsonrpc", "2.0");
    }
    r.set("result", result);
    if (!call.v2()) {
      r.putNull("error");
    }
    putId(r, call);
    return r;
  }

  private static ObjectNode error(Call call, int code, String message) {
    ObjectNode r = RpcJson.object();
    if (call.v2()) {
      r.put("jsonrpc", "2.0");
    } else {
      r.putNull("result");
    }
    ObjectNode e = r.putObject("error");
    e.put("code", code);
    e.put("message", message);
    putId(r, call);
    return r;
  }

  private static void putId(ObjectNode r, Call call) {
    if (call.id() != null) {
      r.set("id", call.id()); // a request without an id gets a reply without one, as from Core
    }
  }

  private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    byte[] json = RpcJson.write(body);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    HttpBodies.send(ex, status, "application/json", line);
  }
}
