package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** WireMock's request journal in the mock: bounded, complete, and masked wherever it is read. */
class JournalTest {

  static final int JOURNAL_SIZE = 5;
  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server =
        MockServer.start(
            MockConfig.defaults()
                .withApiKeys(List.of(MockHttp.KEY, "second-key"))
                .withJournalSize(JOURNAL_SIZE));
    http = new MockHttp(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void emptyJournal() {
    assertEquals(200, http.post("/__mock/reset", "{}").status());
  }

  private static JsonNode journal() {
    var answer = http.get("/__admin/requests");
    assertEquals(200, answer.status(), answer::text);
    return answer.json().get("requests");
  }

  @Test
  void keeps_only_the_newest_journal_size_requests() {
    for (int i = 0; i < 12; i++) {
      assertEquals(
          200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"n" + i + "\"}").status());
    }
    JsonNode requests = journal();
    assertEquals(JOURNAL_SIZE, requests.size());
    assertEquals(
        "{\"assistant_name\":\"n11\"}", requests.get(0).get("request").get("body").asString());
    assertEquals(
        "{\"assistant_name\":\"n7\"}",
        requests.get(JOURNAL_SIZE - 1).get("request").get("body").asString());
  }

  @Test
  void an_entry_keeps_its_time_headers_body_and_response_with_only_the_token_masked() {
    Instant before = Instant.now().minusMillis(1);
    String body = "{\"assistant_name\":\"Journaled\"}";
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, body).status());
    Instant after = Instant.now().plusMillis(1);
    // read twice, some time apart: masking on read must not restamp the entry
    JsonNode first = journal().get(0);
    sleepQuietly(20);
    JsonNode entry = journal().get(0);
    assertEquals(first.get("id"), entry.get("id"));
    JsonNode request = entry.get("request");
    assertEquals(first.get("request").get("loggedDate"), request.get("loggedDate"));
    Instant logged = Instant.ofEpochMilli(request.get("loggedDate").asLong());
    assertTrue(
        !logged.isBefore(before) && !logged.isAfter(after), () -> logged + " not in the call");
    assertEquals("PATCH", request.get("method").asString());
    assertEquals("/assistant/update/" + MockHttp.EXAMPLE, request.get("url").asString());
    assertEquals("application/json", request.get("headers").get("Content-Type").asString());
    assertEquals("Bearer ***", request.get("headers").get("Authorization").asString());
    assertEquals(body, request.get("body").asString());
    assertEquals(200, entry.get("response").get("status").asInt());
    assertEquals(
        MockHttp.EXAMPLE,
        MockHttp.JSON
            .readTree(entry.get("response").get("body").asString())
            .get("data")
            .get("assistant_id")
            .asString());
  }

  @Test
  void find_and_count_see_the_masked_requests() {
    String withKey =
        "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"openai\","
            + "\"model\":\"gpt-realtime\",\"voice\":\"alloy\",\"api_key\":\"sk-journal-secret\"}}";
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, withKey).status());
    assertEquals(200, http.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"x\"}").status());
    String pattern =
        """
        {"method": "PATCH", "urlPath": "/assistant/update/%s",
         "bodyPatterns": [{"matchesJsonPath": "$.assistant_llm_config"}]}
        """
            .formatted(MockHttp.EXAMPLE);
    var found = http.post("/__admin/requests/find", pattern);
    assertEquals(200, found.status(), found::text);
    JsonNode requests = found.json().get("requests");
    assertEquals(1, requests.size(), found::text);
    assertEquals(
        "***",
        MockHttp.JSON
            .readTree(requests.get(0).get("body").asString())
            .get("assistant_llm_config")
            .get("api_key")
            .asString());
    var count =
        http.post(
            "/__admin/requests/count",
            "{\"method\":\"PATCH\",\"headers\":{\"Authorization\":{\"equalTo\":\"Bearer ***\"}}}");
    assertEquals(2, count.json().get("count").asInt(), count::text);
  }

  @Test
  void a_users_templated_stub_sees_and_echoes_only_the_masked_request() {
    String stub =
        """
        {"priority": 1,
         "request": {"method": "PATCH", "urlPath": "/assistant/update/echo"},
         "response": {"status": 200,
                      "body": "{{request.headers.Authorization}} {{request.body}}",
                      "transformers": ["response-template"]}}
        """;
    var created = http.post("/__admin/mappings", stub);
    assertEquals(201, created.status(), created::text);
    try {
      var echoed =
          http.patch(
              "echo",
              "{\"assistant_llm_config\":{\"api_key\":\"sk-echo-secret\"}}"
                  .getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", "application/json", "Authorization", "Bearer second-key"));
      assertEquals(200, echoed.status(), echoed::text);
      assertTrue(echoed.text().startsWith("Bearer *** "), echoed::text);
      assertTrue(!echoed.text().contains("sk-echo-secret"), echoed::text);
      String journal = http.get("/__admin/requests").text();
      assertTrue(!journal.contains("second-key") && !journal.contains("sk-echo-secret"), journal);
    } finally {
      http.send(
          "DELETE",
          "/__admin/mappings/" + created.json().get("id").asString(),
          HttpRequest.BodyPublishers.noBody(),
          Map.of());
    }
  }

  @Test
  void form_fields_and_matcher_warnings_never_show_a_withheld_body() {
    // a user stub whose JSON-path matcher quotes a body it cannot parse in a journal sub-event
    String stub =
        """
        {"priority": 1,
         "request": {"method": "PATCH", "urlPath": "/assistant/update/form",
                     "bodyPatterns": [{"matchesJsonPath": "$.never"}]},
         "response": {"status": 299}}
        """;
    var created = http.post("/__admin/mappings", stub);
    assertEquals(201, created.status(), created::text);
    try {
      for (String[] sent :
          new String[][] {
            {"application/x-www-form-urlencoded", "assistant_llm_config.api_key=sk-form-secret"},
            {"text/plain", "api_key=sk-text-secret"},
            {"application/json", "{\"assistant_llm_config\":{\"api\\u005fkey\":\"sk-esc-secret\""}
          }) {
        var answer =
            http.patch(
                "form",
                sent[1].getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", sent[0], "Authorization", "Bearer " + MockHttp.KEY));
        assertEquals(400, answer.status(), answer::text);
      }
      String journal = http.get("/__admin/requests").text();
      for (String secret : List.of("sk-form-secret", "sk-text-secret", "sk-esc-secret")) {
        assertTrue(!journal.contains(secret), () -> secret + " in " + journal);
      }
      assertTrue(journal.contains("withheld from the journal"), journal);
    } finally {
      http.send(
          "DELETE",
          "/__admin/mappings/" + created.json().get("id").asString(),
          HttpRequest.BodyPublishers.noBody(),
          Map.of());
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
