package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The README's promise about {@code /docs}: Swagger UI's "Try it out" works from wherever the docs
 * are opened. The mock is bound to 0.0.0.0 and the docs are opened as a colleague on the network
 * would, by another address (127.0.0.2 reaches it here), and as on the mock's own machine
 * (127.0.0.1): authorize with the key, fill the id, pick the page's realtime example, Execute, and
 * read a 200 from the mock at the address the page was opened by (STACK_NOTES pitfall 17).
 */
class SwaggerUiTryItOutTest {

  @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

  static final String KEY = "browser-key-docs-5e21";
  static final String ADMIN_TOKEN = "browser-admin-token-77c3";
  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";
  static final String OPERATION = "#operations-Assistant-updateAssistant";

  static MockServer mock;

  @BeforeAll
  static void startMockOnEveryAddress() {
    mock =
        MockServer.start(
            MockConfig.defaults()
                .withHost("0.0.0.0")
                .withApiKeys(List.of(KEY))
                .withAdmin(new MockConfig.Admin(Optional.of(ADMIN_TOKEN), false, false)));
  }

  @AfterAll
  static void stopMock() {
    if (mock != null) {
      mock.close();
    }
  }

  @BeforeEach
  void resetTheExampleAssistant() {
    // the realtime example is a switch: the example assistant starts in pipeline mode
    assertEquals(200, Http.send("POST", admin("/__mock/reset"), "", adminAuth()).status());
  }

  @ParameterizedTest(name = "docs opened at {0}")
  @ValueSource(strings = {"127.0.0.2", "127.0.0.1"})
  void try_it_out_gets_200_from_the_mock_at_the_address_the_docs_were_opened_by(String address) {
    String base = "http://" + address + ":" + mock.port();
    browser.open(base + "/docs/");

    // Authorize: the bearer scheme, with the mock's key
    browser.awaitVisible(By.cssSelector("button.authorize")).click();
    WebElement dialog = browser.awaitVisible(By.cssSelector(".modal-ux"));
    dialog.findElement(By.cssSelector(".auth-container input")).sendKeys(KEY);
    dialog.findElement(By.cssSelector("button.modal-btn.authorize")).click();
    browser.awaitVisible(By.cssSelector(".modal-ux button.btn-done")).click();

    // the PATCH operation, expanded, in "Try it out" mode
    WebElement op = browser.awaitVisible(By.cssSelector(OPERATION));
    op.findElement(By.cssSelector(".opblock-summary")).click();
    WebElement tryOut = browser.awaitVisible(By.cssSelector(OPERATION + " button.try-out__btn"));
    if (tryOut.getText().trim().equalsIgnoreCase("Try it out")) {
      tryOut.click();
    }
    WebElement id =
        browser.awaitVisible(
            By.cssSelector(OPERATION + " tr[data-param-name='assistant_id'] input"));
    id.sendKeys(Keys.chord(Keys.CONTROL, "a"), EXAMPLE);
    new Select(browser.awaitVisible(By.cssSelector(OPERATION + " select.examples-select-element")))
        .selectByValue("switchToRealtime");
    WebElement body =
        browser.awaitVisible(By.cssSelector(OPERATION + " textarea.body-param__text"));
    browser.await(d -> body.getAttribute("value").contains("\"realtime\""));

    browser.awaitVisible(By.cssSelector(OPERATION + " button.execute")).click();
    WebElement status =
        browser.awaitVisible(
            By.cssSelector(OPERATION + " .live-responses-table .response .response-col_status"));
    String requestUrl =
        browser.awaitVisible(By.cssSelector(OPERATION + " .request-url pre")).getText().trim();
    String answer =
        op.findElement(By.cssSelector(".live-responses-table .response .response-col_description"))
            .getText();
    assertEquals("200", status.getText().trim(), answer);
    assertEquals(base + "/assistant/update/" + EXAMPLE, requestUrl, "Swagger UI's Request URL");
    assertTrue(answer.contains("Assistant updated successfully"), answer);

    // the mock saw it, addressed by that address, and applied it
    List<String> hosts = new ArrayList<>();
    JsonNode har = Http.get(admin("/__mock/traffic.har"), adminAuth()).json();
    for (JsonNode e : har.at("/log/entries")) {
      if (e.at("/request/method").asString().equals("PATCH")
          && e.at("/response/status").asInt() == 200) {
        e.at("/request/headers")
            .forEach(
                h -> {
                  if (h.path("name").asString().equalsIgnoreCase("Host")) {
                    hosts.add(h.path("value").asString());
                  }
                });
      }
    }
    assertEquals(List.of(address + ":" + mock.port()), hosts, har::toString);
    JsonNode state = Http.get(admin("/__mock/assistants/" + EXAMPLE), adminAuth()).json();
    assertEquals("realtime", state.path("assistant_llm_mode").asString(), state::toString);
  }

  private static String admin(String path) {
    return mock.baseUrl() + path;
  }

  private static Map<String, String> adminAuth() {
    return Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
  }
}
