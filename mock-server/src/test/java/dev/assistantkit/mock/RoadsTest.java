package dev.assistantkit.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.http.UniformDistribution;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.assistantkit.mock.recorder.Road;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One road per request, chosen by the gate: the engine answers the operations while WireMock would
 * answer them the same; anything that could change WireMock's answer (a user's stub, an own stub
 * edited, a global delay, a request listener, a caller's extension) sends requests through
 * WireMock. Every road gives the same answers, journal and traffic.
 */
class RoadsTest {

  static final String PATH = "/assistant/update/" + MockHttp.EXAMPLE;
  static final String SWITCH =
      "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"elevenlabs\","
          + "\"assistant_tts_config\":{\"voice_id\":\"JBFqnCBv7z4s9ByuOnH\"}}";

  /** Answered by the engine: only the mock's own stubs. */
  static MockServer direct;

  /** Answered by WireMock: a user's stub (on another path) is registered. */
  static MockServer viaWireMock;

  static MockHttp d;
  static MockHttp w;

  @BeforeAll
  static void start() {
    MockConfig config = MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY));
    direct = MockServer.start(config);
    viaWireMock = MockServer.start(config);
    viaWireMock
        .wireMock()
        .stubFor(get(urlEqualTo("/a-users-stub")).willReturn(aResponse().withStatus(204)));
    d = new MockHttp(direct.baseUrl());
    w = new MockHttp(viaWireMock.baseUrl());
  }

  @AfterAll
  static void stop() {
    direct.close();
    viaWireMock.close();
  }

  @BeforeEach
  void reset() {
    assertEquals(200, d.post("/__mock/reset", "{}").status());
    assertEquals(200, w.post("/__mock/reset", "{}").status());
  }

  private record Sent(String method, String target, Map<String, String> headers, String body) {}

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static final String AUTH = "Bearer " + MockHttp.KEY;

  /** One of each answer of the operation, and requests carrying secrets in every place. */
  private static final List<Sent> REQUESTS =
      List.of(
          new Sent(
              "PATCH",
              PATH,
              headers("Content-Type", "application/json", "Authorization", AUTH),
              SWITCH),
          new Sent("PATCH", PATH, headers("Content-Type", "application/json"), "{}"),
          new Sent(
              "PATCH",
              PATH,
              headers("Content-Type", "application/json", "Authorization", AUTH),
              "{\"assistant_llm_mode\":"),
          new Sent(
              "PATCH",
              PATH + "?api_key=sk-query-secret-456&x=1",
              headers(
                  "Content-Type",
                  "application/json; charset=utf-8",
                  "Authorization",
                  "Bearer sk-unknown-client-token",
                  "Cookie",
                  "session=s1; theme=dark; api_key=sk-cookie-secret-789",
                  "X-Forwarded-For",
                  "203.0.113.9",
                  "Origin",
                  "http://localhost:3000"),
              "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"openai\","
                  + "\"model\":\"gpt-realtime\",\"voice\":\"alloy\",\"api_key\":\"sk-live-body-secret-123\"}}"),
          new Sent(
              "PATCH",
              "/assistant/update/00000000-0000-4000-8000-000000000000",
              headers("Content-Type", "application/json", "Authorization", AUTH),
              "{\"assistant_name\":\"x\"}"),
          new Sent("PATCH", PATH, headers("Prefer", "code=500"), ""),
          new Sent(
              "PATCH",
              PATH,
              headers("Content-Type", "application/json", "Authorization", AUTH),
              "{\"assistant_tts_model\":\"cartesia\"}"),
          new Sent(
              "PATCH",
              PATH,
              headers("Content-Type", "application/json", "Authorization", AUTH),
              SWITCH));

  private static MockHttp.Answer send(MockHttp http, Sent s) {
    return http.send(
        s.method(), s.target(), HttpRequest.BodyPublishers.ofString(s.body()), s.headers());
  }

  /** The headers of an answer, without those of its framing on the wire. */
  private static Map<String, List<String>> answerHeaders(MockHttp.Answer a) {
    Map<String, List<String>> out = new TreeMap<>(a.headers().map());
    out.remove("content-length");
    out.remove("transfer-encoding");
    return out;
  }

  private static final List<String> OF_THE_MOMENT =
      List.of(
          "id",
          "seq",
          "loggedDate",
          "loggedDateString",
          "timing",
          "started",
          "startedDateTime",
          "micros",
          "time",
          "timings",
          // a page of the traffic names the exchanges' numbers
          "page",
          "_page");

  /** A JSON document without what differs between two runs (ids, times), ports as PORT. */
  private static String comparable(JsonNode node, MockServer server) {
    return strip(node.deepCopy()).toString().replace(":" + server.port(), ":PORT");
  }

  private static JsonNode strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      OF_THE_MOMENT.forEach(o::remove);
    }
    node.forEach(RoadsTest::strip);
    return node;
  }

  /** The PATCH requests in the journal (the reset before each test is journaled too). */
  private static long patches(MockServer server) {
    return server.wireMock().getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("PATCH"))
        .count();
  }

  @Test
  void every_road_gives_the_same_answers_journal_and_traffic() {
    long directBefore = direct.answered(Road.ENGINE);
    long viaBefore = viaWireMock.answered(Road.ENGINE);
    for (Sent s : REQUESTS) {
      MockHttp.Answer a = send(d, s);
      MockHttp.Answer b = send(w, s);
      assertEquals(b.status(), a.status(), () -> s + ": " + a.text());
      assertEquals(b.text(), a.text(), s::toString);
      assertEquals(answerHeaders(b), answerHeaders(a), s::toString);
    }
    assertEquals(directBefore + REQUESTS.size(), direct.answered(Road.ENGINE), "the engine");
    assertEquals(viaBefore, viaWireMock.answered(Road.ENGINE), "a user's stub: WireMock answers");

    for (String view : List.of("/__admin/requests", "/__mock/traffic", "/__mock/traffic.har")) {
      String shown = comparable(d.get(view).json(), direct);
      assertEquals(comparable(w.get(view).json(), viaWireMock), shown, view);
      for (String secret :
          List.of(
              MockHttp.KEY,
              "sk-unknown-client-token",
              "sk-query-secret-456",
              "sk-cookie-secret-789",
              "sk-live-body-secret-123")) {
        assertFalse(shown.contains(secret), () -> view + " shows " + secret);
      }
    }
    assertEquals(REQUESTS.size(), patches(direct));
  }

  @Test
  void a_users_stub_answers_and_the_engine_answers_again_once_it_is_gone() {
    StubMapping stub =
        direct
            .wireMock()
            .stubFor(patch(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(418)));
    long before = direct.answered(Road.ENGINE);
    assertEquals(418, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
    assertEquals(before, direct.answered(Road.ENGINE));

    direct.wireMock().removeStub(stub);
    assertEquals(200, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
    assertEquals(before + 1, direct.answered(Road.ENGINE));

    // a stub added over HTTP, then every stub reset: the mock's own come back, the engine answers
    assertEquals(
        201,
        d.post(
                "/__admin/mappings",
                "{\"request\":{\"method\":\"PATCH\",\"urlPath\":\""
                    + PATH
                    + "\"},\"response\":{\"status\":202}}")
            .status());
    assertEquals(202, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
    assertEquals(before + 1, direct.answered(Road.ENGINE));
    assertEquals(200, d.post("/__admin/mappings/reset", "{}").status());
    assertEquals(200, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
    assertEquals(before + 2, direct.answered(Road.ENGINE));
  }

  @Test
  void a_stub_loaded_from_the_mappings_directory_answers(@TempDir Path dir) throws Exception {
    Path mappings = dir.resolve("src/test/resources/mappings");
    Files.createDirectories(mappings);
    Files.writeString(
        mappings.resolve("users.json"),
        "{\"request\": {\"method\": \"PATCH\", \"urlPath\": \""
            + PATH
            + "\"}, \"response\": {\"status\": 418}}");
    try (ForkedMock mock = ForkedMock.start(List.of(), dir, "--port", "0")) {
      MockHttp http = new MockHttp(mock.awaitBaseUrl());
      MockHttp.Answer answer =
          http.patch(
              MockHttp.EXAMPLE,
              SWITCH.getBytes(StandardCharsets.UTF_8),
              Map.of(
                  "Content-Type",
                  "application/json",
                  "Authorization",
                  "Bearer " + MockConfig.DEV_KEY));
      assertEquals(418, answer.status(), answer::text);
    }
  }

  /** A PATCH sent as raw bytes (a target no HTTP client library would send). */
  private static RawHttp.Answer raw(MockServer server, String target) {
    String body = "{\"assistant_name\":\"raw\"}";
    try (RawHttp http = new RawHttp("127.0.0.1", server.port())) {
      return http.send(
              RawHttp.head(
                      "PATCH",
                      target,
                      "Authorization: "
                          + AUTH
                          + "\r\nContent-Type: application/json\r\n"
                          + "Content-Length: "
                          + body.length()
                          + "\r\n")
                  + body)
          .read();
    }
  }

  @Test
  void a_query_wiremock_cannot_read_leaves_the_journal_and_traffic_readable() {
    long before = direct.answered(Road.ENGINE);
    RawHttp.Answer a = raw(direct, PATH + "?x=%zz&y=%");
    RawHttp.Answer b = raw(viaWireMock, PATH + "?x=%zz&y=%");
    assertEquals(b.status(), a.status(), a::toString);
    // the door refuses it before anyone decodes it: a client's mistake, not a failure of the mock
    assertEquals(400, a.status(), a::toString);
    assertEquals("request.malformed", a.rule(), a::toString);
    assertEquals(before, direct.answered(Road.ENGINE));
    assertEquals(200, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
    for (String view : List.of("/__admin/requests", "/__mock/traffic", "/__mock/traffic.har")) {
      assertEquals(200, d.get(view).status(), view);
    }
    direct.wireMock().verify(patchRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void an_own_stub_renamed_sends_requests_through_wiremock() {
    StubMapping own =
        direct.wireMock().listAllStubMappings().getMappings().stream()
            .filter(s -> s.getName() != null && s.getName().startsWith("contract: PATCH"))
            .findFirst()
            .orElseThrow();
    StubMapping renamed = StubMapping.buildFrom(StubMapping.buildJsonStringFor(own));
    renamed.setName("renamed by a user");
    direct.wireMock().editStubMapping(renamed);
    try {
      long before = direct.answered(Road.ENGINE);
      long wiremock = direct.answered(Road.WIREMOCK);
      MockHttp.Answer a = d.patchJson(MockHttp.EXAMPLE, SWITCH);
      assertEquals(200, a.status());
      // the mock's own stubs answer without WireMock's stub headers, on every road
      assertTrue(a.headers().firstValue("Matched-Stub-Name").isEmpty(), a.headers()::toString);
      assertEquals(before, direct.answered(Road.ENGINE));
      assertEquals(wiremock + 1, direct.answered(Road.WIREMOCK));
      assertEquals(
          "renamed by a user",
          direct.wireMock().getAllServeEvents().get(0).getStubMapping().getName());
    } finally {
      direct.wireMock().resetMappings();
    }
  }

  @Test
  void a_changed_own_stub_sends_requests_through_wiremock() {
    StubMapping own =
        direct.wireMock().listAllStubMappings().getMappings().stream()
            .filter(s -> s.getName() != null && s.getName().startsWith("contract: PATCH"))
            .findFirst()
            .orElseThrow();
    direct
        .wireMock()
        .editStub(
            patch(urlPathEqualTo(PATH))
                .withId(own.getId())
                .atPriority(dev.assistantkit.mock.wiremock.WireMockRoad.CONTRACT_PRIORITY)
                .willReturn(aResponse().withStatus(299)));
    try {
      long before = direct.answered(Road.ENGINE);
      assertEquals(299, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
      assertEquals(before, direct.answered(Road.ENGINE));
    } finally {
      direct.wireMock().resetMappings();
    }
    long before = direct.answered(Road.ENGINE);
    assertEquals(200, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
    assertEquals(before + 1, direct.answered(Road.ENGINE));
  }

  @Test
  void a_global_delay_is_honoured() {
    assertGlobalDelayHonoured(GlobalSettings.builder().fixedDelay(400).build(), 380);
  }

  @Test
  void a_global_delay_distribution_is_honoured() {
    assertGlobalDelayHonoured(
        GlobalSettings.builder().delayDistribution(new UniformDistribution(300, 310)).build(), 280);
  }

  /** With this global setting, a PATCH takes at least {@code atLeastMs} and WireMock answers it. */
  private static void assertGlobalDelayHonoured(GlobalSettings delayed, long atLeastMs) {
    direct.wireMock().updateGlobalSettings(delayed);
    try {
      long before = direct.answered(Road.ENGINE);
      long t0 = System.nanoTime();
      assertEquals(200, d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= atLeastMs, () -> "answered in " + ms + " ms despite a global delay");
      assertEquals(before, direct.answered(Road.ENGINE));
    } finally {
      direct.wireMock().updateGlobalSettings(GlobalSettings.defaults());
    }
  }

  @Test
  void verification_and_the_journal_api_see_requests_the_engine_answered() {
    for (int i = 0; i < 3; i++) {
      assertEquals(
          200, d.patchJson(MockHttp.EXAMPLE, "{\"assistant_name\":\"v" + i + "\"}").status());
    }
    direct.wireMock().verify(3, patchRequestedFor(urlPathEqualTo(PATH)));
    List<ServeEvent> events =
        direct.wireMock().getAllServeEvents().stream()
            .filter(e -> e.getRequest().getMethod().getName().equals("PATCH"))
            .toList();
    assertEquals(3, events.size());
    assertEquals("{\"assistant_name\":\"v2\"}", events.get(0).getRequest().getBodyAsString());
    assertTrue(events.get(0).getWasMatched());
    assertEquals(200, events.get(0).getResponse().getStatus());

    // one entry read and removed by its id, as WireMock's admin API does
    String id = events.get(1).getId().toString();
    assertEquals(200, d.get("/__admin/requests/" + id).status());
    assertEquals(
        200,
        d.send("DELETE", "/__admin/requests/" + id, HttpRequest.BodyPublishers.noBody(), Map.of())
            .status());
    assertEquals(404, d.get("/__admin/requests/" + id).status());
    direct.wireMock().verify(2, patchRequestedFor(urlPathEqualTo(PATH)));
    assertEquals(
        0, direct.wireMock().findAllUnmatchedRequests().size(), "answered requests are matched");
  }

  @Test
  void a_request_listener_sees_every_request() {
    MockServer listened =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    try {
      List<Integer> seen = new CopyOnWriteArrayList<>();
      listened.wireMock().addMockServiceRequestListener((req, resp) -> seen.add(resp.getStatus()));
      MockHttp http = new MockHttp(listened.baseUrl());
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, SWITCH).status());
      assertEquals(List.of(200), seen);
      assertEquals(0, listened.answered(Road.ENGINE));
    } finally {
      listened.close();
    }
  }

  @Test
  void with_a_callers_extension_wiremock_answers_every_request() {
    ServeEventListener extra =
        new ServeEventListener() {
          @Override
          public String getName() {
            return "a-callers-listener";
          }
        };
    MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)), extra);
    try {
      MockHttp http = new MockHttp(server.baseUrl());
      assertEquals(200, http.patchJson(MockHttp.EXAMPLE, SWITCH).status());
      assertEquals(0, server.answered(Road.ENGINE), "answered without WireMock");
      assertEquals(1, server.answered(Road.WIREMOCK));
    } finally {
      server.close();
    }
  }

  @Test
  void latency_and_verbose_are_honoured_on_every_road() {
    MockConfig config =
        MockConfig.defaults()
            .withApiKeys(List.of(MockHttp.KEY))
            .withLatency(new MockConfig.Latency(300, 300))
            .withVerbose(true);
    MockServer server = MockServer.start(config);
    try {
      MockHttp http = new MockHttp(server.baseUrl());
      assertAtLeast(300, () -> http.patchJson(MockHttp.EXAMPLE, SWITCH));
      assertEquals(1, server.answered(Road.ENGINE));
      server.wireMock().stubFor(get(urlEqualTo("/a-users-stub")).willReturn(aResponse()));
      assertAtLeast(300, () -> http.patchJson(MockHttp.EXAMPLE, SWITCH));
      assertEquals(1, server.answered(Road.WIREMOCK));
    } finally {
      server.close();
    }
  }

  /** A request whose answer a configured delay holds back: it cannot come sooner. */
  private static void assertAtLeast(long ms, java.util.function.Supplier<MockHttp.Answer> send) {
    long t0 = System.nanoTime();
    MockHttp.Answer a = send.get();
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(200, a.status(), a::text);
    assertTrue(took >= ms, () -> "answered in " + took + " ms despite a delay of " + ms);
  }

  @Test
  void concurrent_requests_are_all_journaled_and_recorded() throws Exception {
    int threads = 8;
    int each = 25;
    List<Thread> started = new ArrayList<>();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  statuses.add(d.patchJson(MockHttp.EXAMPLE, SWITCH).status());
                }
              });
      th.start();
      started.add(th);
    }
    for (Thread th : started) {
      th.join(TimeUnit.MINUTES.toMillis(5)); // a guard against a hang only
      assertFalse(th.isAlive(), "a writer still runs after five minutes");
    }
    assertEquals(threads * each, statuses.size());
    assertTrue(statuses.stream().allMatch(s -> s == 200), statuses::toString);
    assertEquals(threads * each, patches(direct));
    assertEquals(threads * each, d.get("/__mock/traffic").json().get("exchanges").size());
  }
}
