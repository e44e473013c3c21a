package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin surface ({@code /__admin}, {@code /__mock}) is closed to web pages of other origins, to
 * a DNS-rebinding page, and beyond loopback to anyone without the token; the API paths keep CORS
 * for any origin. File writing and proxy stubs need a flag; shutdown ends the process.
 */
class AdminSurfaceTest {

  static final String EVIL = "http://evil.example";
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawHttp.Answer raw(String method, String path, String headers, String body) {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + server.port()
              + "\r\n"
              + headers
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
      return raw.read();
    }
  }

  private static int mappings() {
    return http.get("/__admin/mappings").json().get("mappings").size();
  }

  private static void assertNoCorsGrant(RawHttp.Answer a) {
    for (String h : a.headers().keySet()) {
      assertFalse(h.startsWith("access-control-allow"), () -> "granted: " + a);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/__admin/mappings", "/__mock/reset", "/__mock/assistants", "/__admin/reset"})
  void a_foreign_pages_simple_post_is_refused_and_changes_nothing(String path) {
    String id = http.newAssistant("pipeline");
    int before = mappings();
    String stub =
        "{\"request\":{\"method\":\"GET\",\"url\":\"/planted\"},\"response\":{\"status\":200}}";
    for (String headers :
        List.of(
            "Origin: " + EVIL + "\r\nContent-Type: text/plain\r\n",
            "Sec-Fetch-Site: cross-site\r\nContent-Type: text/plain\r\n",
            "Sec-Fetch-Site: same-site\r\nOrigin: http://localhost:3000\r\n",
            "Origin: null\r\n")) {
      var a = raw("POST", path, headers, stub);
      assertEquals(403, a.status(), a::toString);
      ErrorShapeTest.assertShape(a, "admin.cross-origin");
      assertNoCorsGrant(a);
    }
    assertEquals(before, mappings());
    assertEquals(200, http.get("/__mock/assistants/" + id).status(), "the reset went through");
    assertEquals(404, http.get("/planted").status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/__admin/mappings", "/__mock/reset"})
  void a_foreign_preflight_to_the_admin_surface_is_refused_without_cors_headers(String path) {
    var a =
        raw(
            "OPTIONS",
            path,
            "Origin: "
                + EVIL
                + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n",
            "");
    assertEquals(403, a.status(), a::toString);
    assertNoCorsGrant(a);
  }

  @Test
  void the_api_paths_grant_any_origin_preflight_and_errors_included() {
    var pre =
        raw(
            "OPTIONS",
            "/assistant/update/" + MockHttp.EXAMPLE,
            "Origin: "
                + EVIL
                + "\r\nAccess-Control-Request-Method: PATCH\r\nAccess-Control-Request-Headers: authorization, content-type\r\n",
            "");
    assertEquals(200, pre.status(), pre::toString);
    assertEquals(EVIL, pre.header("Access-Control-Allow-Origin"));
    assertTrue(pre.header("Access-Control-Allow-Methods").contains("PATCH"));
    assertTrue(pre.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));
    // an error answer stays readable by the page's script
    var error =
        raw(
            "PATCH",
            "/assistant/update/" + MockHttp.EXAMPLE,
            "Origin: " + EVIL + "\r\nContent-Type: application/json\r\n",
            "{\"assistant_name\":\"x\"}");
    assertEquals(401, error.status(), error::toString);
    assertEquals(EVIL, error.header("Access-Control-Allow-Origin"));
    var refused =
        raw(
            "PATCH",
            "/assistant/update/" + MockHttp.EXAMPLE,
            "Origin: " + EVIL + "\r\nContent-Encoding: br\r\n",
            "x");
    assertEquals(400, refused.status(), refused::toString);
    assertEquals(EVIL, refused.header("Access-Control-Allow-Origin"));
  }

  @Test
  void same_origin_pages_and_clients_without_origin_use_the_admin_surface() {
    String self = "http://127.0.0.1:" + server.port();
    var sameOrigin =
        raw(
            "GET",
            "/__admin/mappings",
            "Origin: " + self + "\r\nSec-Fetch-Site: same-origin\r\n",
            "");
    assertEquals(200, sameOrigin.status(), sameOrigin::toString);
    assertNoCorsGrant(sameOrigin);
    var direct = raw("GET", "/__mock/assistants", "Sec-Fetch-Site: none\r\n", "");
    assertEquals(200, direct.status(), direct::toString);
    assertEquals(200, http.get("/__admin/mappings").status());
  }

  @Test
  void a_dns_rebinding_page_that_names_another_host_is_refused() {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "GET /__admin/mappings HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\n\r\n");
      var a = raw.read();
      assertEquals(403, a.status(), a::toString);
      assertEquals("/Host", a.json().get("errors").get(0).get("pointer").asString());
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /__admin/mappings HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n\r\n");
      assertEquals(200, raw.read().status());
    }
  }

  @Test
  void writing_files_and_proxy_stubs_through_the_admin_api_are_off() {
    var put = raw("PUT", "/__admin/files/planted.txt", "", "hello");
    assertEquals(403, put.status(), put::toString);
    ErrorShapeTest.assertShape(put, "admin.disabled");
    assertEquals(403, raw("DELETE", "/__admin/files/planted.txt", "", "").status());
    int before = mappings();
    String proxy =
        "{\"request\":{\"method\":\"GET\",\"urlPathPattern\":\"/relay/.*\"},"
            + "\"response\":{\"proxyBaseUrl\":\"http://169.254.169.254\"}}";
    for (String[] attempt :
        new String[][] {
          {"POST", "/__admin/mappings", proxy},
          {"POST", "/__admin/mappings/import", "{\"mappings\":[" + proxy + "]}"},
          {"POST", "/__admin/recordings/start", "{\"targetBaseUrl\":\"http://169.254.169.254\"}"},
          {"POST", "/__admin/mappings", proxy.replace("proxyBaseUrl", "proxy\\u0042aseUrl")}
        }) {
      var a = raw(attempt[0], attempt[1], "Content-Type: application/json\r\n", attempt[2]);
      assertEquals(403, a.status(), a::toString);
    }
    assertEquals(before, mappings());
    assertEquals(404, http.get("/relay/latest").status());
  }

  @Test
  void bound_beyond_loopback_the_admin_surface_needs_the_token() throws Exception {
    try (MockServer wide =
        MockServer.start(
            MockConfig.defaults().withHost("0.0.0.0").withApiKeys(List.of(MockHttp.KEY)))) {
      String token = wide.adminToken().orElseThrow();
      assertTrue(token.length() >= 24, "a generated token");
      // 127.0.0.2 is still loopback, but the decision is made on the configured address
      MockHttp other = new MockHttp("http://127.0.0.2:" + wide.port());
      for (String path : List.of("/__admin/mappings", "/__mock/assistants", "/__admin/requests")) {
        var without = other.get(path);
        assertEquals(401, without.status(), without::text);
        assertEquals(
            "admin.token",
            without.json().get("errors").get(0).get("rule").asString(),
            without::text);
        assertTrue(without.headers().firstValue("WWW-Authenticate").isPresent());
        var wrong =
            other.send(
                "GET",
                path,
                java.net.http.HttpRequest.BodyPublishers.noBody(),
                Map.of("Authorization", "Bearer " + token + "x"));
        assertEquals(401, wrong.status());
        var with =
            other.send(
                "GET",
                path,
                java.net.http.HttpRequest.BodyPublishers.noBody(),
                Map.of("Authorization", "Bearer " + token));
        assertEquals(200, with.status(), with::text);
      }
      // the readiness check and the API need no admin token
      assertEquals(200, other.get("/__admin/health").status());
      assertEquals(
          200, other.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"wide\"}").status());
      // the token never shows in the journal
      String journal =
          other
              .send(
                  "GET",
                  "/__admin/requests",
                  java.net.http.HttpRequest.BodyPublishers.noBody(),
                  Map.of("Authorization", "Bearer " + token))
              .text();
      assertFalse(journal.contains(token));
    }
  }

  @Test
  void a_given_admin_token_is_required_on_loopback_too_and_not_printed() throws Exception {
    String token = "given-admin-token-42";
    try (MockServer guarded =
        MockServer.start(
            MockConfig.defaults()
                .withAdmin(new MockConfig.Admin(Optional.of(token), false, false)))) {
      MockHttp h = new MockHttp(guarded.baseUrl());
      assertEquals(401, h.get("/__admin/mappings").status());
      assertEquals(401, h.post("/__mock/reset", "{}").status());
      String banner = MockMain.banner(guarded, guarded.config(), 1);
      assertFalse(banner.contains(token), banner);
      assertTrue(banner.contains("Authorization: Bearer <your --admin-token>"), banner);
    }
    try (MockServer local = MockServer.start(MockConfig.defaults())) {
      assertNull(local.adminToken().orElse(null), "a loopback mock makes no token");
    }
  }

  @Test
  void a_mock_started_on_0_0_0_0_prints_its_generated_token_once_and_requires_it() {
    try (ForkedMock mock = ForkedMock.start("--host", "0.0.0.0", "--port", "0")) {
      int port = mock.awaitPort();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("Authorization: Bearer ([A-Za-z0-9_-]{24,})")
              .matcher(mock.stdout());
      assertTrue(m.find(), mock.stdout());
      String token = m.group(1);
      assertEquals(1, mock.stdout().split(java.util.regex.Pattern.quote(token), -1).length - 1);
      MockHttp other = new MockHttp("http://127.0.0.2:" + port);
      assertEquals(401, other.get("/__mock/assistants").status());
      assertEquals(
          200,
          other
              .send(
                  "POST",
                  "/__admin/shutdown",
                  java.net.http.HttpRequest.BodyPublishers.noBody(),
                  Map.of("Authorization", "Bearer " + token))
              .status());
      assertTrue(mock.awaitExit(60)); // and its output read to the end
      assertEquals("", mock.stderr());
    }
  }

  @Test
  void post_admin_shutdown_ends_the_process() throws Exception {
    try (ForkedMock mock = ForkedMock.start("--port", "0")) {
      int port = mock.awaitPort();
      var a = new MockHttp("http://127.0.0.1:" + port).post("/__admin/shutdown", "");
      assertEquals(200, a.status(), a::text);
      assertTrue(mock.awaitExit(60), "the process kept running after /__admin/shutdown");
      assertEquals(0, mock.process.exitValue());
      try (ServerSocket again =
          new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
        assertEquals(port, again.getLocalPort());
      }
    }
  }
}
