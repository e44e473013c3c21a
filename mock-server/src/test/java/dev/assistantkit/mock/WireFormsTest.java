package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The less common forms of HTTP/1.x, on every road: the engine's, the mock's own endpoints,
 * WireMock's (its admin API, and everything while a user's stub is in place) and the proxy's.
 * Before: two HTTP/1.0 keep-alive requests in one write through WireMock got one answer and a
 * closed connection; {@code OPTIONS *} was a 500 with a MalformedURLException in the log. Now
 * pipelined requests are each answered, in order, on every road; an asterisk-form {@code OPTIONS}
 * is a 200 with {@code Allow}, and every other asterisk-form or odd target a 4xx or a correct
 * answer, never a 5xx.
 */
class WireFormsTest {

  static MockServer mock;
  static MockServer upstream;
  static MockServer proxy;

  static final String PATCH_BODY = "{\"assistant_name\":\"piped\"}";

  @BeforeAll
  static void start() {
    mock = MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    upstream = MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    proxy =
        MockServer.start(
            MockConfig.defaults()
                .withApiKeys(List.of("not-used-by-the-proxy"))
                .withProxy(
                    new MockConfig.Proxy(URI.create(upstream.baseUrl()), Duration.ofSeconds(10))));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
    mock.close();
  }

  /** A road: a server, and whether a user's stub sends everything through WireMock. */
  record Road(String name, boolean proxied, boolean userStub) {
    MockServer server() {
      return proxied ? proxy : mock;
    }

    void enter() {
      if (!proxied) {
        var http = new MockHttp(mock.baseUrl());
        http.post("/__admin/reset", "{}");
        if (userStub) {
          var a =
              http.post(
                  "/__admin/mappings",
                  "{\"request\":{\"urlPath\":\"/user-stub\"},\"response\":{\"status\":203}}");
          assertEquals(201, a.status(), a::text);
        }
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Road> roads() {
    return List.of(
        new Road("engine", false, false),
        new Road("wiremock", false, true),
        new Road("proxy", true, false));
  }

  /** Requests that each road answers, with the status it answers. */
  static List<String[]> requests(Road road) {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"PATCH", "/assistant/update/" + MockHttp.EXAMPLE, "200"});
    out.add(new String[] {"GET", "/docs/index.html", "200"});
    if (!road.proxied()) {
      out.add(new String[] {"GET", "/__admin/health", "200"});
      out.add(new String[] {"GET", "/__mock/assistants", "200"});
      out.add(new String[] {"GET", "/no/such/path", "404"});
    }
    if (road.userStub()) {
      out.add(new String[] {"GET", "/user-stub", "203"});
    }
    return out;
  }

  static String request(String method, String target, String version, String connection) {
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
    b.append("Host: 127.0.0.1\r\n");
    if (!connection.isEmpty()) {
      b.append("Connection: ").append(connection).append("\r\n");
    }
    if (method.equals("PATCH")) {
      b.append("Authorization: Bearer ").append(MockHttp.KEY).append("\r\n");
      b.append("Content-Type: application/json\r\n");
      b.append("Content-Length: ")
          .append(PATCH_BODY.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n\r\n")
          .append(PATCH_BODY);
    } else {
      b.append("\r\n");
    }
    return b.toString();
  }

  static List<Arguments> pipelines() {
    List<Arguments> out = new ArrayList<>();
    for (Road road : roads()) {
      out.add(Arguments.of(road, "HTTP/1.0", "keep-alive"));
      out.add(Arguments.of(road, "HTTP/1.1", ""));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pipelines")
  void requests_sent_in_one_write_are_each_answered_in_order(
      Road road, String version, String connection) {
    road.enter();
    for (String[] r : requests(road)) {
      String one = request(r[0], r[1], version, connection);
      try (RawHttp c = new RawHttp(road.server().port())) {
        c.send(one + one + one);
        for (int i = 0; i < 3; i++) {
          var a = c.read();
          assertEquals(
              Integer.parseInt(r[2]), a.status(), road + " " + version + " " + r[1] + " #" + i);
        }
      }
    }
  }

  static List<Arguments> oddTargets() {
    List<Arguments> out = new ArrayList<>();
    for (Road road : roads()) {
      for (String line :
          List.of(
              "OPTIONS * HTTP/1.1",
              "OPTIONS * HTTP/1.0",
              "GET * HTTP/1.1",
              "PATCH * HTTP/1.1",
              "DELETE * HTTP/1.1",
              "OPTIONS http://127.0.0.1/* HTTP/1.1",
              "GET http://127.0.0.1/__admin/health HTTP/1.1",
              "GET http://evil.example/__admin/mappings HTTP/1.1",
              "CONNECT 127.0.0.1:443 HTTP/1.1",
              "GET ?x=1 HTTP/1.1",
              "GET // HTTP/1.1",
              "GET /.. HTTP/1.1",
              "GET /../__admin/health HTTP/1.1",
              "GET /__admin/../__mock/assistants HTTP/1.1",
              "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
              "GET /docs/..;/__admin HTTP/1.1",
              "GET /a%00b HTTP/1.1",
              "GET /a%2Fb HTTP/1.1",
              "GET /%ff%fe HTTP/1.1",
              "GET /a|b{c}^`d HTTP/1.1",
              "GET /a\\b HTTP/1.1",
              "GET /a\"b<c> HTTP/1.1",
              "PATCH /assistant/update/%ed%a0%80 HTTP/1.1",
              "PATCH /assistant/update/a|b HTTP/1.1",
              "GET /docs/%ed%a0%80 HTTP/1.1",
              "GET /docs/index.html?%ff HTTP/1.1",
              "GET /docs/index.html#frag HTTP/1.1",
              "GET /__mock/assistants/%00 HTTP/1.1")) {
        out.add(Arguments.of(road, line));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("oddTargets")
  void an_asterisk_or_odd_target_is_a_4xx_or_a_correct_answer(Road road, String line) {
    road.enter();
    try (RawHttp c = new RawHttp(road.server().port())) {
      var a = c.send(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").read();
      assertTrue(a.status() < 500, road + " " + line + ": " + a);
      if (line.startsWith("OPTIONS * ")) {
        assertEquals(200, a.status(), road + " " + line + ": " + a);
        assertTrue(a.header("Allow").contains("PATCH"), a::toString);
      }
      if (a.status() >= 400 && a.body().length > 0) {
        // the error shape, or WireMock's own JSON for its admin API (its 404s have no body)
        assertTrue(
            a.header("Content-Type") != null && a.header("Content-Type").contains("json"),
            road + " " + line + ": " + a);
      }
    }
    // and the road still answers
    try (RawHttp c = new RawHttp(road.server().port())) {
      var a =
          c.send(request("PATCH", "/assistant/update/" + MockHttp.EXAMPLE, "HTTP/1.1", "close"))
              .read();
      assertEquals(200, a.status(), road + " after " + line + ": " + a);
    }
  }

  @org.junit.jupiter.api.Test
  void an_http_1_0_client_gets_an_upstreams_chunked_answer_whole_and_told_the_connection_closes()
      throws Exception {
    try (HostileUpstream chunked = new HostileUpstream();
        MockServer front =
            MockServer.start(
                MockConfig.defaults()
                    .withProxy(
                        new MockConfig.Proxy(
                            URI.create("http://127.0.0.1:" + chunked.port()),
                            Duration.ofSeconds(10))))) {
      String body = "{\"success\":true,\"message\":\"chunked\",\"data\":{}}";
      chunked.answer(
          "chunked",
          (socket, request) ->
              HostileUpstream.write(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\n"
                      + Integer.toHexString(body.length())
                      + "\r\n"
                      + body
                      + "\r\n0\r\n\r\n"));
      String one = request("GET", "/anything", "HTTP/1.0", "keep-alive");
      try (RawHttp c = new RawHttp(front.port())) {
        var a = c.send(one + one).read();
        assertEquals(200, a.status(), a::toString);
        assertEquals("close", a.header("Connection"), a::toString);
        assertEquals(body, a.text());
        assertTrue(c.closedByServer(), "the connection it said it closes is closed");
      }
    }
  }
}
