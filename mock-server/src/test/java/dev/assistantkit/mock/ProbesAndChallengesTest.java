package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What orchestrators and browsers need of the mock: a readiness check at {@code GET
 * /__mock/health}, the kit's own headers readable by a page of another origin ({@code
 * Access-Control-Expose-Headers}), and a {@code WWW-Authenticate} challenge on every 401.
 */
class ProbesAndChallengesTest {

  static final String PAGE = "http://localhost:3000";
  static final String UPDATE = "/assistant/update/" + MockHttp.EXAMPLE;

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

  static MockHttp.Answer send(String method, String path, String body, String... headers) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return http.send(
        method,
        path,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body),
        h);
  }

  static Set<String> exposed(MockHttp.Answer a) {
    return a.headers().allValues("Access-Control-Expose-Headers").stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::trim)
        .collect(Collectors.toSet());
  }

  // ------------------------------------------------------------------ health

  @Test
  void the_health_check_answers_ready_as_json() {
    var a = http.get("/__mock/health");
    assertEquals(200, a.status(), a::text);
    assertEquals("application/json", a.contentType());
    assertEquals("ready", a.json().get("status").asString());
    assertEquals("mock", a.json().get("mode").asString());
    assertEquals("strict", a.json().get("profile").asString());
    assertTrue(a.json().get("operations").asInt() >= 1, a::text);
    assertFalse(a.text().contains(MockHttp.KEY), a::text);
    // WireMock's own keeps answering
    assertEquals(200, http.get("/__admin/health").status());
  }

  @Test
  void the_health_check_needs_no_token_where_the_admin_surface_does() {
    try (MockServer guarded =
        MockServer.start(
            MockConfig.defaults()
                .withAdmin(new MockConfig.Admin(Optional.of("admin-token-123"), false, false)))) {
      MockHttp other = new MockHttp(guarded.baseUrl());
      var health = other.get("/__mock/health");
      assertEquals(200, health.status(), health::text);
      assertEquals("ready", health.json().get("status").asString());
      assertFalse(health.text().contains("admin-token-123"), health::text);
      assertEquals(401, other.get("/__mock/assistants").status());
    }
  }

  @Test
  void in_proxy_mode_it_says_so_without_naming_the_upstream() {
    try (MockServer proxy =
        MockServer.start(
            MockConfig.defaults()
                .withProxy(
                    new MockConfig.Proxy(
                        URI.create("http://user:secret@127.0.0.1:9/base"),
                        Duration.ofSeconds(5))))) {
      var health = new MockHttp(proxy.baseUrl()).get("/__mock/health");
      assertEquals(200, health.status(), health::text);
      assertEquals("proxy", health.json().get("mode").asString());
      assertFalse(health.text().contains("127.0.0.1:9"), health::text);
      assertFalse(health.text().contains("secret"), health::text);
    }
  }

  // ------------------------------------------------------------------ CORS

  @Test
  void a_page_of_another_origin_may_read_the_kits_own_headers() {
    var noKey = send("PATCH", UPDATE, "{\"assistant_name\":\"x\"}", "Origin", PAGE);
    assertEquals(401, noKey.status(), noKey::text);
    assertEquals(PAGE, noKey.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(
        exposed(noKey)
            .containsAll(
                List.of(
                    "WWW-Authenticate",
                    "Allow",
                    "Location",
                    "Retry-After",
                    "Matched-Stub-Id",
                    "Matched-Stub-Name")),
        exposed(noKey)::toString);

    var wrongMethod = send("GET", UPDATE, null, "Origin", PAGE);
    assertEquals(405, wrongMethod.status(), wrongMethod::text);
    assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("PATCH"));
    assertTrue(exposed(wrongMethod).contains("Allow"), exposed(wrongMethod)::toString);
  }

  @Test
  void a_stubs_own_headers_are_readable_too() {
    var created =
        http.post(
            "/__admin/mappings",
            "{\"request\": {\"method\": \"GET\", \"urlPath\": \"/stubbed\"},"
                + " \"response\": {\"status\": 200, \"headers\": {\"X-Trace\": \"t-1\","
                + " \"Content-Type\": \"text/plain\"}, \"body\": \"hi\"}}");
    assertEquals(201, created.status(), created::text);
    try {
      var a = send("GET", "/stubbed", null, "Origin", PAGE);
      assertEquals(200, a.status(), a::text);
      assertEquals("t-1", a.headers().firstValue("X-Trace").orElse(""));
      Set<String> names = exposed(a);
      assertTrue(names.contains("X-Trace"), names::toString);
      assertTrue(names.contains("Matched-Stub-Id"), names::toString);
      // the safelisted ones a page reads anyway are not listed
      assertFalse(names.contains("Content-Type"), names::toString);
    } finally {
      assertEquals(200, http.post("/__admin/mappings/reset", "").status());
    }
  }

  @Test
  void no_origin_no_cors_headers() {
    var a = send("PATCH", UPDATE, "{\"assistant_name\":\"x\"}");
    assertEquals(401, a.status());
    assertTrue(a.headers().allValues("Access-Control-Expose-Headers").isEmpty());
  }

  // ------------------------------------------------------------------ WWW-Authenticate

  @Test
  void every_401_of_the_bearer_scheme_carries_its_challenge() {
    var noKey = send("PATCH", UPDATE, "{\"assistant_name\":\"x\"}");
    assertEquals(401, noKey.status(), noKey::text);
    assertEquals(List.of("Bearer"), noKey.headers().allValues("WWW-Authenticate"));

    var wrongKey =
        send("PATCH", UPDATE, "{\"assistant_name\":\"x\"}", "Authorization", "Bearer wrong-key");
    assertEquals(401, wrongKey.status(), wrongKey::text);
    assertEquals(List.of("Bearer"), wrongKey.headers().allValues("WWW-Authenticate"));

    var malformed =
        send("PATCH", UPDATE, "{\"assistant_name\":\"x\"}", "Authorization", "Token abc");
    assertEquals(401, malformed.status(), malformed::text);
    assertEquals(List.of("Bearer"), malformed.headers().allValues("WWW-Authenticate"));

    // a 401 asked for
    var forced =
        send(
            "PATCH",
            UPDATE,
            "{\"assistant_name\":\"x\"}",
            "Authorization",
            "Bearer " + MockHttp.KEY,
            "Prefer",
            "code=401");
    assertEquals(401, forced.status(), forced::text);
    assertEquals(List.of("Bearer"), forced.headers().allValues("WWW-Authenticate"));

    var ok =
        send(
            "PATCH",
            UPDATE,
            "{\"assistant_name\":\"x\"}",
            "Authorization",
            "Bearer " + MockHttp.KEY,
            "Content-Type",
            "application/json");
    assertEquals(200, ok.status(), ok::text);
    assertTrue(ok.headers().allValues("WWW-Authenticate").isEmpty());
  }

  static final String SCHEMES =
      """
      openapi: 3.1.0
      info: {title: schemes, version: "1"}
      paths:
        /basic:
          get:
            security: [{basic: []}]
            responses:
              "200": {description: ok}
              "401": {description: no credentials}
        /key:
          get:
            security: [{key: []}]
            responses:
              "200": {description: ok}
              "401": {description: no credentials}
        /either:
          get:
            security: [{bearer: []}, {key: []}]
            responses:
              "200": {description: ok}
              "401": {description: no credentials}
      components:
        securitySchemes:
          basic: {type: http, scheme: basic}
          bearer: {type: http, scheme: bearer}
          key: {type: apiKey, in: header, name: X-API-Key}
      """;

  @Test
  void other_schemes_get_their_own_challenge(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("schemes.yaml"), SCHEMES);
    try (MockServer other = MockServer.start(MockConfig.defaults().withSpec(spec))) {
      MockHttp h = new MockHttp(other.baseUrl());
      var basic = h.get("/basic");
      assertEquals(401, basic.status(), basic::text);
      assertEquals(
          List.of("Basic realm=\"assistant-mock\", charset=\"UTF-8\""),
          basic.headers().allValues("WWW-Authenticate"));
      var key = h.get("/key");
      assertEquals(401, key.status(), key::text);
      assertEquals(
          List.of("ApiKey in=\"header\", name=\"X-API-Key\""),
          key.headers().allValues("WWW-Authenticate"));
      var either = h.get("/either");
      assertEquals(401, either.status(), either::text);
      assertEquals(
          List.of("Bearer", "ApiKey in=\"header\", name=\"X-API-Key\""),
          either.headers().allValues("WWW-Authenticate"));
    }
  }
}
