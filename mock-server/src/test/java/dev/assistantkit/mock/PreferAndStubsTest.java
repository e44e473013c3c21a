package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/frontend.md's promise where {@code Prefer} and a user's stub both apply: a stub that matches
 * the request answers, {@code Prefer} or not (as every stub wins over the contract); {@code Prefer}
 * forces the contract's answer, so it counts where no stub matches, also while stubs exist; and a
 * stub may match on {@code Prefer} itself.
 */
class PreferAndStubsTest {

  static final String KEY = "prefer-stubs-key-4c1d";
  static final String OTHER = "11111111-1111-4111-8111-111111111111";

  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void removeStubs() {
    assertEquals(200, http.post("/__admin/mappings/reset", "").status());
  }

  private static MockHttp.Answer patch(String id, String prefer) {
    return http.send(
        "PATCH",
        "/assistant/update/" + id,
        HttpRequest.BodyPublishers.ofString("{\"assistant_name\":\"x\"}"),
        Map.of(
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + KEY,
            "Prefer",
            prefer));
  }

  private static void stub(String json) {
    var created = http.post("/__admin/mappings", json);
    assertEquals(201, created.status(), created::text);
  }

  @Test
  void a_stub_that_matches_answers_whatever_prefer_asks() {
    stub(
        """
        {"request": {"method": "PATCH", "urlPath": "/assistant/update/%s"},
         "response": {"status": 503, "headers": {"Content-Type": "application/json"},
                      "jsonBody": {"success": false, "message": "stubbed"}}}"""
            .formatted(MockHttp.EXAMPLE));
    for (String prefer : List.of("code=404", "code=200", "code=999")) {
      var a = patch(MockHttp.EXAMPLE, prefer);
      assertEquals(503, a.status(), prefer + ": " + a.text());
      assertEquals("stubbed", a.json().path("message").asString(), a::text);
      assertTrue(a.headers().firstValue("Matched-Stub-Id").isPresent(), "the stub answered");
    }
  }

  @Test
  void prefer_forces_the_contracts_answer_where_no_stub_matches_while_stubs_exist() {
    stub(
        """
        {"request": {"method": "PATCH", "urlPath": "/assistant/update/%s"},
         "response": {"status": 503}}"""
            .formatted(OTHER));
    var forced = patch(MockHttp.EXAMPLE, "code=404");
    assertEquals(404, forced.status(), forced::text);
    assertEquals("assistant.exists", forced.json().at("/errors/0/rule").asString());
    assertTrue(forced.headers().firstValue("Matched-Stub-Id").isEmpty(), "the contract answered");
    var undeclared = patch(MockHttp.EXAMPLE, "code=418");
    assertEquals(400, undeclared.status(), undeclared::text);
    assertEquals("mock.prefer", undeclared.json().at("/errors/0/rule").asString());
  }

  @Test
  void a_stub_may_match_on_prefer_itself() {
    stub(
        """
        {"request": {"method": "PATCH", "urlPathPattern": "/assistant/update/.*",
                     "headers": {"Prefer": {"equalTo": "code=429"}}},
         "response": {"status": 429, "headers": {"Retry-After": "30"}}}""");
    var limited = patch(MockHttp.EXAMPLE, "code=429");
    assertEquals(429, limited.status(), limited::text);
    assertEquals("30", limited.headers().firstValue("Retry-After").orElse(""));
    var forced = patch(MockHttp.EXAMPLE, "code=500");
    assertEquals(500, forced.status(), "the contract's forced 500: " + forced.text());
    assertEquals("server.internal-error", forced.json().at("/errors/0/rule").asString());
  }
}
