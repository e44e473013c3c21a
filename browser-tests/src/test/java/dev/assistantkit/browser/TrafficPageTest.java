package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The README's promise to frontend developers about {@code /__mock/traffic.html}: the requests
 * their app sent, newest first, each with its time, status and the rules it broke, filterable by
 * rule in the browser, and new ones added while the page is open.
 */
class TrafficPageTest {

  @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

  static final String KEY = "browser-key-traffic-19b4";
  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";
  static final String UNKNOWN = "0c4b6f0e-8d7a-4a43-9a0e-5d6f7b8c9d01";

  @Test
  void the_traffic_page_lists_the_exchanges_and_filters_them_by_rule() {
    try (MockServer mock = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)))) {
      assertEquals(200, patch(mock, EXAMPLE, "{\"assistant_name\": \"Nova\"}"));
      assertEquals(400, patch(mock, EXAMPLE, "{\"assistant_tts_model\": \"cartesia\"}"));
      assertEquals(404, patch(mock, UNKNOWN, "{\"assistant_name\": \"Nova\"}"));

      browser.open(mock.baseUrl() + "/__mock/traffic.html");
      browser.awaitVisible(By.id("traffic"));
      // the newest first
      assertEquals(
          List.of(
              "PATCH " + mock.baseUrl() + "/assistant/update/" + UNKNOWN + " 404",
              "PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 400",
              "PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 200"),
          visibleRows());

      Select rule = new Select(browser.driver().findElement(By.id("rule")));
      List<String> offered = rule.getOptions().stream().map(o -> o.getAttribute("value")).toList();
      assertTrue(offered.contains("tts.pair"), offered::toString);
      rule.selectByValue("tts.pair");
      browser.await(d -> visibleRows().size() == 1);
      assertEquals(
          List.of("PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 400"),
          visibleRows());
      WebElement row = visibleRowElements().get(0);
      assertTrue(row.getText().contains("tts.pair"), row::getText);

      rule.selectByValue("");
      browser.await(d -> visibleRows().size() == 3);
      assertEquals(List.of(), browser.consoleErrors(), "console errors");
    }
  }

  /**
   * The page, open in the browser, shows an exchange made after it loaded, at the top, with the
   * time it came, without a reload: the script the page loaded is still the one running (a value it
   * was given is still there), and the test never reloads or navigates.
   */
  @Test
  void an_exchange_made_after_the_page_loaded_appears_at_the_top_without_a_reload() {
    try (MockServer mock = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)))) {
      assertEquals(400, patch(mock, EXAMPLE, "{\"assistant_tts_model\": \"cartesia\"}"));
      browser.open(mock.baseUrl() + "/__mock/traffic.html");
      browser.awaitVisible(By.id("traffic"));
      assertEquals(
          List.of("PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 400"),
          visibleRows());
      browser.driver().executeScript("window.loadedOnce = 'the page as first loaded';");
      // a filter chosen before stays chosen: the new exchange breaks no rule, it is hidden
      new Select(browser.driver().findElement(By.id("rule"))).selectByValue("tts.pair");

      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      assertEquals(404, patch(mock, UNKNOWN, "{\"assistant_name\": \"Nova\"}"));
      Instant after = Instant.now();
      browser.await(d -> rowElements().size() == 2);
      assertEquals(
          List.of("PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 400"),
          visibleRows(),
          "the filter applies to the new row too");
      new Select(browser.driver().findElement(By.id("rule"))).selectByValue("");
      browser.await(d -> visibleRows().size() == 2);
      assertEquals(
          List.of(
              "PATCH " + mock.baseUrl() + "/assistant/update/" + UNKNOWN + " 404",
              "PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 400"),
          visibleRows());
      WebElement time = rowElements().get(0).findElement(By.tagName("time"));
      Instant at = Instant.parse(time.getAttribute("datetime"));
      assertTrue(!at.isBefore(before) && !at.isAfter(after), at + " is not when it was sent");
      assertEquals(time.getAttribute("datetime").substring(11, 23), time.getText());
      assertEquals("2", browser.driver().findElement(By.id("shown")).getText());
      List<String> offered =
          new Select(browser.driver().findElement(By.id("rule")))
              .getOptions().stream().map(o -> o.getAttribute("value")).toList();
      assertTrue(offered.contains("assistant.exists"), "the new rule is offered: " + offered);

      assertEquals(
          "the page as first loaded",
          browser.driver().executeScript("return window.loadedOnce;"),
          "the page was reloaded");
      assertEquals(List.of(), browser.consoleErrors(), "console errors");
    }
  }

  /**
   * The open page drops what the mock no longer keeps: the oldest exchange past {@code
   * --journal-size} (2 here), and everything at a reset; the exchanges after stay and come.
   */
  @Test
  void the_open_page_drops_what_the_mock_no_longer_keeps() {
    try (MockServer mock =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)).withJournalSize(2))) {
      assertEquals(400, patch(mock, EXAMPLE, "{\"assistant_tts_model\": \"cartesia\"}"));
      browser.open(mock.baseUrl() + "/__mock/traffic.html");
      browser.awaitVisible(By.id("traffic"));
      assertEquals(List.of(EXAMPLE + " 400"), ids());

      assertEquals(404, patch(mock, UNKNOWN, "{\"assistant_name\": \"Nova\"}"));
      assertEquals(200, patch(mock, EXAMPLE, "{\"assistant_name\": \"Nova\"}"));
      browser.await(d -> ids().equals(List.of(EXAMPLE + " 200", UNKNOWN + " 404")));

      assertEquals(200, Http.send("POST", mock.baseUrl() + "/__mock/reset", "", Map.of()).status());
      assertEquals(404, patch(mock, UNKNOWN, "{\"assistant_name\": \"Nova\"}"));
      browser.await(d -> ids().equals(List.of(UNKNOWN + " 404")));
      assertEquals("1", browser.driver().findElement(By.id("kept")).getText());
      assertEquals(List.of(), browser.consoleErrors(), "console errors");
    }
  }

  /** The rows as "assistant id, status got", top to bottom. */
  private static List<String> ids() {
    return visibleRows().stream().map(r -> r.substring(r.lastIndexOf('/') + 1)).toList();
  }

  /**
   * A request's field names are what its client chooses: one that is markup arrives on the open
   * page as text, by the script's path (parsed from the mock's escaped rendering), runs nothing and
   * breaks no row; the page's Content-Security-Policy reports no violation (nothing tried to run).
   */
  @Test
  void a_hostile_request_added_while_the_page_is_open_is_text() {
    String img = "<img src=x onerror=window.pwned=1>";
    String script = "</td></tr></tbody></table><script>window.pwned=2</script>";
    try (MockServer mock = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)))) {
      browser.open(mock.baseUrl() + "/__mock/traffic.html");
      browser.awaitVisible(By.id("traffic"));
      browser.driver().executeScript("window.loadedOnce = true;");
      assertEquals(List.of(), visibleRows());

      String body =
          "{\"" + img + "\": 1, \"assistant_name\": \"" + script.replace("/", "\\/") + "\"}";
      assertEquals(400, patch(mock, EXAMPLE, body));
      browser.await(d -> rowElements().size() == 1);
      WebElement row = rowElements().get(0);
      assertTrue(row.getText().contains(img), "the field's name as text: " + row.getText());
      assertEquals(
          List.of(),
          browser.driver().findElements(By.cssSelector("#traffic img, #traffic script")),
          "markup of the request's on the page");
      assertEquals(1, browser.driver().findElements(By.cssSelector("#traffic tbody tr")).size());
      assertEquals(null, browser.driver().executeScript("return window.pwned;"));
      assertEquals(true, browser.driver().executeScript("return window.loadedOnce;"));
      assertEquals(List.of(), browser.consoleErrors(), "console errors (CSP reports among them)");
    }
  }

  private static List<WebElement> rowElements() {
    return browser.driver().findElements(By.cssSelector("#traffic tbody tr"));
  }

  private static List<WebElement> visibleRowElements() {
    return browser.driver().findElements(By.cssSelector("#traffic tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  /** The visible rows as "request status got". */
  private static List<String> visibleRows() {
    return visibleRowElements().stream()
        .map(
            tr -> {
              List<WebElement> td = tr.findElements(By.tagName("td"));
              return td.get(2).getText() + " " + td.get(3).getText();
            })
        .toList();
  }

  private static int patch(MockServer mock, String id, String json) {
    return Http.send(
            "PATCH",
            mock.baseUrl() + "/assistant/update/" + id,
            json,
            Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY))
        .status();
  }
}
