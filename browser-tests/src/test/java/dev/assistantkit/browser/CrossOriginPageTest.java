package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's promise to frontend developers: a page on another origin calls the mock with {@code
 * fetch} (a PATCH with Authorization and Content-Type, so a CORS preflight first) and can read
 * every documented answer, errors included, with the rule id of {@code errors[0].rule}.
 */
class CrossOriginPageTest {

  @RegisterExtension static final BrowserExtension browser = new BrowserExtension();

  static final String KEY = "browser-key-7d41c2";
  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";
  static final String UNKNOWN = "0c4b6f0e-8d7a-4a43-9a0e-5d6f7b8c9d01";

  /**
   * A case the page sends, and what it must read back.
   *
   * @param prefer the Prefer header, or null
   */
  record Case(
      String name,
      String key,
      String id,
      String prefer,
      String body,
      String status,
      String rule,
      String readId) {}

  static final List<Case> CASES =
      List.of(
          new Case(
              "valid-update",
              KEY,
              EXAMPLE,
              null,
              """
              {"assistant_name": "Nova, renamed from another origin"}""",
              "200",
              "",
              EXAMPLE),
          new Case(
              "tts-model-without-config",
              KEY,
              EXAMPLE,
              null,
              """
              {"assistant_tts_model": "cartesia"}""",
              "400",
              "tts.pair",
              ""),
          new Case(
              "unknown-key",
              "not-" + KEY,
              EXAMPLE,
              null,
              """
              {"assistant_name": "Nova"}""",
              "401",
              "auth.bearer",
              ""),
          new Case(
              "unknown-assistant",
              KEY,
              UNKNOWN,
              null,
              """
              {"assistant_name": "Nova"}""",
              "404",
              "assistant.exists",
              ""),
          new Case(
              "forced-500",
              KEY,
              EXAMPLE,
              "code=500",
              """
              {"assistant_name": "Nova"}""",
              "500",
              "server.internal-error",
              ""));

  static MockServer mock;

  @BeforeAll
  static void startMock() {
    mock = MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)));
  }

  @AfterAll
  static void stopMock() {
    if (mock != null) {
      mock.close();
    }
  }

  /**
   * @param pageHost the page's host: 127.0.0.1 on another port (same site, another origin), or
   *     localhost (another site)
   */
  @ParameterizedTest(name = "page at {0}")
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void a_page_on_another_origin_reads_every_documented_status_and_rule(String pageHost)
      throws IOException {
    Http.send("POST", mock.baseUrl() + "/__mock/reset", "", Map.of());
    ObjectNode config = Pages.config().put("api", mock.baseUrl());
    ArrayNode cases = config.putArray("cases");
    for (Case c : CASES) {
      ObjectNode n = cases.addObject().put("name", c.name()).put("key", c.key()).put("id", c.id());
      n.put("body", c.body());
      if (c.prefer() != null) {
        n.put("prefer", c.prefer());
      }
    }
    try (OtherOrigin page = OtherOrigin.serve("127.0.0.1", Pages.page("api-client.html", config))) {
      browser.open(page.url(pageHost));
      browser.awaitVisible(By.id("done"));
      assertAll(
          CASES.stream()
              .map(
                  c ->
                      () -> {
                        WebElement row =
                            browser
                                .driver()
                                .findElement(By.cssSelector("tr[data-case='" + c.name() + "']"));
                        String what = c.name() + " as the page read it";
                        assertEquals(c.status(), text(row, "status"), what);
                        assertEquals(c.rule(), text(row, "rule"), what);
                        assertEquals(c.readId(), text(row, "id"), what);
                      }));
    }
    // the 200 was real: the mock holds the new name
    String state = Http.get(mock.baseUrl() + "/__mock/assistants/" + EXAMPLE, Map.of()).body();
    assertEquals(
        "Nova, renamed from another origin",
        Pages.JSON.readTree(state).path("assistant_name").asString(),
        state);
  }

  /**
   * docs/frontend.md's promise that a page reads the headers the kit sends: {@code Allow} on the
   * contract's 405 (a GET of the PATCH-only path, and a DELETE of a GET-only one), and {@code
   * Retry-After} on a 429 a document declares with that header, forced with {@code Prefer:
   * code=429} (a header of the page's own, so a CORS preflight first). The values are what the
   * page's script read through {@code response.headers.get}.
   */
  @Test
  void a_page_on_another_origin_reads_allow_and_retry_after() throws Exception {
    Path spec = Path.of(CrossOriginPageTest.class.getResource("/specs/rate-limited.yaml").toURI());
    try (MockServer documented = MockServer.start(MockConfig.defaults().withSpec(spec))) {
      ObjectNode config = Pages.config();
      ArrayNode cases = config.putArray("cases");
      cases
          .addObject()
          .put("name", "wrong-method")
          .put("method", "GET")
          .put("url", mock.baseUrl() + "/assistant/update/" + EXAMPLE);
      cases
          .addObject()
          .put("name", "wrong-method-of-a-document")
          .put("method", "DELETE")
          .put("url", documented.baseUrl() + "/orders/7");
      ObjectNode limited =
          cases
              .addObject()
              .put("name", "rate-limited")
              .put("method", "GET")
              .put("url", documented.baseUrl() + "/orders/7");
      limited.putObject("headers").put("Prefer", "code=429");
      cases
          .addObject()
          .put("name", "not-limited")
          .put("method", "GET")
          .put("url", documented.baseUrl() + "/orders/7");
      try (OtherOrigin page =
          OtherOrigin.serve("127.0.0.1", Pages.page("headers-client.html", config))) {
        browser.open(page.url());
        browser.awaitVisible(By.id("done"));
        assertAll(
            () -> assertEquals(List.of("405", "PATCH", "none"), read("wrong-method")),
            () -> assertEquals(List.of("405", "GET", "none"), read("wrong-method-of-a-document")),
            () -> assertEquals(List.of("429", "none", "30"), read("rate-limited")),
            () -> assertEquals(List.of("200", "none", "none"), read("not-limited")));
      }
    }
  }

  /** What the page read for a case: status, Allow, Retry-After. */
  private static List<String> read(String name) {
    WebElement row = browser.driver().findElement(By.cssSelector("tr[data-case='" + name + "']"));
    return List.of(text(row, "status"), text(row, "allow"), text(row, "retry-after"));
  }

  private static String text(WebElement row, String cell) {
    return row.findElement(By.className(cell)).getText();
  }
}
