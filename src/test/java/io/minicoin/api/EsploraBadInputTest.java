package io.minicoin.api;

import static io.minicoin.api.EsploraRestTest.get;
import static io.minicoin.api.EsploraRestTest.post;
import static io.minicoin.api.EsploraRestTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client gets wrong gets a plain-text reason and a 400 or 404, as Esplora answers; nothing
 * is stored, no stack trace is shown, and the node keeps serving.
 */
class EsploraBadInputTest {
  @TempDir Path dir;

  private static void expect(ApiTestNode n, String path, int status, String body) throws Exception {
    HttpResponse<byte[]> r = get(n, path);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(path).isEqualTo(body);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
  }

  @Test
  void malformedAndUnknownThingsAreNamed() throws Exception {
    try (ApiTestNode n = new ApiTestNode(dir)) {
      n.chain.mineOnTip();
      String tip = n.chain.tip().hash().toString();
      String unknown = "00".repeat(31) + "01";
      expect(n, "/api/block/xyz", 400, "Invalid hash string");
      expect(n, "/api/block/" + "zz".repeat(32), 400, "Invalid hash string");
      expect(n, "/api/block/" + unknown, 404, "Block not found");
      expect(n, "/api/block/" + unknown + "/txs", 404, "Block not found");
      expect(n, "/api/block/" + tip + "/txs/3", 404, "start index out of range");
      expect(n, "/api/block/" + tip + "/txid/7", 404, "tx index out of range");
      expect(n, "/api/block/" + tip + "/nonsense", 404, "endpoint does not exist");
      expect(n, "/api/tx/" + unknown, 404, "Transaction not found");
      expect(n, "/api/tx/" + unknown + "/outspends", 404, "Transaction not found");
      expect(n, "/api/block-height/99", 404, "Block not found");
      expect(n, "/api/block-height/-1", 400, "Invalid number");
      expect(n, "/api/block-height/99999999999", 400, "Invalid number");
      expect(n, "/api/blocks/abc", 400, "Invalid number");
      expect(n, "/api/address/notanaddress", 400, "Invalid Bitcoin address");
      expect(n, "/api/address/%3Cscript%3E", 400, "Invalid Bitcoin address");
      expect(n, "/api/scripthash/zz", 400, "Invalid hex string");
      expect(n, "/api/scripthash/" + "ab".repeat(31), 400, "Invalid scripthash");
      expect(
          n,
          "/api/address/1BoatSLRHtKNngkdXEeobR76b53LETtpyT/txs/chain/xyz",
          400,
          "Invalid hash string");
      expect(n, "/api/nothing/here", 404, "endpoint does not exist");
      expect(n, "/api/", 404, "endpoint does not exist");
      // an unconfirmed or unknown last-seen txid ends the list rather than restarting it
      assertThat(text(n, "/api/address/1BoatSLRHtKNngkdXEeobR76b53LETtpyT/txs/chain/" + unknown))
          .isEqualTo("[]");

      HttpResponse<String> garbage = post(n, "/api/tx", "not hex at all");
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body())
          .isEqualTo(
              "sendrawtransaction RPC error: {\"code\":-22,\"message\":\"TX decode failed\"}");
      assertThat(post(n, "/api/tx", "0100").statusCode()).isEqualTo(400);
      HttpResponse<String> huge = post(n, "/api/tx", "00".repeat(HttpBodies.MAX_BODY / 2 + 1));
      assertThat(huge.statusCode()).isEqualTo(413);
      HttpResponse<String> delete =
          n.http.send(
              HttpRequest.newBuilder(n.uri("/api/tx")).DELETE().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(delete.statusCode()).isEqualTo(405);

      // nothing changed, and the node still answers
      assertThat(text(n, "/api/blocks/tip/hash")).isEqualTo(tip);
      assertThat(text(n, "/api/mempool/txids")).isEqualTo("[]");
    }
  }
}
