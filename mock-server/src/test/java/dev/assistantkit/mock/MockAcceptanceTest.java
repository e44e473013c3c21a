package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleCase;
import dev.assistantkit.contract.rules.RuleKind;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Starts the real mock on a free port and talks HTTP to it, rule by rule. */
class MockAcceptanceTest {

  static final Contract CONTRACT = TestContract.CONTRACT;
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY, "second-key")));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> every_catalogue_case_gets_its_answer_over_http() {
    Operation op = TestContract.UPDATE;
    return op.rules().all().stream()
        .flatMap(
            r ->
                r.cases().stream()
                    .map(c -> DynamicTest.dynamicTest(c.id(), () -> check(op, r, c))));
  }

  private static void check(Operation op, Rule rule, RuleCase c) {
    String id = http.newAssistant(c.given().path("assistant_llm_mode").asString("pipeline"));
    var before = http.state(id);
    ApiRequest r = CaseRequests.request(op, c, MockHttp.KEY, id).orElseThrow();
    MockHttp.Answer a = http.send(r);
    assertEquals("application/json", a.contentType());
    String addressed = CaseRequests.resourceId(c, id);
    assertTrue(TestContract.responseFindings(addressed, a).isEmpty(), a.text());
    if (c.expect() == RuleCase.Expect.ACCEPT) {
      assertEquals(200, a.status(), a::text);
      assertEquals(id, a.json().get("data").get("assistant_id").asString());
      assertEquals(before.get("version").asLong() + 1, http.state(id).get("version").asLong());
    } else {
      assertEquals(rule.status(), a.status(), a::text);
      if (rule.kind() != RuleKind.ORDER) {
        assertTrue(a.rules().contains(rule.id()), () -> rule.id() + " not named: " + a.text());
      }
      for (var e : a.json().get("errors")) {
        assertFalse(e.get("message").asString().isBlank());
        assertNotNull(e.get("pointer"));
      }
      assertEquals(before, http.state(id), "a rejected request changed the assistant");
    }
  }

  @Test
  void a_successful_update_changes_only_the_fields_sent_and_merges_interaction_config() {
    String id = http.newAssistant("pipeline");
    assertEquals(
        200,
        http.patchJson(
                id,
                "{\"assistant_interaction_config\":{\"speaks_first\":true},\"assistant_name\":\"A\"}")
            .status());
    assertEquals(
        200,
        http.patchJson(id, "{\"assistant_interaction_config\":{},\"assistant_prompt\":\"P\"}")
            .status());
    var s = http.state(id);
    assertEquals("A", s.get("assistant_name").asString());
    assertEquals("P", s.get("assistant_prompt").asString());
    assertTrue(s.get("assistant_interaction_config").get("speaks_first").asBoolean());
    assertEquals("cartesia", s.get("assistant_tts_model").asString());
  }

  @Test
  void mode_switches_are_remembered_and_the_other_modes_settings_kept() {
    String id = http.newAssistant("pipeline");
    var realtime = http.patchJson(id, TestContract.example("SwitchToRealtime"));
    assertEquals(200, realtime.status(), realtime::text);
    var s = http.state(id);
    assertEquals("realtime", s.get("assistant_llm_mode").asString());
    assertEquals("gemini", s.get("assistant_llm_config").get("provider").asString());
    assertEquals("cartesia", s.get("assistant_tts_model").asString(), "pipeline settings are kept");
    // TTS fields now need a switch back
    var mismatch =
        http.patchJson(
            id,
            "{\"assistant_tts_model\":\"sarvam\",\"assistant_tts_config\":{\"voice_id\":\"x\"}}");
    assertEquals(400, mismatch.status());
    assertEquals(java.util.Set.of("mode.tts-fields-need-pipeline"), mismatch.rules());
    var pipeline = http.patchJson(id, TestContract.example("SwitchToPipeline"));
    assertEquals(200, pipeline.status());
    assertEquals("elevenlabs", http.state(id).get("assistant_tts_model").asString());
  }

  @Test
  void all_violations_are_reported_with_rule_ids_and_pointers() {
    var a =
        http.patchJson(
            MockHttp.EXAMPLE, "{\"assistant_name\":1,\"assistant_llm_mode\":\"x\",\"bogus\":true}");
    assertEquals(400, a.status());
    assertEquals(
        java.util.Set.of("body.field-type", "enum.llm-mode", "body.unknown-field"), a.rules());
    List<String> pointers =
        a.json().get("errors").valueStream().map(e -> e.get("pointer").asString()).toList();
    assertTrue(
        pointers.containsAll(List.of("/assistant_name", "/assistant_llm_mode", "/bogus")),
        pointers::toString);
  }

  @Test
  void every_configured_key_is_accepted_and_the_path_id_is_echoed_in_its_own_case() {
    String upper = MockHttp.EXAMPLE.toUpperCase(java.util.Locale.ROOT);
    var a =
        http.patch(
            upper,
            "{\"assistant_name\":\"U\"}".getBytes(),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer second-key"));
    assertEquals(200, a.status(), a::text);
    assertTrue(TestContract.responseFindings(upper, a).isEmpty());
  }

  @Test
  void prefer_forces_a_declared_status_with_its_example_and_refuses_others() {
    var forced = http.patch(MockHttp.EXAMPLE, new byte[0], Map.of("Prefer", "code=404"));
    assertEquals(404, forced.status());
    assertEquals(java.util.Set.of("assistant.exists"), forced.rules());
    var ok = http.patch(MockHttp.EXAMPLE, new byte[0], Map.of("Prefer", "code=200"));
    assertEquals(200, ok.status());
    assertTrue(TestContract.responseFindings(MockHttp.EXAMPLE, ok).isEmpty());
    var bad = http.patch(MockHttp.EXAMPLE, new byte[0], Map.of("Prefer", "code=201"));
    assertEquals(400, bad.status());
    assertEquals(java.util.Set.of("mock.prefer"), bad.rules());
  }

  @Test
  void a_users_stub_added_through_the_admin_api_overrides_the_contract() {
    String id = http.newAssistant("pipeline");
    String stub =
        """
        {"request": {"method": "PATCH", "urlPath": "/assistant/update/%s"},
         "response": {"status": 500, "jsonBody": {"success": false, "message": "forced by a stub", "errors": []}}}
        """
            .formatted(id);
    var created = http.post("/__admin/mappings", stub);
    assertEquals(201, created.status(), created::text);
    try {
      assertEquals(500, http.patchJson(id, "{\"assistant_name\":\"A\"}").status());
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"A\"}").status());
    } finally {
      http.send(
          "DELETE",
          "/__admin/mappings/" + created.json().get("id").asString(),
          java.net.http.HttpRequest.BodyPublishers.noBody(),
          Map.of());
    }
    assertEquals(200, http.patchJson(id, "{\"assistant_name\":\"A\"}").status());
  }

  @Test
  void a_users_proxy_stub_forwards_requests_when_admin_proxies_are_allowed() {
    String stub =
        """
        {"request": {"method": "GET", "urlPathPattern": "/via-proxy/.*"},
         "response": {"proxyBaseUrl": "%s", "proxyUrlPrefixToRemove": "/via-proxy"}}
        """
            .formatted(server.baseUrl());
    // off by default: a proxy stub turns the mock into a relay for whoever reaches its admin API
    var refused = http.post("/__admin/mappings", stub);
    assertEquals(403, refused.status(), refused::text);
    assertEquals(java.util.Set.of("admin.disabled"), refused.rules());
    // the proxy client is built on first use; a proxy stub must still work
    try (MockServer allowing =
        MockServer.start(
            MockConfig.defaults()
                .withAdmin(new MockConfig.Admin(java.util.Optional.empty(), false, true)))) {
      MockHttp other = new MockHttp(allowing.baseUrl());
      var created = other.post("/__admin/mappings", stub);
      assertEquals(201, created.status(), created::text);
      var proxied = other.get("/via-proxy/__mock/assistants/" + MockHttp.EXAMPLE);
      assertEquals(200, proxied.status(), proxied::text);
      assertEquals(MockHttp.EXAMPLE, proxied.json().get("assistant_id").asString());
    }
  }

  @Test
  void a_browser_preflight_from_another_origin_may_send_patch_with_authorization() {
    var pre =
        http.send(
            "OPTIONS",
            "/assistant/update/" + MockHttp.EXAMPLE,
            java.net.http.HttpRequest.BodyPublishers.noBody(),
            Map.of(
                "Origin", "http://localhost:3000",
                "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "authorization,content-type"));
    assertEquals(200, pre.status());
    assertEquals(
        "http://localhost:3000",
        pre.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(
        pre.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("PATCH"));
    assertTrue(
        pre.headers()
            .firstValue("Access-Control-Allow-Headers")
            .orElse("")
            .toLowerCase()
            .contains("authorization"));
    var actual =
        http.patch(
            MockHttp.EXAMPLE,
            "{\"assistant_name\":\"B\"}".getBytes(),
            Map.of(
                "Origin",
                "http://localhost:3000",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + MockHttp.KEY));
    assertEquals(
        "http://localhost:3000",
        actual.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void state_endpoints_list_create_delete_and_reset() {
    String id = http.newAssistant("realtime");
    assertTrue(http.get("/__mock/assistants").text().contains(id));
    var twice = http.post("/__mock/assistants", "{\"assistant_id\":\"" + id + "\"}");
    assertEquals(409, twice.status());
    assertEquals(java.util.Set.of("mock.resource-exists"), twice.rules());
    assertTrue(twice.text().contains("\"message\":\"Conflict\""), twice.text());
    assertTrue(twice.text().contains("the assistant with the id " + id), twice.text());
    var invalid = http.post("/__mock/assistants", "{\"assistant_tts_model\":\"cartesia\"}");
    assertEquals(400, invalid.status());
    assertEquals(java.util.Set.of("tts.pair"), invalid.rules());
    assertEquals(
        200,
        http.send(
                "DELETE",
                "/__mock/assistants/" + id,
                java.net.http.HttpRequest.BodyPublishers.noBody(),
                Map.of())
            .status());
    var gone = http.get("/__mock/assistants/" + id);
    assertEquals(404, gone.status());
    assertEquals(java.util.Set.of("mock.no-such-resource"), gone.rules());
    assertTrue(gone.text().contains("\"in\":\"path\",\"pointer\":\"/id\""), gone.text());
    assertEquals(404, http.patchJson(id, "{\"assistant_name\":\"gone\"}").status());
    String other = http.newAssistant("pipeline");
    assertEquals(200, http.post("/__mock/reset", "{}").status());
    assertEquals(404, http.get("/__mock/assistants/" + other).status());
    assertEquals(200, http.get("/__mock/assistants/" + MockHttp.EXAMPLE).status());
  }

  @Test
  void another_method_is_405_with_allow_and_another_path_404_both_in_the_error_shape() {
    for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
      var a =
          http.send(
              method,
              "/assistant/update/" + MockHttp.EXAMPLE,
              java.net.http.HttpRequest.BodyPublishers.noBody(),
              Map.of());
      assertEquals(405, a.status(), method);
      assertEquals("PATCH", a.headers().firstValue("Allow").orElse(""), method);
      assertEquals(java.util.Set.of("request.method-not-allowed"), a.rules(), method);
    }
    var other = http.get("/nothing/here");
    assertEquals(404, other.status());
    assertEquals("application/json", other.contentType());
    assertEquals(java.util.Set.of("route.unknown"), other.rules());
  }

  @Test
  void docs_serve_swagger_ui_on_the_spec_with_the_mock_as_first_server() {
    var index = http.get("/docs/");
    assertEquals(200, index.status());
    assertTrue(index.text().contains("swagger-ui-bundle.js"));
    assertEquals(200, http.get("/docs/swagger-ui-bundle.js").status());
    var spec = http.get("/openapi.yaml");
    assertTrue(
        spec.text().contains("servers:\n  - url: " + server.baseUrl()),
        spec.text().substring(0, 400));
    org.junit.jupiter.api.Assertions.assertNotEquals(
        200, http.get("/docs/..%2F..%2Fetc%2Fpasswd").status());
  }
}
