package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The mock's own exchanges are judged and served at /__mock/traffic (JSON), traffic.har (HAR 1.2)
 * and traffic.html: a frontend team sees which of its requests broke which rule.
 */
class TrafficTest {

  static final String SECRET_KEY = "traffic-key-9d2b4e71";
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(SECRET_KEY)));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static MockHttp.Answer patch(String id, String json) {
    return http.patch(
        id,
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + SECRET_KEY));
  }

  @Test
  void each_request_is_listed_with_the_rules_it_broke_and_a_stubs_answer_is_judged_too() {
    http.post("/__mock/reset", "{}");
    patch(MockHttp.EXAMPLE, "{\"assistant_tts_model\":\"cartesia\"}");
    patch(
        MockHttp.EXAMPLE,
        "{\"assistant_name\":\"Nova\",\"assistant_llm_config\":{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\",\"api_key\":\"sk-live-shh\"}}");
    patch(MockHttp.EXAMPLE, "{\"assistant_name\":\"Nova\"}");
    // a user's stub answering 201 breaks the page's statuses
    var stub =
        http.post(
            "/__admin/mappings",
            """
            {"request": {"method": "PATCH", "urlPath": "/assistant/update/11111111-1111-4111-8111-111111111111"},
             "response": {"status": 201, "jsonBody": {"ok": true}}}
            """);
    assertEquals(201, stub.status(), stub::text);
    patch("11111111-1111-4111-8111-111111111111", "{\"assistant_name\":\"Nova\"}");
    http.get("/not/an/operation");

    JsonNode t = http.get("/__mock/traffic").json();
    JsonNode ex = t.get("exchanges");
    assertEquals(5, ex.size(), t::toString);
    assertEquals(
        "request-broke-rules", ex.get(0).at("/verdicts/outcome").asString(), ex.get(0)::toString);
    assertEquals("tts.pair", ex.get(0).at("/verdicts/request/0/rule").asString());
    assertEquals("ok", ex.get(2).at("/verdicts/outcome").asString(), ex.get(2)::toString);
    assertEquals(
        "answer-broke-rules", ex.get(3).at("/verdicts/outcome").asString(), ex.get(3)::toString);
    assertTrue(ex.get(3).toString().contains("response.status-declared"), ex.get(3)::toString);
    assertEquals("undocumented", ex.get(4).at("/verdicts/outcome").asString());
    assertTrue(t.at("/rules/tts.pair/brokenByRequests").asInt() >= 1, t::toString);

    String har = http.get("/__mock/traffic.har").text();
    JsonNode log = MockHttp.JSON.readTree(har).get("log");
    assertEquals("1.2", log.get("version").asString());
    assertEquals(5, log.get("entries").size());
    assertTrue(log.at("/entries/0/_verdicts/outcome").isString());
    String html = http.get("/__mock/traffic.html").text();
    assertTrue(html.contains("tts.pair") && html.contains("<select id=\"rule\""), html);
    for (String view : List.of(t.toString(), har, html)) {
      assertFalse(view.contains(SECRET_KEY), "the key leaked into a traffic view");
      assertFalse(view.contains("sk-live-shh"), "api_key leaked into a traffic view");
    }
  }
}
