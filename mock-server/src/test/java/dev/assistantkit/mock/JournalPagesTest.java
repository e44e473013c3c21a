package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /__admin/requests} one page at a time. Before: WireMock rendered the whole journal
 * into one string: 1,100 requests of 55 KiB made an answer of 134 MB, and reading it raised the
 * mock's RSS by gigabytes. Now a read renders about 8 MiB of events at most and names the next page
 * ({@code Link: <...>; rel="next"}); following the links lists every event once, newest first, and
 * {@code meta.total} counts them all on every page.
 */
class JournalPagesTest {

  static final int REQUESTS = 220;
  static final int PAGE_BYTES = 8 * 1024 * 1024;
  static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

  static MockServer server;
  static MockHttp http;

  @BeforeAll
  static void start() {
    server = MockServer.start(MockConfig.defaults().withApiKeys(List.of(MockHttp.KEY)));
    http = new MockHttp(server.baseUrl());
    // 220 bodies of 55 KiB: about 30 MB of events as WireMock renders them (the body twice)
    String big = "p".repeat(55 * 1024);
    for (int i = 0; i < REQUESTS; i++) {
      http.patchJson(MockHttp.EXAMPLE, "{\"assistant_prompt\":\"" + i + big + "\"}");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_read_renders_one_page_and_the_links_lead_to_every_event_once() {
    List<String> ids = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    String next = "/__admin/requests";
    int pages = 0;
    long largest = 0;
    while (next != null) {
      MockHttp.Answer a = http.get(next);
      assertEquals(200, a.status(), a::text);
      largest = Math.max(largest, a.body().length);
      // one event of about 130 KB may take a page past its size: never by more than one event
      assertTrue(a.body().length < PAGE_BYTES + 512 * 1024, "a page of " + a.body().length);
      JsonNode page = a.json();
      assertEquals(REQUESTS, page.at("/meta/total").asInt(), "meta.total counts every event");
      assertNotNull(a.headers().firstValue("X-Journal-Page").orElse(null));
      for (JsonNode e : page.get("requests")) {
        ids.add(e.get("id").asString());
        bodies.add(e.at("/request/body").asString());
      }
      Matcher m = NEXT.matcher(a.headers().firstValue("Link").orElse(""));
      next = m.find() ? m.group(1) : null;
      pages++;
    }
    System.out.printf(
        "JournalPagesTest: %d events of 55 KiB in %d pages, the largest %d bytes%n",
        ids.size(), pages, largest);
    assertTrue(pages > 1, "30 MB of journal was not paged");
    assertEquals(REQUESTS, ids.size(), "every event listed");
    assertEquals(REQUESTS, new HashSet<>(ids).size(), "no event listed twice");
    for (int i = 0; i < REQUESTS; i++) {
      // newest first, as WireMock lists them
      String body = bodies.get(i);
      assertTrue(
          body.startsWith("{\"assistant_prompt\":\"" + (REQUESTS - 1 - i) + "p"),
          () -> body.substring(0, 40));
    }
  }

  @Test
  void limit_is_read_as_wiremock_reads_it_and_a_small_page_names_no_next() {
    MockHttp.Answer a = http.get("/__admin/requests?limit=3");
    assertEquals(200, a.status(), a::text);
    assertEquals(3, a.json().get("requests").size());
    assertEquals(REQUESTS, a.json().at("/meta/total").asInt());
    assertNull(a.headers().firstValue("Link").orElse(null));
    // an offset skips the newest; the page keeps the limit's window
    MockHttp.Answer skipped = http.get("/__admin/requests?limit=3&offset=1");
    assertEquals(2, skipped.json().get("requests").size());
    assertEquals(
        a.json().at("/requests/1/id").asString(), skipped.json().at("/requests/0/id").asString());
  }

  @Test
  void a_query_it_cannot_read_is_a_400_never_a_500() {
    Set<String> bad = Set.of("offset=-1", "offset=abc", "limit=-5", "since=yesterday");
    for (String q : bad) {
      MockHttp.Answer a = http.get("/__admin/requests?" + q);
      assertEquals(400, a.status(), () -> q + ": " + a.text());
    }
  }

  @Test
  void the_journal_keeps_an_answer_body_up_to_64_kib() {
    try (MockServer mock = MockServer.start(MockConfig.defaults())) {
      MockHttp h = new MockHttp(mock.baseUrl());
      String body = "b".repeat(200 * 1024);
      MockHttp.Answer stub =
          h.post(
              "/__admin/mappings",
              "{\"request\":{\"method\":\"GET\",\"url\":\"/large\"},"
                  + "\"response\":{\"status\":200,\"body\":\""
                  + body
                  + "\"}}");
      assertEquals(201, stub.status(), stub::text);
      assertEquals(body.length(), h.get("/large").body().length, "the client gets it whole");
      JsonNode event = h.get("/__admin/requests?limit=1").json().at("/requests/0");
      assertEquals("/large", event.at("/request/url").asString());
      assertEquals(64 * 1024, event.at("/response/body").asString().length(), "kept up to 64 KiB");
    }
  }
}
