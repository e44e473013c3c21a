package dev.assistantkit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.conformance.ConformanceMain;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's promise to CI: record the frontend's end-to-end run as a HAR, and gate on {@code
 * --har}. A page on another origin calls the API through the mock's proxy in front of an upstream,
 * while Playwright records a HAR in Chromium; the suite judges that file. A conformant upstream
 * passes; an upstream that accepts a broken TTS pair fails, naming {@code tts.pair}. The browser's
 * file holds the key as sent (it is the browser's); no report written from it, and not the proxy's
 * own recording, holds the key or an {@code api_key}.
 */
class RecordedBrowserHarTest {

  static final String KEY = "sk-har-browser-key-61c0e7";
  static final String LLM_SECRET = "sk-har-llm-secret-93d2a4";
  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";

  /** What the page sends through the proxy, in order. */
  static final List<String[]> CASES =
      List.of(
          new String[] {
            "rename",
            """
            {"assistant_name": "Nova, recorded by Playwright"}"""
          },
          new String[] {
            "tts-model-without-config",
            """
            {"assistant_tts_model": "cartesia"}"""
          },
          new String[] {
            "switch-to-realtime-with-api-key",
            """
            {"assistant_llm_mode": "realtime",
             "assistant_llm_config": {"provider": "openai", "model": "gpt-realtime",
                                      "voice": "alloy", "api_key": "%s"}}"""
                .formatted(LLM_SECRET)
          });

  /** An upstream that answers 200 where the page says 400: a TTS model without its config. */
  static final class AcceptsBrokenPair implements ResponseTransformerV2 {
    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      String body = serveEvent.getRequest().getBodyAsString();
      if (response.getStatus() == 400
          && body.contains("assistant_tts_model")
          && !body.contains("assistant_tts_config")) {
        return Response.Builder.like(response)
            .but()
            .status(200)
            .body(
                """
                {"success": true, "message": "Assistant updated successfully",
                 "data": {"assistant_id": "%s"}}"""
                    .formatted(EXAMPLE)
                    .getBytes(StandardCharsets.UTF_8))
            .build();
      }
      return response;
    }

    @Override
    public String getName() {
      return "accepts-broken-tts-pair";
    }
  }

  /** A recording and its verdict. */
  record Judged(
      Path har, Path reports, int exit, String console, JsonNode report, String proxyHar) {}

  @Test
  void a_har_chromium_recorded_through_the_proxy_of_a_conformant_upstream_passes()
      throws Exception {
    Judged j = recordAndJudge("conformant-upstream");
    assertEquals(0, j.exit(), j.console());
    String[] lines = j.console().strip().split("\n");
    assertTrue(lines[lines.length - 1].matches("\\d+ passed, 0 failed"), j.console());
    JsonNode pair = rule(j.report(), "tts.pair");
    assertEquals("pass", pair.path("verdict").asString(), pair::toString);
    assertTrue(j.report().path("rules").size() >= 3, "the rule table");
    String html = Files.readString(j.reports().resolve("conformance-report.html"));
    assertTrue(html.contains("<td>tts.pair</td>"), "the HTML report's rule table");
    assertEquals(3, j.report().at("/summary/judged").asInt(), j.report()::toString);
    assertNoSecretIn(j);
  }

  @Test
  void a_har_chromium_recorded_through_the_proxy_of_an_upstream_accepting_a_broken_pair_fails()
      throws Exception {
    Judged j = recordAndJudge("upstream-accepts-broken-pair", new AcceptsBrokenPair());
    assertEquals(1, j.exit(), j.console());
    List<String> failed =
        StreamSupport.stream(j.report().path("rules").spliterator(), false)
            .filter(r -> r.path("verdict").asString().equals("fail"))
            .map(r -> r.path("id").asString())
            .toList();
    assertTrue(failed.contains("tts.pair"), () -> failed + "\n" + j.console());
    assertTrue(j.console().contains("tts.pair"), j.console());
    assertNoSecretIn(j);
  }

  private Judged recordAndJudge(String name, Extension... upstreamExtensions) throws Exception {
    Path work = BrowserExtension.work().resolve(getClass().getSimpleName()).resolve(name);
    Path har = work.resolve("chromium.har");
    Path reports = work.resolve("reports");
    deleteTree(reports);
    String proxyHar;
    try (MockServer upstream =
            MockServer.start(MockConfig.defaults().withApiKeys(List.of(KEY)), upstreamExtensions);
        MockServer proxy =
            MockServer.start(
                MockConfig.defaults()
                    .withApiKeys(List.of(KEY))
                    .withProxy(
                        new MockConfig.Proxy(
                            // a guard against a hang only: the upstream answers
                            URI.create(upstream.baseUrl()), Duration.ofSeconds(60))));
        OtherOrigin page = OtherOrigin.serve("127.0.0.1", page(proxy.baseUrl()))) {
      Playwright.Recording rec = Playwright.get().record(page.url(), har, work.resolve("page"));
      deleteTree(rec.out().resolve("profile"));
      String read = rec.run().stdout();
      assertTrue(read.contains("tts-model-without-config"), read);
      proxyHar = Http.get(proxy.baseUrl() + "/__mock/traffic.har", Map.of()).body();
    }
    String recorded = Files.readString(har, StandardCharsets.UTF_8);
    // the test means something only if the browser's own file holds both secrets
    assertTrue(recorded.contains(KEY), "the key is in Chromium's HAR as sent");
    assertTrue(recorded.contains(LLM_SECRET), "the api_key is in Chromium's HAR as sent");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ConformanceMain.run(
            new String[] {
              "--har", har.toString(), "--report-dir", reports.toString(), "--progress", "0"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    // standard error first: the last line of the console is standard output's closing line
    String console = err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);
    JsonNode report =
        Pages.JSON.readTree(Files.readString(reports.resolve("conformance-report.json")));
    return new Judged(har, reports, exit, console, report, proxyHar);
  }

  private static String page(String api) {
    ObjectNode config = Pages.config().put("api", api);
    ArrayNode cases = config.putArray("cases");
    for (String[] c : CASES) {
      cases.addObject().put("name", c[0]).put("key", KEY).put("id", EXAMPLE).put("body", c[1]);
    }
    return Pages.page("api-client.html", config);
  }

  private static JsonNode rule(JsonNode report, String id) {
    for (JsonNode r : report.path("rules")) {
      if (r.path("id").asString().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id + " in " + report.path("rules"));
  }

  /** Neither secret in the console, in any report file, nor in the proxy's own HAR. */
  private static void assertNoSecretIn(Judged j) throws IOException {
    List<String[]> texts = new ArrayList<>();
    texts.add(new String[] {"the console", j.console()});
    texts.add(new String[] {"the proxy's /__mock/traffic.har", j.proxyHar()});
    try (Stream<Path> files = Files.list(j.reports())) {
      for (Path f : files.toList()) {
        texts.add(new String[] {f.toString(), Files.readString(f, StandardCharsets.UTF_8)});
      }
    }
    List<String> names = texts.stream().map(t -> t[0]).toList();
    assertTrue(names.stream().anyMatch(n -> n.endsWith(".json")), names::toString);
    assertTrue(names.stream().anyMatch(n -> n.endsWith(".html")), names::toString);
    assertTrue(names.stream().anyMatch(n -> n.endsWith(".xml")), names::toString);
    assertTrue(j.proxyHar().contains("\"entries\""), "the proxy recorded the exchanges");
    for (String[] t : texts) {
      assertFalse(t[1].contains(KEY), "the key leaked into " + t[0]);
      assertFalse(t[1].contains(LLM_SECRET), "the api_key leaked into " + t[0]);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
