package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * One answer of the REST API: a status, a content type and the bytes. (The array is handed over to
 * the HTTP server as it is; replies are not compared.)
 */
@SuppressWarnings("ArrayRecordComponent")
record RestReply(int status, String contentType, byte[] body) {
  static RestReply json(JsonNode node) {
    return new RestReply(200, "application/json", RpcJson.write(node));
  }

  static RestReply text(String text) {
    return new RestReply(200, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  static RestReply binary(byte[] bytes) {
    return new RestReply(200, "application/octet-stream", bytes);
  }

  /**
   * A refusal in Esplora's style: a plain-text reason with 400 (the request is wrong) or 404 (the
   * thing asked for is not known).
   */
  @SuppressWarnings("JavaLangClash") // always written RestReply.Error, never plain Error
  static final class Error extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    Error(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    static Error badRequest(String message) {
      return new Error(400, message);
    }

    static Error notFound(String message) {
      return new Error(404, message);
    }

    RestReply reply() {
      return new RestReply(status, "text/plain", getMessage().getBytes(StandardCharsets.UTF_8));
    }
  }
}
