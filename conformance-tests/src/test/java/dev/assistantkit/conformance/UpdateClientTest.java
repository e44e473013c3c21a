package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.mock.MockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** REST-Assured sends what a case says, byte for byte, Content-Type included or left out. */
class UpdateClientTest {

  private static MockServer mock;
  private static UpdateClient client;

  @BeforeAll
  static void start() {
    mock = SuiteRuns.mock(SuiteRuns.KEY, List.of());
    client = new UpdateClient(mock.baseUrl(), Duration.ofSeconds(5), 0);
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  private static ServeEvent send(String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + SuiteRuns.KEY);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    mock.wireMock().resetRequests();
    Exchange ex =
        client.send(
            new ContractRequest(
                SuiteRuns.ASSISTANT, headers, body.getBytes(StandardCharsets.UTF_8)));
    assertTrue(ex.answered());
    return mock.wireMock().getAllServeEvents().get(0);
  }

  @Test
  void a_case_without_content_type_is_sent_without_one() {
    ServeEvent e = send(null, "{\"assistant_name\":\"Nova\"}");
    assertFalse(
        e.getRequest().containsHeader("Content-Type"), e.getRequest().getHeaders()::toString);
  }

  @Test
  void the_content_type_and_a_form_body_are_sent_exactly_as_written() {
    ServeEvent e = send("application/x-www-form-urlencoded", "assistant_name=Nova");
    assertEquals("application/x-www-form-urlencoded", e.getRequest().getHeader("Content-Type"));
    assertEquals("assistant_name=Nova", e.getRequest().getBodyAsString());
    ServeEvent j = send("application/json; charset=utf-8", "{}");
    // Jetty, on the receiving side, spells the charset in upper case; REST-Assured would add one
    assertTrue(
        "application/json; charset=utf-8"
            .equalsIgnoreCase(j.getRequest().getHeader("Content-Type")),
        j.getRequest().getHeader("Content-Type"));
    ServeEvent t = send("text/plain", "{}");
    assertEquals("text/plain", t.getRequest().getHeader("Content-Type"));
  }

  @Test
  void a_server_that_does_not_listen_gives_no_answer_not_an_exception() {
    UpdateClient dead = new UpdateClient("http://127.0.0.1:9", Duration.ofSeconds(2), 0);
    Exchange ex =
        dead.send(
            new ContractRequest(
                SuiteRuns.ASSISTANT, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(ex.answered());
    assertTrue(ex.error().isPresent());
    assertEquals(0, dead.answered());
  }

  @Test
  void the_rate_limit_spaces_requests_out() {
    UpdateClient.RateLimiter limiter = new UpdateClient.RateLimiter(50);
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      limiter.acquire();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 90, "6 requests at 50/s take at least 100 ms, took " + millis);
  }
}
