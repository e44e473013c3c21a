package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The README's promise about the admin surface: a web page the user happens to open cannot change a
 * mock running on the same machine. The page sends what a browser lets any page send (simple {@code
 * no-cors} POSTs, which need no preflight, a DELETE and plain reads); afterwards a plain client
 * sees no new stub, nothing reset, created or deleted, the mock still running, and the page read
 * nothing.
 */
class HostilePageTest {

  @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

  static final String KEY = "browser-key-0f93aa";
  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";
  static final String VICTIM = "7b0c2f55-3e8a-4c1e-9d2b-6a4f1e0c8b37";
  static final String PLANTED = "9e4d1c7a-2b3f-4a5e-8c6d-0f1e2d3c4b5a";

  /** A stub that would make the mock accept what the contract refuses. */
  static final String STUB =
      """
      {"priority": 1,
       "request": {"method": "PATCH", "urlPathPattern": "/assistant/update/.*"},
       "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                    "body": "{\\"success\\":true,\\"message\\":\\"stubbed by a hostile page\\"}"}}""";

  static final String VICTIM_ASSISTANT =
      """
      {"assistant_id": "%s", "assistant_name": "Created before the page opened",
       "assistant_llm_mode": "realtime",
       "assistant_llm_config": {"provider": "gemini", "model": "gemini-3.1-flash-live-preview",
                                "voice": "Puck"}}"""
          .formatted(VICTIM);

  static final String PLANTED_ASSISTANT =
      """
      {"assistant_id": "%s", "assistant_name": "Planted by a hostile page",
       "assistant_llm_mode": "realtime",
       "assistant_llm_config": {"provider": "gemini", "model": "gemini-3.1-flash-live-preview",
                                "voice": "Puck"}}"""
          .formatted(PLANTED);

  /** Requests the browser sends whatever the server says: they reach the mock, unread. */
  static final List<String> SIMPLE =
      List.of(
          "add-stub",
          "import-stubs",
          "reset-state",
          "reset-wiremock",
          "create-assistant",
          "shutdown");

  /** Requests that need the server's CORS consent: to send (DELETE) or to read the answer. */
  static final List<String> NEED_CONSENT =
      List.of("delete-assistant", "read-assistants", "read-stubs", "read-traffic");

  MockServer mock;

  @BeforeEach
  void startMockWithState() {
    mock = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)));
    // state a reset, a delete or a stub would visibly undo
    assertEquals(201, post("/__mock/assistants", VICTIM_ASSISTANT).status());
    assertEquals(200, patch(EXAMPLE, "{\"assistant_name\": \"Renamed before the page\"}").status());
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  /**
   * @param pageAddress where the page is served: 127.0.0.1 on another port (same site, another
   *     origin), or 127.0.0.2 (another site)
   */
  @ParameterizedTest(name = "page at {0}")
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2"})
  void a_page_of_another_origin_can_neither_change_nor_read_the_mock(String pageAddress)
      throws IOException {
    int stubsBefore = stubs().path("meta").path("total").asInt();
    var config =
        Pages.config()
            .put("api", mock.baseUrl())
            .put("stub", STUB)
            .put("assistant", PLANTED_ASSISTANT)
            .put("victim", VICTIM);
    JsonNode results;
    try (OtherOrigin page = OtherOrigin.serve(pageAddress, Pages.page("hostile.html", config))) {
      browser.open(page.url());
      browser.awaitVisible(By.id("done"));
      results = Pages.JSON.readTree(browser.driver().findElement(By.id("results")).getText());
    }

    // what the page saw: answers to its simple requests, opaque; everything else refused
    List<Runnable> checks = new ArrayList<>();
    for (String name : SIMPLE) {
      JsonNode r = results.path(name);
      checks.add(
          () -> {
            assertEquals("opaque", r.path("type").asString(), name + ": " + r);
            assertEquals(0, r.path("status").asInt(-1), name + ": " + r);
            assertEquals("", r.path("body").asString(), name + ": " + r);
          });
    }
    for (String name : NEED_CONSENT) {
      JsonNode r = results.path(name);
      checks.add(
          () -> assertTrue(r.path("error").asString("").startsWith("TypeError"), name + ": " + r));
    }
    assertAll(checks.stream().map(c -> c::run));

    // what a plain client sees afterwards: the mock runs, and nothing changed
    JsonNode stubs = stubs();
    assertEquals(stubsBefore, stubs.path("meta").path("total").asInt(), "no stub was added");
    assertFalse(stubs.toString().contains("hostile"), stubs::toString);
    Http.Answer broken = patch(EXAMPLE, "{\"assistant_tts_model\": \"cartesia\"}");
    assertEquals(400, broken.status(), broken::body);
    assertEquals("tts.pair", broken.json().at("/errors/0/rule").asString(), broken::body);
    JsonNode assistants = Http.get(mock.baseUrl() + "/__mock/assistants", Map.of()).json();
    List<String> ids = new ArrayList<>();
    assistants.path("assistants").forEach(a -> ids.add(a.path("assistant_id").asString()));
    assertEquals(List.of(EXAMPLE, VICTIM), ids.stream().sorted().toList(), assistants::toString);
    assertEquals(
        "Renamed before the page",
        Http.get(mock.baseUrl() + "/__mock/assistants/" + EXAMPLE, Map.of())
            .json()
            .path("assistant_name")
            .asString(),
        "the state was not reset");

    // and the stub is one that would have worked: sent by a plain client, it overrides the contract
    assertEquals(201, post("/__admin/mappings", STUB).status());
    Http.Answer stubbed = patch(EXAMPLE, "{\"assistant_tts_model\": \"cartesia\"}");
    assertEquals(200, stubbed.status(), stubbed::body);
    assertTrue(stubbed.body().contains("stubbed by a hostile page"), stubbed::body);
  }

  private JsonNode stubs() {
    return Http.get(mock.baseUrl() + "/__admin/mappings", Map.of()).json();
  }

  private Http.Answer post(String path, String json) {
    return Http.send(
        "POST", mock.baseUrl() + path, json, Map.of("Content-Type", "application/json"));
  }

  private Http.Answer patch(String id, String json) {
    return Http.send(
        "PATCH",
        mock.baseUrl() + "/assistant/update/" + id,
        json,
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY));
  }
}
