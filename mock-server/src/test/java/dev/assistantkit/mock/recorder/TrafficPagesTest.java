package dev.assistantkit.mock.recorder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.mock.door.ShownRequest;
import dev.assistantkit.mock.tools.TrafficViews;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The traffic views show each exchange on its own, one page at a time. Before: one exchange whose
 * record could not be made (a number the tree reader threw on) made every view a 500 for everyone
 * until a reset or a thousand newer exchanges; and a read rendered every kept exchange whole, 58 MB
 * of HAR for 1,100 requests of 55 KiB. Now an exchange that cannot be shown is listed as such, and
 * a read stops after about {@link TrafficViews#PAGE_BYTES}, saying where the next page starts.
 */
class TrafficPagesTest {

  static final Contract CONTRACT = Contract.load();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String ID = "550e8400-e29b-41d4-a716-446655440000";
  static final TrafficViews VIEWS = new TrafficViews(CONTRACT, Profile.STRICT, "mock", List.of());

  static final Knowledge KNOWS =
      new Knowledge() {
        @Override
        public KeyVerdict key(String token) {
          return KeyVerdict.ACCEPTED;
        }

        @Override
        public ResourceView resource(String resource, String id) {
          return new Present(
              CONTRACT.seed(CONTRACT.resources().iterator().next(), Profile.STRICT).get(0));
        }
      };

  /** A PATCH the engine judged and answered 200, its request body this long. */
  static ExchangeRecord patch(long seq, int padding) {
    String body = "{\"assistant_prompt\":\"" + "p".repeat(padding) + "\"}";
    List<Map.Entry<String, String>> headers =
        List.of(
            Map.entry("Content-Type", "application/json"),
            Map.entry("Authorization", "Bearer ***"));
    ApiRequest request =
        new ApiRequest(
            "PATCH",
            "/assistant/update/" + ID,
            Headers.of(headers),
            body.getBytes(StandardCharsets.UTF_8));
    var decision = CONTRACT.evaluate(request, KNOWS);
    var answer = decision.answer(Profile.STRICT, decision.applied(Profile.STRICT));
    return new ExchangeRecord(
        seq,
        UUID.randomUUID(),
        Road.ENGINE,
        Instant.now(),
        1000,
        new ShownRequest(
            "PATCH",
            "/assistant/update/" + ID,
            headers,
            body.getBytes(StandardCharsets.UTF_8),
            false),
        "http://127.0.0.1:8080/assistant/update/" + ID,
        "127.0.0.1",
        "HTTP/1.1",
        new ShownAnswer(
            answer.status(),
            List.of(Map.entry("Content-Type", "application/json")),
            answer.body(),
            false),
        Optional.of(new Prediction(List.of(decision))),
        true,
        Optional.empty(),
        Optional.empty(),
        CONTRACT);
  }

  static Traffic traffic(int n, int padding, long unshowable) {
    Traffic t = new Traffic(10_000);
    for (long seq = 1; seq <= n; seq++) {
      ExchangeRecord r = seq == unshowable ? null : patch(seq, padding);
      t.add(
          seq,
          () -> {
            if (r == null) {
              throw new NumberFormatException("a record that cannot be made");
            }
            return r;
          });
    }
    return t;
  }

  @Test
  void an_exchange_that_cannot_be_shown_is_shown_as_such_and_every_other_is_judged() {
    Traffic t = traffic(3, 10, 2);
    TrafficViews.Page all = TrafficViews.Page.of("");
    JsonNode json = JSON.readTree(VIEWS.json(t, all));
    JsonNode exchanges = json.get("exchanges");
    assertEquals(3, exchanges.size(), json::toString);
    assertEquals("ok", exchanges.get(0).at("/verdicts/outcome").asString());
    assertEquals("not-shown", exchanges.get(1).at("/verdicts/outcome").asString());
    assertEquals("ok", exchanges.get(2).at("/verdicts/outcome").asString());

    JsonNode har = JSON.readTree(VIEWS.har(t, all));
    assertEquals(2, har.at("/log/entries").size(), "a HAR entry is an exchange as it went");
    assertEquals(2, har.at("/log/_notShown/0").asLong());
    for (JsonNode e : har.at("/log/entries")) {
      assertFalse(e.at("/request/method").asString().isEmpty());
      assertFalse(e.at("/request/url").asString().isEmpty());
    }

    String html = new String(VIEWS.html(t, all), StandardCharsets.UTF_8);
    assertTrue(html.contains("this exchange could not be shown"), html);
    assertEquals(2, html.split("<tr class=\"ok\"", -1).length - 1, html);
  }

  @Test
  void a_read_shows_one_page_and_says_where_the_next_starts() {
    Traffic t = traffic(30, 10, 0);
    JsonNode first = JSON.readTree(VIEWS.json(t, TrafficViews.Page.of("limit=10")));
    assertEquals(10, first.get("exchanges").size());
    assertEquals(1, first.at("/exchanges/0/seq").asLong());
    assertEquals("/__mock/traffic?from=11&limit=10", first.at("/page/next").asString());
    JsonNode second = JSON.readTree(VIEWS.json(t, TrafficViews.Page.of("from=11&limit=10")));
    assertEquals(11, second.at("/exchanges/0/seq").asLong());
    assertEquals(20, second.at("/page/to").asLong());
    JsonNode last = JSON.readTree(VIEWS.json(t, TrafficViews.Page.of("from=21&limit=10")));
    assertEquals(10, last.get("exchanges").size());
    assertTrue(last.at("/page/next").isMissingNode(), "the last page names no next one");
    // a query it cannot read is the default page, never a failure
    assertEquals(
        30,
        JSON.readTree(VIEWS.json(t, TrafficViews.Page.of("from=x&limit=-3")))
            .at("/page/shown")
            .asInt());
  }

  /** The exchange numbers of an HTML page's rows, as they appear. */
  static List<Long> htmlRows(String html) {
    List<Long> out = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<tr class=\"[a-z-]+\"[^>]*><td>(\\d+)</td>").matcher(html);
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  /**
   * The page a person opens shows the newest exchanges, newest first, and links to the oldest when
   * they do not all fit; a page from an exchange on is the same page the other views show, newest
   * first, and only the one that reaches the newest exchange refreshes.
   */
  @Test
  void the_html_page_shows_the_newest_first_and_pages_like_the_other_views() {
    Traffic t = traffic(30, 10, 0);
    String newest = new String(VIEWS.html(t, TrafficViews.Page.of("limit=10")), UTF_8);
    assertEquals(List.of(30L, 29L, 28L, 27L, 26L, 25L, 24L, 23L, 22L, 21L), htmlRows(newest));
    assertTrue(newest.contains("data-live=\"true\""), newest);
    assertTrue(newest.contains("data-floor=\"21\""), "no older row is added below: " + newest);
    assertTrue(
        newest.contains("href=\"/__mock/traffic.html?from=1&amp;limit=10\""),
        "20 older ones, from the oldest: " + newest);

    String second = new String(VIEWS.html(t, TrafficViews.Page.of("from=11&limit=10")), UTF_8);
    assertEquals(List.of(20L, 19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L), htmlRows(second));
    assertTrue(second.contains("data-live=\"false\""), second);
    assertTrue(second.contains("href=\"/__mock/traffic.html?from=21&amp;limit=10\""), second);

    String last = new String(VIEWS.html(t, TrafficViews.Page.of("from=21&limit=10")), UTF_8);
    assertEquals(10, htmlRows(last).size());
    assertTrue(last.contains("data-live=\"true\""), last);

    String all = new String(VIEWS.html(t, TrafficViews.Page.of("")), UTF_8);
    assertEquals(30, htmlRows(all).size());
    assertTrue(all.contains("data-floor=\"0\""), all);
    assertFalse(all.contains("id=\"page\""), "everything kept fits: no link " + all);
  }

  @Test
  void a_read_stops_at_about_the_page_size_and_every_exchange_is_on_some_page() {
    // 1,100 exchanges of 55 KiB: 58 MB of HAR when each read rendered them all
    Traffic t = traffic(1_100, 55 * 1024, 0);
    for (String view : List.of("json", "har", "html")) {
      List<Long> seen = new ArrayList<>();
      String query = "";
      int pages = 0;
      long largest = 0;
      while (query != null && pages < 1_100) {
        TrafficViews.Page page = TrafficViews.Page.of(query);
        byte[] bytes =
            switch (view) {
              case "json" -> VIEWS.json(t, page);
              case "har" -> VIEWS.har(t, page);
              default -> VIEWS.html(t, page);
            };
        largest = Math.max(largest, bytes.length);
        // one exchange of 55 KiB takes about twice that rendered: the page holds one past the size
        assertTrue(
            bytes.length <= TrafficViews.PAGE_BYTES + 512 * 1024,
            view + " page of " + bytes.length + " bytes");
        String next;
        if (view.equals("html")) {
          String text = new String(bytes, StandardCharsets.UTF_8);
          List<Long> rows = htmlRows(text);
          // newest first on each page
          java.util.Collections.reverse(rows);
          seen.addAll(rows);
          java.util.regex.Matcher n =
              java.util.regex.Pattern.compile("href=\"/__mock/traffic.html\\?([^\"]+)\"")
                  .matcher(text);
          next = n.find() ? n.group(1).replace("&amp;", "&") : null;
        } else {
          JsonNode root = JSON.readTree(bytes);
          JsonNode list = view.equals("har") ? root.at("/log/entries") : root.get("exchanges");
          JsonNode pageNode = view.equals("har") ? root.at("/log/_page") : root.get("page");
          long from = pageNode.get("from").asLong();
          for (int i = 0; i < list.size(); i++) {
            seen.add(from + i);
          }
          next =
              pageNode.has("next")
                  ? pageNode
                      .get("next")
                      .asString()
                      .substring(pageNode.get("next").asString().indexOf('?') + 1)
                  : null;
        }
        query = next;
        pages++;
      }
      System.out.printf(
          "TrafficPagesTest: %s of 1,100 exchanges of 55 KiB: %d pages, the largest %d bytes%n",
          view, pages, largest);
      if (view.equals("har")) {
        assertTrue(pages > 1, "58 MB of HAR was not paged");
      }
      List<Long> all = new ArrayList<>();
      for (long s = 1; s <= 1_100; s++) {
        all.add(s);
      }
      assertEquals(all, seen, view + ": every exchange once, in order");
    }
  }
}
