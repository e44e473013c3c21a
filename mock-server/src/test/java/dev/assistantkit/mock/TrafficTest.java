package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * What is kept of an exchange until it is shown is all of it, masked where it is shown: every
   * header sent, in order, names as sent and repeats kept, the body, the answer's headers and body,
   * the verdict (the journal keeps each exchange in as few objects as it can).
   */
  @Test
  void a_kept_exchange_is_shown_whole_and_masked_in_the_har_and_the_journal() {
    http.post("/__mock/reset", "{}");
    String body = "{\"assistant_name\":\"Nova\",\"assistant_prompt\":\"key " + SECRET_KEY + "\"}";
    String sent =
        "PATCH /assistant/update/"
            + MockHttp.EXAMPLE
            + "?from=kept HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + server.port()
            + "\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + SECRET_KEY
            + "\r\nX-Twice: one\r\n"
            + "x-twice: two: with a colon\r\n"
            + "X-Note: the key is "
            + SECRET_KEY
            + "\r\nX-Empty: \r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n"
            + body;
    RawHttp.Answer answer;
    try (RawHttp raw = new RawHttp(server.port())) {
      answer = raw.send(sent.getBytes(StandardCharsets.UTF_8)).read();
    }
    assertEquals(200, answer.status(), answer::toString);

    String har = http.get("/__mock/traffic.har").text();
    JsonNode entry = MockHttp.JSON.readTree(har).at("/log/entries/0");
    List<String> names = new ArrayList<>();
    for (JsonNode h : entry.at("/request/headers")) {
      names.add(h.get("name").asString());
    }
    assertEquals(
        List.of(
            "Host",
            "Content-Type",
            "Authorization",
            "X-Twice",
            "x-twice",
            "X-Note",
            "X-Empty",
            "Connection",
            "Content-Length"), // the length of the body shown, last
        names,
        har);
    assertEquals("two: with a colon", entry.at("/request/headers/4/value").asString(), har);
    assertEquals("", entry.at("/request/headers/6/value").asString(), har);
    assertTrue(entry.at("/request/url").asString().endsWith("?from=kept"), har);
    assertTrue(entry.at("/request/postData/text").asString().contains("Nova"), har);
    assertEquals(200, entry.at("/response/status").asInt(), har);
    assertEquals(
        MockHttp.JSON.readTree(answer.body()),
        MockHttp.JSON.readTree(entry.at("/response/content/text").asString()),
        har);
    assertTrue(har.contains("\"Cache-Control\"") && har.contains("no-store"), har);
    assertEquals("ok", entry.at("/_verdicts/outcome").asString(), har);

    String journal = http.get("/__admin/requests").text();
    JsonNode logged = null;
    for (JsonNode r : MockHttp.JSON.readTree(journal).get("requests")) {
      if (r.at("/request/method").asString().equals("PATCH")) {
        logged = r.get("request");
      }
    }
    assertTrue(logged != null, journal);
    assertEquals(
        "/assistant/update/" + MockHttp.EXAMPLE + "?from=kept", logged.at("/url").asString());
    assertEquals(
        List.of("one", "two: with a colon"),
        List.of(
            logged.at("/headers/X-Twice/0").asString(), logged.at("/headers/X-Twice/1").asString()),
        journal);
    assertTrue(
        new String(
                Base64.getDecoder().decode(logged.at("/bodyAsBase64").asString()),
                StandardCharsets.UTF_8)
            .contains("Nova"),
        journal);
    for (String view : List.of(har, journal)) {
      assertFalse(view.contains(SECRET_KEY), "the key leaked: " + view);
    }
  }

  static final String UNKNOWN = "0c4b6f0e-8d7a-4a43-9a0e-5d6f7b8c9d01";

  /** A row of the traffic page: its number, time, request and status got. */
  private static final Pattern ROW =
      Pattern.compile(
          "<tr class=\"[a-z-]+\" data-seq=\"(\\d+)\"[^>]*><td>\\d+</td>"
              + "<td><time datetime=\"([^\"]+)\"[^>]*>([^<]+)</time></td>"
              + "<td><code>([^<]*)</code></td><td>(\\d{3})");

  @Test
  void the_page_shows_the_newest_exchange_first_with_the_time_it_came() {
    http.post("/__mock/reset", "{}");
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertEquals(200, patch(MockHttp.EXAMPLE, "{\"assistant_name\":\"Nova\"}").status());
    assertEquals(400, patch(MockHttp.EXAMPLE, "{\"assistant_tts_model\":\"cartesia\"}").status());
    assertEquals(404, patch(UNKNOWN, "{\"assistant_name\":\"Nova\"}").status());
    Instant after = Instant.now();

    String html = http.get("/__mock/traffic.html").text();
    List<String> statuses = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      seqs.add(Long.parseLong(m.group(1)));
      Instant at = Instant.parse(m.group(2));
      assertTrue(!at.isBefore(before) && !at.isAfter(after), at + " not between " + before);
      assertEquals(m.group(2).substring(11, 23), m.group(3), "the time shown is the UTC time");
      statuses.add(m.group(5));
    }
    assertEquals(List.of("404", "400", "200"), statuses, html);
    assertTrue(seqs.get(0) > seqs.get(1) && seqs.get(1) > seqs.get(2), seqs::toString);
    assertTrue(
        html.contains("data-live=\"true\"") && html.contains("newest first"),
        "the newest page is the one that refreshes: " + html);

    // a page from an exchange on: those after it, newest first, and it refreshes only when it
    // reaches the newest
    String from = http.get("/__mock/traffic.html?from=" + seqs.get(1)).text();
    List<String> fromStatuses = new ArrayList<>();
    Matcher f = ROW.matcher(from);
    while (f.find()) {
      fromStatuses.add(f.group(5));
    }
    assertEquals(List.of("404", "400"), fromStatuses, from);
    assertTrue(from.contains("data-live=\"true\""), from);
    String older = http.get("/__mock/traffic.html?from=" + seqs.get(2) + "&limit=1").text();
    assertTrue(older.contains("data-live=\"false\""), older);
  }

  @Test
  void the_page_runs_no_script_but_its_own_file_and_no_style_but_its_own() throws Exception {
    var page = http.get("/__mock/traffic.html");
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    assertTrue(csp.contains("default-src 'none'"), csp);
    String html = page.text();
    assertEquals(1, html.split("<script", -1).length - 1, "one script element: " + html);
    assertTrue(html.contains("<script src=\"/__mock/traffic.js\" defer></script>"), html);
    // the page's own style is allowed by its hash, so the browser applies it
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
    assertTrue(style.find(), html);
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
    assertTrue(csp.contains("'sha256-" + hash + "'"), csp);

    var script = http.get("/__mock/traffic.js");
    assertEquals(200, script.status());
    assertEquals("text/javascript; charset=utf-8", script.contentType());
    assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElse(""));
  }

  /**
   * A request's field names, values and query are what a hostile client chooses: on the page, and
   * on the part of it the page's script fetches to add new exchanges ({@code ?from=SEQ}), they are
   * text, never markup.
   */
  @Test
  void what_a_request_sent_is_text_on_the_traffic_page_never_markup() {
    http.post("/__mock/reset", "{}");
    String img = "<img src=x onerror=alert(1)>";
    String script = "</td></tr><script>alert(2)</script>";
    var a =
        patch(
            MockHttp.EXAMPLE,
            "{\"" + img + "\": \"" + script + "\", \"assistant_name\": \"" + script + "\"}");
    assertEquals(400, a.status(), a::text);
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "GET /assistant/update/"
              + MockHttp.EXAMPLE
              + "?q=<script>alert(3)</script> HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Connection: close\r\n\r\n");
      raw.read();
    }
    long first = http.get("/__mock/traffic").json().at("/exchanges/0/seq").asLong();
    for (String query : List.of("", "?from=" + first)) {
      String html = http.get("/__mock/traffic.html" + query).text();
      assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the field's name, as text");
      assertFalse(html.contains("<img"), html);
      assertFalse(html.contains("alert(2)</script>") || html.contains("alert(3)</script>"), html);
      assertEquals(1, html.split("<script", -1).length - 1, html);
      assertEquals(
          2, html.split("<tr class=", -1).length - 1, "the two exchanges, each one row: " + html);
    }
  }
}
