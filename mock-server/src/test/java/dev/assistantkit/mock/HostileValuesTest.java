package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Values that JSON's grammar allows and Java's types do not: a number whose exponent is past 2^31
 * ({@code 1E+2147483648}, {@code 1e-2147483649}) and an unpaired surrogate escape ({@code
 * "x\ud800"}), on the engine's road and on WireMock's (a user's stub in place, one that matches
 * bodies with equalToJson and matchesJsonPath). Before, such a number was a 500 and every traffic
 * view answered 500 to everyone until a reset or a thousand newer exchanges; a lone surrogate was
 * stored. Now the number is judged (400 in a text field, kept as sent in a provider option), the
 * text is a 400 {@code text.unicode}, and every view shows every exchange, judged.
 */
class HostileValuesTest {

  static final String KEY = MockHttp.KEY;
  static final Map<String, String> JSON_AUTH =
      Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY);

  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)).withPort(0));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    http.post("/__admin/reset", "{}");
    http.post("/__mock/reset", "{}");
  }

  static List<String> numbers() {
    return List.of(
        "1E+2147483648", "1e-2147483649", "-1E+2147483649", "-1e-2147483649", "1E+999999999");
  }

  static List<String> roads() {
    return List.of("engine", "wiremock");
  }

  /** Puts a user's stub in place (WireMock then answers everything), or none. */
  static void road(String road) {
    if (road.equals("wiremock")) {
      var stub =
          http.post(
              "/__admin/mappings",
              """
              {"request": {"method": "PATCH", "urlPathPattern": "/assistant/update/1.*",
                           "bodyPatterns": [{"equalToJson": "{\\"assistant_name\\": 1}"},
                                            {"matchesJsonPath": "$.assistant_name"}]},
               "response": {"status": 200, "jsonBody": {"stubbed": true}}}
              """);
      assertEquals(201, stub.status(), stub::text);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  void a_number_of_any_exponent_in_a_text_field_is_a_400_and_every_view_still_renders(
      String number) {
    for (String road : roads()) {
      reset();
      road(road);
      for (String field : List.of("assistant_name", "assistant_end_call_enabled")) {
        var a = patch(MockHttp.EXAMPLE, "{\"" + field + "\":" + number + "}");
        assertEquals(400, a.status(), road + " " + a.text());
        assertEquals(java.util.Set.of("body.field-type"), a.rules(), road + " " + a.text());
      }
      // a user's stub that matches bodies reads the number too, and answers or passes
      var stubbed = patch("11111111-1111-4111-8111-111111111111", "{\"assistant_name\":1}");
      assertTrue(stubbed.status() < 500, road + " " + stubbed.text());
      assertViewsShowEveryExchangeJudged(road);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  void in_a_provider_option_it_is_stored_as_sent_and_shown_as_sent(String number) {
    for (String road : roads()) {
      reset();
      road(road);
      var a =
          patch(
              MockHttp.EXAMPLE,
              """
              {"assistant_llm_mode":"pipeline","assistant_tts_model":"cartesia",
               "assistant_tts_config":{"voice_id":"v","speed":%s}}"""
                  .formatted(number));
      assertEquals(200, a.status(), road + " " + a.text());
      var state = http.get("/__mock/assistants/" + MockHttp.EXAMPLE);
      assertEquals(200, state.status());
      assertTrue(state.text().contains("\"speed\":" + number), road + " " + state.text());
      // created through the mock's own endpoint: the same
      var created =
          http.post(
              "/__mock/assistants",
              """
              {"assistant_llm_mode":"pipeline","assistant_tts_model":"cartesia",
               "assistant_tts_config":{"voice_id":"v","speed":%s}}"""
                  .formatted(number));
      assertEquals(201, created.status(), road + " " + created.text());
      assertTrue(created.text().contains("\"speed\":" + number), created.text());
      var list = http.get("/__mock/assistants");
      assertEquals(200, list.status());
      assertViewsShowEveryExchangeJudged(road);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"assistant_name\":\"x\\ud800\"}",
        "{\"assistant_name\":\"\\udc00\"}",
        "{\"assistant_description\":\"a\\udbff\\udbff\"}",
        "{\"assistant_name\":\"x\",\"\\ud800\":1}"
      })
  void text_that_is_not_valid_unicode_is_a_400_naming_the_rule_and_changes_nothing(String body) {
    for (String road : roads()) {
      reset();
      road(road);
      JsonNode before = http.state(MockHttp.EXAMPLE);
      var a = patch(MockHttp.EXAMPLE, body);
      assertEquals(400, a.status(), road + " " + a.text());
      assertTrue(a.rules().contains("text.unicode"), road + " " + a.text());
      assertEquals(before, http.state(MockHttp.EXAMPLE), road);
      var created = http.post("/__mock/assistants", body);
      assertEquals(400, created.status(), road + " " + created.text());
      // a name with a lone high surrogate the parser itself refuses: not an object it can read
      assertTrue(
          created.rules().contains("text.unicode") || body.contains("\\ud800\":"),
          road + " " + created.text());
      assertViewsShowEveryExchangeJudged(road);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"engine", "wiremock"})
  void a_surrogate_pair_is_text_like_any_other(String road) {
    road(road);
    var a = patch(MockHttp.EXAMPLE, "{\"assistant_name\":\"Nova \\ud83c\\udf1f\"}");
    assertEquals(200, a.status(), a.text());
    assertEquals("Nova 🌟", http.state(MockHttp.EXAMPLE).get("assistant_name").asString());
  }

  /**
   * The traffic views, the journal and the state answer 200, each API exchange of the test listed
   * and judged (none shown as not judged).
   */
  static void assertViewsShowEveryExchangeJudged(String road) {
    var json = http.get("/__mock/traffic");
    assertEquals(200, json.status(), road + " " + json.text());
    JsonNode exchanges = json.json().get("exchanges");
    assertFalse(exchanges.isEmpty(), road);
    for (JsonNode e : exchanges) {
      assertFalse(
          e.path("verdicts").path("outcome").asString().equals("not-judged"),
          road + " " + e.toString());
    }
    var har = http.get("/__mock/traffic.har");
    assertEquals(200, har.status(), road);
    assertEquals(exchanges.size(), har.json().path("log").path("entries").size(), road);
    var html = http.get("/__mock/traffic.html");
    assertEquals(200, html.status(), road);
    assertFalse(html.text().contains("not-judged"), road);
    var journal = http.get("/__admin/requests");
    assertEquals(200, journal.status(), road + " " + journal.text());
  }

  static MockHttp.Answer patch(String id, String json) {
    return http.patch(id, json.getBytes(StandardCharsets.UTF_8), JSON_AUTH);
  }
}
