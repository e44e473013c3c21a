package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.MockServer;
import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.wiremock.KitRequest;
import dev.assistantkit.testsupport.ReservedPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * REST-Assured sends what a request says, byte for byte (Content-Type included or left out), and no
 * server holds a run: bodies stop at the cap, requests at their deadline.
 */
class ApiClientTest {

  private static MockServer mock;
  private static ApiClient client;

  /** The requests as they reached the mock, before its door masks them for WireMock's journal. */
  private static final List<Arrival> SEEN = new CopyOnWriteArrayList<>();

  private static final Extension CAPTURE =
      new RequestFilterV2() {
        @Override
        public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
          if (request instanceof KitRequest k) {
            SEEN.add(k.asSent());
          }
          return RequestFilterAction.continueWith(request);
        }

        @Override
        public boolean applyToAdmin() {
          return false;
        }

        @Override
        public boolean applyToStubs() {
          return true;
        }

        @Override
        public String getName() {
          return "capture-as-sent";
        }
      };

  @BeforeAll
  static void start() {
    mock = SuiteRuns.mock(SuiteRuns.KEY, List.of(CAPTURE));
    // the mock answers: the timeouts are guards against a hang only
    client =
        new ApiClient(mock.baseUrl(), Duration.ofSeconds(60), Duration.ofSeconds(120), 1 << 20, 0);
    // REST-Assured's first request in a JVM loads its classes: seconds on a loaded machine, which
    // the deadline of a test's first request would count (a 3 s deadline met no answer head)
    ApiClient.Call warm = client.send(request("application/json", "{}"));
    assertTrue(warm.answered(), warm::toString);
  }

  @AfterAll
  static void stop() {
    mock.close();
    client.close();
  }

  private static ApiRequest request(String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + SuiteRuns.KEY);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new ApiRequest(
        "PATCH",
        "/assistant/update/" + SuiteRuns.ASSISTANT,
        Headers.of(headers),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static Arrival send(String contentType, String body) {
    SEEN.clear();
    ApiClient.Call ex = client.send(request(contentType, body));
    assertTrue(ex.answered(), ex::toString);
    return SEEN.get(0);
  }

  @Test
  void a_request_without_content_type_is_sent_without_one() {
    Arrival e = send(null, "{\"assistant_name\":\"Nova\"}");
    assertFalse(e.header("Content-Type").isPresent(), e.headers()::toString);
  }

  @Test
  void the_content_type_and_a_form_body_are_sent_exactly_as_written() {
    Arrival e = send("application/x-www-form-urlencoded", "assistant_name=Nova");
    assertEquals("application/x-www-form-urlencoded", e.header("Content-Type").orElse(""));
    assertEquals("assistant_name=Nova", new String(e.body(), StandardCharsets.UTF_8));
    Arrival t = send("text/plain", "{}");
    assertEquals("text/plain", t.header("Content-Type").orElse(""));
  }

  @Test
  void a_server_that_does_not_listen_gives_no_answer_not_an_exception() {
    try (ReservedPort nothing = ReservedPort.refusing();
        ApiClient dead =
            new ApiClient(
                nothing.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), 4096, 0)) {
      ApiClient.Call ex = dead.send(request("application/json", "{}"));
      assertFalse(ex.answered());
      assertTrue(ex.error().isPresent());
      assertEquals(1, dead.sent());
      assertEquals(0, dead.answered());
    }
  }

  @Test
  void a_body_is_kept_to_the_cap_and_marked_cut() throws Exception {
    try (HostileServer endless = HostileServer.start(HostileServer.Mode.ENDLESS_BODY);
        ApiClient capped =
            // the cap ends the exchange: the timeouts are guards against a hang only (a 2 s idle
            // timeout could fire first on a loaded machine, and the cut would be a stall)
            new ApiClient(
                endless.baseUrl(), Duration.ofSeconds(60), Duration.ofSeconds(120), 4096, 0)) {
      ApiClient.Call ex = capped.send(request("application/json", "{}"));
      assertTrue(ex.answered());
      assertEquals(4096, ex.answer().get().body().length);
      assertTrue(ex.answer().get().truncated());
      assertTrue(ex.note().orElseThrow().contains("--max-response-bytes"), ex::toString);
      assertFalse(ex.stalled(), "a cut at the cap is not a stall");
    }
  }

  @Test
  void a_body_that_trickles_in_ends_at_the_request_deadline() throws Exception {
    // the server trickles for ever: that the exchange ends at all, stalled and cut at the
    // deadline, is the proof; how long it took is a figure of this machine. The idle timeout
    // (a minute) never fires while a byte comes every 100 ms. The answer's head must come before
    // the deadline: a machine too loaded to bring it within 3 s is given 30 s, then 60 s.
    try (HostileServer drip = HostileServer.start(HostileServer.Mode.SLOW_DRIP)) {
      ApiClient.Call ex = null;
      for (int deadline : new int[] {3, 30, 60}) {
        try (ApiClient bounded =
            new ApiClient(
                drip.baseUrl(), Duration.ofSeconds(60), Duration.ofSeconds(deadline), 1 << 20, 0)) {
          long start = System.nanoTime();
          ex = bounded.send(request("application/json", "{}"));
          System.out.printf(
              "a trickling body ended after %d ms (deadline %d s, head %s)%n",
              (System.nanoTime() - start) / 1_000_000,
              deadline,
              ex.answered() ? "received" : "not received in time");
        }
        if (ex.answered()) {
          break;
        }
      }
      ApiClient.Call last = ex;
      assertTrue(last.answered(), () -> "no answer's head even with a 60 s deadline: " + last);
      assertEquals(200, last.answer().get().status());
      assertTrue(last.answer().get().truncated());
      assertTrue(last.stalled());
      assertTrue(last.note().orElseThrow().contains("deadline"), last::toString);
    }
  }

  /** A lower bound only: a slower machine takes longer, never shorter. */
  @Test
  void the_rate_limit_spaces_requests_out() {
    ApiClient.RateLimiter limiter = new ApiClient.RateLimiter(50);
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      limiter.acquire();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 90, "6 requests at 50/s take at least 100 ms, took " + millis);
  }
}
