package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One error shape on every path: what Jetty answers on its own (bad request line, URI or headers
 * too large, an HTTP version it does not speak, broken framing), what a servlet answers with
 * sendError, and a failure inside the mock (an exception, running out of memory) is JSON {@code
 * {"success":false,"message","errors":[{"rule","in","pointer","message"}]}}: never HTML, a stack
 * trace or a class name, and never a 5xx for a client's mistake.
 */
class ErrorShapeTest {

  static MockServer server;

  /** A user extension that fails, standing in for a bug inside the mock. */
  static final class Failing implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      if (serveEvent.getRequest().getUrl().endsWith("/out-of-memory")) {
        throw new OutOfMemoryError("Java heap space (simulated)");
      }
      throw new IllegalStateException(
          "a bug in an extension at " + serveEvent.getRequest().getUrl());
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return "test-failing";
    }
  }

  @BeforeAll
  static void start() {
    server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)), new Failing());
    MockHttp http = new MockHttp(server.baseUrl());
    for (String path : List.of("/fails/exception", "/fails/out-of-memory")) {
      String stub =
          """
          {"priority": 1, "request": {"method": "GET", "urlPath": "%s"},
           "response": {"transformers": ["test-failing"]}}
          """
              .formatted(path);
      assertEquals(201, http.post("/__admin/mappings", stub).status());
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> jettyLevelErrors() {
    String longUri = "/" + "a".repeat(40_000);
    String longHeader = "X-Big: " + "b".repeat(40_000) + "\r\n";
    return Stream.of(
        Arguments.of("bad request line", "GARBAGE\r\n\r\n", 400, "request.malformed"),
        Arguments.of("no version", "GET /\r\n\r\n", 400, "request.malformed"),
        Arguments.of(
            "HTTP/3.0 (Jetty says 505)",
            "GET / HTTP/3.0\r\nHost: x\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of(
            "HTTP/2.0 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, "request.malformed"),
        Arguments.of(
            "URI too long",
            "GET " + longUri + " HTTP/1.1\r\nHost: x\r\n\r\n",
            414,
            "request.uri-too-long"),
        Arguments.of(
            "headers too large",
            "GET / HTTP/1.1\r\nHost: x\r\n" + longHeader + "\r\n",
            431,
            "request.headers-too-large"),
        Arguments.of(
            "bad Content-Length",
            "PATCH /x HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of(
            "two Content-Lengths",
            "PATCH /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            400,
            "request.malformed"),
        Arguments.of(
            "Transfer-Encoding not chunked",
            "PATCH /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of(
            "bad chunk size",
            "PATCH /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of("no Host", "GET / HTTP/1.1\r\n\r\n", 400, "request.malformed"),
        Arguments.of(
            "bad percent-encoding",
            "GET /assistant/update/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of(
            "lower-case method",
            "get /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of(
            "CONNECT",
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
            400,
            "request.malformed"),
        Arguments.of(
            "an exception in the mock",
            "GET /fails/exception HTTP/1.1\r\nHost: x\r\n\r\n",
            500,
            "server.internal-error"),
        Arguments.of(
            "out of memory in the mock",
            "GET /fails/out-of-memory HTTP/1.1\r\nHost: x\r\n\r\n",
            500,
            "server.internal-error"),
        Arguments.of(
            "a form in an unknown charset",
            "POST /anywhere HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded; charset=bogus\r\nContent-Length: 3\r\n\r\na=b",
            404,
            "route.unknown"),
        Arguments.of(
            "a servlet's 404 (WireMock's files)",
            "GET /__files/none HTTP/1.1\r\nHost: x\r\n\r\n",
            404,
            "route.unknown"),
        Arguments.of(
            "a docs page that is not there",
            "GET /docs/none.js HTTP/1.1\r\nHost: x\r\n\r\n",
            404,
            "route.unknown"),
        Arguments.of(
            "an unknown path",
            "DELETE /nothing/here HTTP/1.1\r\nHost: x\r\n\r\n",
            404,
            "route.unknown"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jettyLevelErrors")
  void every_error_is_json_in_the_error_shape(
      String name, String request, int status, String rule) {
    RawHttp.Answer a;
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(request);
      a = raw.read();
    }
    assertEquals(status, a.status(), a::toString);
    assertShape(a, rule);
  }

  static void assertShape(RawHttp.Answer a, String rule) {
    assertEquals("application/json", a.header("Content-Type"), a::toString);
    String text = a.text();
    String lower = text.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<html") || lower.contains("<h1"), text);
    assertFalse(
        text.contains("Exception") || text.contains("Error:") || text.contains("\tat "), text);
    assertFalse(
        text.contains("java.") || text.contains("org.eclipse") || text.contains("jetty"), text);
    var json = a.json();
    assertEquals(false, json.get("success").asBoolean(), text);
    assertFalse(json.get("message").asString().isBlank(), text);
    var error = json.get("errors").get(0);
    assertEquals(rule, error.get("rule").asString(), text);
    assertTrue(List.of("path", "header", "body").contains(error.get("in").asString()), text);
    assertTrue(error.get("pointer").isString(), text);
    assertFalse(error.get("message").asString().isBlank(), text);
  }

  @Test
  void the_mock_still_answers_after_every_error() {
    every_error_is_json_in_the_error_shape(
        "again",
        "GET /fails/out-of-memory HTTP/1.1\r\nHost: x\r\n\r\n",
        500,
        "server.internal-error");
    MockHttp http = new MockHttp(server.baseUrl());
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"ok\"}").status());
  }
}
