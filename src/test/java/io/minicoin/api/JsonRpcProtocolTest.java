package io.minicoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON-RPC as Bitcoin Core frames it: versions, batches, errors, authentication, limits. */
class JsonRpcProtocolTest {
  @TempDir static Path dir;
  static ApiTestNode n;

  @BeforeAll
  static void start() throws Exception {
    n = new ApiTestNode(dir);
    n.chain.extend(n.chain.tip(), 3);
  }

  @AfterAll
  static void stop() {
    n.close();
  }

  private HttpResponse<String> post(String auth, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(n.uri("/")).POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return n.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String userPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return RpcJson.MAPPER.readTree(r.body());
  }

  @Test
  void theCookieFileHoldsACookieUserAndARandomSecretReadableByItsOwnerOnly() throws Exception {
    String cookie = Files.readString(n.cookie);
    assertThat(cookie).matches("__cookie__:[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n.cookie)))
        .isEqualTo("rw-------");
  }

  @Test
  void withoutCredentialsTheAnswerIs401AndNothingElse() throws Exception {
    String call = "{\"method\":\"getblockcount\",\"id\":1}";
    for (String auth :
        new String[] {
          null, basic("__cookie__:wrong"), basic("alice:wrong"), "Bearer x", basic("alice")
        }) {
      HttpResponse<String> r = post(auth, call);
      assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
      assertThat(r.body()).isEmpty();
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"jsonrpc\"");
    }
    assertThat(json(post(basic("alice:s3cret"), call)).get("result").intValue()).isEqualTo(3);
  }

  @Test
  void aLegacyRequestGetsResultErrorAndId() throws Exception {
    HttpResponse<String> r =
        n.post("{\"jsonrpc\":\"1.0\",\"id\":\"curltest\",\"method\":\"getblockcount\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"result\":3,\"error\":null,\"id\":\"curltest\"}\n");
  }

  @Test
  void aVersion2RequestGetsJsonrpcAndResultOnly() throws Exception {
    HttpResponse<String> r = n.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getblockcount\"}");
    assertThat(r.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":3,\"id\":7}\n");
    HttpResponse<String> e = n.post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"nosuchmethod\"}");
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},"
                + "\"id\":8}\n");
  }

  @Test
  void aVersion2NotificationRunsWithoutAnAnswer() throws Exception {
    HttpResponse<String> r = n.post("{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"}");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void legacyErrorsCarryCoresHttpStatus() throws Exception {
    HttpResponse<String> unknown = n.post("{\"id\":1,\"method\":\"nosuchmethod\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").get("code").intValue()).isEqualTo(-32601);
    assertThat(json(unknown).get("result").isNull()).isTrue();
    HttpResponse<String> badParams = n.post("{\"id\":1,\"method\":\"getblockcount\",\"params\":5}");
    assertThat(badParams.statusCode()).isEqualTo(400);
    assertThat(json(badParams).get("error").get("code").intValue()).isEqualTo(-32600);
    HttpResponse<String> noMethod = n.post("{\"id\":1,\"method\":7}");
    assertThat(json(noMethod).get("error").get("message").textValue())
        .isEqualTo("Method must be a string");
    HttpResponse<String> tooMany = n.post("{\"id\":1,\"method\":\"getblockcount\",\"params\":[1]}");
    assertThat(tooMany.statusCode()).isEqualTo(500);
    assertThat(json(tooMany).get("error").get("code").intValue()).isEqualTo(-1);
    assertThat(json(tooMany).get("error").get("message").textValue()).startsWith("getblockcount");
  }

  @Test
  void malformedJsonIsAParseErrorWithoutAStackTrace() throws Exception {
    for (String body : new String[] {"", "{", "{\"method\":", "nonsense", "\"x\"", "[1,2"}) {
      HttpResponse<String> r = n.post(body);
      assertThat(r.statusCode()).as(body).isEqualTo(500);
      JsonNode error = json(r).get("error");
      assertThat(error.get("code").intValue()).as(body).isEqualTo(-32700);
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
    }
  }

  @Test
  void aBatchIsAnsweredInOrderWithNotificationsLeftOut() throws Exception {
    HttpResponse<String> r =
        n.post(
            "[{\"id\":1,\"method\":\"getblockcount\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"},"
                + "{\"id\":2,\"method\":\"nosuchmethod\"},"
                + "5,"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"getbestblockhash\"}]");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a).hasSize(4);
    assertThat(a.get(0).get("result").intValue()).isEqualTo(3);
    assertThat(a.get(1).get("error").get("code").intValue()).isEqualTo(-32601);
    assertThat(a.get(1).get("id").intValue()).isEqualTo(2);
    assertThat(a.get(2).get("error").get("code").intValue()).isEqualTo(-32600);
    assertThat(a.get(3).get("result").textValue()).isEqualTo(n.chain.tip().hash().toString());
    assertThat(n.post("[]").body()).isEqualTo("[]\n");
  }

  @Test
  void namedParametersMapOntoCoresNames() throws Exception {
    HttpResponse<String> r =
        n.post("{\"id\":1,\"method\":\"help\",\"params\":{\"command\":\"getblockcount\"}}");
    assertThat(json(r).get("result").textValue()).startsWith("getblockcount\n");
    HttpResponse<String> unknown =
        n.post("{\"id\":1,\"method\":\"help\",\"params\":{\"nosuch\":1}}");
    assertThat(json(unknown).get("error").get("code").intValue()).isEqualTo(-8);
    assertThat(json(unknown).get("error").get("message").textValue())
        .isEqualTo("Unknown named parameter nosuch");
  }

  @Test
  void anOversizedBodyIsRefusedWith413AndTheNodeKeepsServing() throws Exception {
    byte[] big = new byte[HttpBodies.MAX_BODY + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> r =
        n.http.send(
            HttpRequest.newBuilder(n.uri("/"))
                .header("Authorization", n.cookieAuth())
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(n.result("getblockcount").intValue()).isEqualTo(3);
  }

  @Test
  void unknownPathsAndMethodsGetHttpErrors() throws Exception {
    HttpResponse<String> get =
        n.http.send(
            HttpRequest.newBuilder(n.uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isIn(200, 405); // the explorer may serve a page at GET /
    HttpResponse<String> nowhere =
        n.http.send(
            HttpRequest.newBuilder(URI.create(n.api.url() + "no/such/path"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(nowhere.statusCode()).isEqualTo(404);
  }
}
