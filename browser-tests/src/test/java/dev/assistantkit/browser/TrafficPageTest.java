package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The README's promise to frontend developers about {@code /__mock/traffic.html}: the requests
 * their app sent, each with its status and the rules it broke, filterable by rule in the browser.
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
      assertEquals(
          List.of(
              "PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 200",
              "PATCH " + mock.baseUrl() + "/assistant/update/" + EXAMPLE + " 400",
              "PATCH " + mock.baseUrl() + "/assistant/update/" + UNKNOWN + " 404"),
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
              return td.get(1).getText() + " " + td.get(2).getText();
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
