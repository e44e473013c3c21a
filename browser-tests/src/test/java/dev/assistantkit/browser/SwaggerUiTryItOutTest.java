package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    TryItOut done = tryItOut(base);
    assertEquals("200", done.status(), done.answer());
    assertEquals(base + "/assistant/update/" + EXAMPLE, done.requestUrl(), "the Request URL");
    assertTrue(done.answer().contains("Assistant updated successfully"), done.answer());

    assertEquals(List.of(), browser.consoleErrors(), "console errors");

    // the mock saw it, addressed by that address, and applied it
    JsonNode traffic = Http.get(admin("/__mock/traffic"), adminAuth()).json();
    List<String> urls = new ArrayList<>();
    for (JsonNode e : traffic.path("exchanges")) {
      if (e.path("method").asString().equals("PATCH") && e.path("status").asInt() == 200) {
        urls.add(e.path("url").asString());
      }
    }
    assertEquals(List.of(base + "/assistant/update/" + EXAMPLE), urls, traffic::toString);
    assertEquals(List.of(address + ":" + mock.port()), headerOfAppliedPatches("Host"));
    assertTheExampleIsRealtime();
  }

  @Test
  void try_it_out_behind_a_reverse_proxy_goes_through_the_proxy() throws IOException {
    String ingressHost;
    try (ReverseProxy ingress = ReverseProxy.start("127.0.0.3", mock.baseUrl())) {
      ingressHost = ingress.url().substring("http://".length());
      TryItOut done = tryItOut(ingress.url());
      assertEquals("200", done.status(), done.answer());
      assertEquals(
          ingress.url() + "/assistant/update/" + EXAMPLE, done.requestUrl(), "the Request URL");
      assertTrue(
          ingress.forwarded().contains("PATCH /assistant/update/" + EXAMPLE),
          ingress.forwarded()::toString);
    }
    assertEquals(List.of(ingressHost), headerOfAppliedPatches("X-Forwarded-Host"));
    assertTheExampleIsRealtime();
  }

  /**
   * The docs link the rules of the contract, and the link works from wherever the docs are opened:
   * here by another address, where the admin paths ({@code /__mock}) would need the token the
   * browser does not have. The page shows each rule as the contract has it.
   */
  @Test
  void the_docs_link_the_rules_page_which_opens_by_another_address_too() {
    String base = "http://127.0.0.2:" + mock.port();
    browser.open(base + "/docs/");
    browser.awaitVisible(By.cssSelector("#kit-links a")).click();
    WebElement row = browser.awaitVisible(By.cssSelector("#rules tr[data-rule='tts.pair']"));
    assertEquals(base + "/docs/rules.html", browser.driver().getCurrentUrl());
    Rule pair = mock.contract().rule("tts.pair").orElseThrow();
    assertEquals("tts.pair", row.findElement(By.tagName("code")).getText());
    assertEquals(pair.origin().wireName(), row.findElement(By.className("origin")).getText());
    assertEquals(String.valueOf(pair.status()), row.findElement(By.className("status")).getText());
    assertEquals(
        pair.source().replaceAll("\\s+", " ").strip(),
        row.findElement(By.className("sentence")).getText());
    assertEquals(
        mock.contract().allRules().size(),
        browser.driver().findElements(By.cssSelector("#rules tbody tr")).size());
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  /**
   * The served spec names, as its first server, the address the client used: the Host header, or
   * what a proxy says in X-Forwarded-Host and X-Forwarded-Proto. (A plain client: a browser cannot
   * set these headers.)
   */
  @Test
  void the_served_spec_names_the_address_it_was_asked_by_as_first_server() throws IOException {
    assertEquals("http://devbox.lan:8080", firstServer(Map.of("Host", "devbox.lan:8080")), "Host");
    assertEquals(
        "https://mock.team.example",
        firstServer(
            Map.of(
                "Host", "127.0.0.1:" + mock.port(),
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "mock.team.example")),
        "X-Forwarded-*");
  }

  /** What Swagger UI showed after Execute. */
  record TryItOut(String status, String requestUrl, String answer) {}

  /**
   * Opens {@code base}/docs/, authorizes with the mock's key (the bearer scheme), expands the PATCH
   * operation in "Try it out" mode, fills the id, picks the page's realtime example and executes.
   */
  private static TryItOut tryItOut(String base) {
    browser.open(base + "/docs/");

    browser.awaitVisible(By.cssSelector("button.authorize")).click();
    WebElement dialog = browser.awaitVisible(By.cssSelector(".modal-ux"));
    dialog.findElement(By.cssSelector(".auth-container input")).sendKeys(KEY);
    dialog.findElement(By.cssSelector("button.modal-btn.authorize")).click();
    browser.awaitVisible(By.cssSelector(".modal-ux button.btn-done")).click();

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
    return new TryItOut(status.getText().trim(), requestUrl, answer);
  }

  /** A header of each PATCH the mock answered 200, from its traffic (secrets masked). */
  private static List<String> headerOfAppliedPatches(String name) {
    List<String> values = new ArrayList<>();
    JsonNode har = Http.get(admin("/__mock/traffic.har"), adminAuth()).json();
    for (JsonNode e : har.at("/log/entries")) {
      if (e.at("/request/method").asString().equals("PATCH")
          && e.at("/response/status").asInt() == 200) {
        for (JsonNode h : e.at("/request/headers")) {
          if (h.path("name").asString().equalsIgnoreCase(name)) {
            values.add(h.path("value").asString());
          }
        }
      }
    }
    return values;
  }

  private static void assertTheExampleIsRealtime() {
    JsonNode state = Http.get(admin("/__mock/assistants/" + EXAMPLE), adminAuth()).json();
    assertEquals("realtime", state.path("assistant_llm_mode").asString(), state::toString);
  }

  /** The first server of the spec served at /openapi.yaml, asked with these headers. */
  private static String firstServer(Map<String, String> headers) throws IOException {
    String spec = RawHttp.get(mock.port(), "/openapi.yaml", headers);
    Matcher m = Pattern.compile("(?m)^servers:\\n  - url: (\\S+)").matcher(spec);
    assertTrue(m.find(), spec.substring(0, Math.min(spec.length(), 2000)));
    return m.group(1);
  }

  private static String admin(String path) {
    return mock.baseUrl() + path;
  }

  private static Map<String, String> adminAuth() {
    return Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
  }
}
