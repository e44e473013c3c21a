package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --har}: recorded traffic judged with the same engine, profiles and reports, sending
 * nothing. The fixtures are hand-made from each writer's format: Chromium DevTools' "Save all as
 * HAR", Playwright's recordHar, and the mock's own proxy recordings.
 */
class RecordedTrafficTest {

  static Path fixture(String name) {
    try {
      return Path.of(RecordedTrafficTest.class.getResource("/har/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ConformanceMainTest.Outcome judge(Path reports, String... files) {
    List<String> args = new java.util.ArrayList<>();
    for (String f : files) {
      args.add("--har");
      args.add(f.startsWith("/") ? f : fixture(f).toString());
    }
    args.addAll(List.of("--progress", "0"));
    if (reports != null) {
      args.addAll(List.of("--report-dir", reports.toString()));
    }
    return ConformanceMainTest.main(args.toArray(String[]::new));
  }

  static JsonNode report(Path dir) throws IOException {
    return SpecBodies.JSON.readTree(Files.readString(dir.resolve(Reports.JSON_FILE)));
  }

  static List<String> failedRules(JsonNode report) {
    return java.util.stream.StreamSupport.stream(report.path("rules").spliterator(), false)
        .filter(r -> r.path("verdict").asString().equals("fail"))
        .map(r -> r.path("id").asString())
        .toList();
  }

  @Test
  void a_chromium_devtools_recording_is_judged_and_its_broken_pair_fails(@TempDir Path dir)
      throws IOException {
    ConformanceMainTest.Outcome o = judge(dir, "chromium-devtools.har");
    assertEquals(1, o.status(), o::out);
    assertEquals("1 passed, 1 failed, 1 skipped", o.lastLine(), o::out);
    JsonNode r = report(dir);
    assertEquals(List.of("tts.pair"), failedRules(r), o::out);
    assertEquals(2, r.path("undocumented").size(), "the script and the CORS preflight");
    assertTrue(o.out().contains("Undocumented (outside the contract, not judged: 2)"), o::out);
    assertTrue(o.out().contains("no answer to this request (status 0)"), o::out);
    assertTrue(o.out().contains("curl -sS -i -X 'PATCH'"), "a curl line per failing exchange");
  }

  @Test
  void a_playwright_recording_of_a_conformant_server_passes(@TempDir Path dir) throws IOException {
    ConformanceMainTest.Outcome o = judge(dir, "playwright.har");
    assertEquals(0, o.status(), o::out);
    assertTrue(o.lastLine().matches("\\d+ passed, 0 failed"), o.lastLine());
    JsonNode summary = report(dir).path("summary");
    assertEquals(4, summary.path("judged").asInt(), o::out);
    assertEquals(
        4, summary.path("passed").asInt() + summary.path("advice").asInt(), "pass or advice");
  }

  @Test
  void the_mocks_proxy_recording_is_judged_afresh_ignoring_its_verdicts(@TempDir Path dir)
      throws IOException {
    ConformanceMainTest.Outcome o = judge(dir, "mock-proxy.har");
    assertEquals(1, o.status(), o::out);
    List<String> failed = failedRules(report(dir));
    assertTrue(failed.contains("mode.pipeline-requires-tts"), failed::toString);
    assertTrue(failed.contains("server.internal-error"), failed::toString);
    assertFalse(failed.contains("response.json"), "the recording's own _verdicts are not repeated");
  }

  @Test
  void several_files_are_judged_in_order_with_one_report() {
    ConformanceMainTest.Outcome o = judge(null, "playwright.har", "mock-proxy.har");
    assertEquals(1, o.status(), o::out);
    assertTrue(o.out().contains("7 recorded exchanges of this API judged"), o::out);
  }

  @Test
  void a_recording_with_no_exchange_of_this_api_exits_2() {
    ConformanceMainTest.Outcome o = judge(null, "no-api.har");
    assertEquals(2, o.status(), o::out);
    assertTrue(o.lineBeforeLast().contains("no exchange of this API"), o::out);
    assertEquals("0 passed, 0 failed", o.lastLine());
  }

  @Test
  void an_unreadable_file_exits_2_saying_which(@TempDir Path dir) {
    ConformanceMainTest.Outcome notHar = judge(null, "not-a-har.har");
    assertEquals(2, notHar.status(), notHar::out);
    assertTrue(notHar.lineBeforeLast().contains("is not a HAR file"), notHar::out);
    ConformanceMainTest.Outcome missing = judge(null, dir.resolve("missing.har").toString());
    assertEquals(2, missing.status(), missing::out);
    assertTrue(missing.lineBeforeLast().contains("cannot read"), missing::out);
  }

  @Test
  void secrets_in_the_recording_never_reach_a_report(@TempDir Path dir) throws IOException {
    ConformanceMainTest.Outcome o = judge(dir, "chromium-devtools.har");
    List<String> texts = new java.util.ArrayList<>(List.of(o.out(), o.err()));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    assertTrue(texts.size() >= 5, "console, JUnit XML, JSON and HTML");
    for (String text : texts) {
      for (String secret : List.of("sk-chrome-key-5521", "chrome-cookie-777", "sk-query-key-313")) {
        assertFalse(text.contains(secret), () -> secret + " leaked into: " + text);
      }
    }
  }

  @Test
  void recorded_traffic_is_judged_without_sending_anything(@TempDir Path dir) throws IOException {
    SuiteRuns.Recorder recorder = new SuiteRuns.Recorder();
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(recorder))) {
      Path har = dir.resolve("at-the-mock.har");
      Files.writeString(
          har,
          Files.readString(fixture("chromium-devtools.har"))
              .replace("https://api.example.test", m.baseUrl()));
      ConformanceMainTest.Outcome o = judge(null, har.toString());
      assertEquals(1, o.status(), o::out);
      assertEquals(List.of(), recorder.answers, "nothing was sent to the recorded server");
    }
  }

  @Test
  void har_and_base_url_together_are_a_usage_error() {
    ConformanceMainTest.Outcome o =
        ConformanceMainTest.main(
            "--har",
            fixture("playwright.har").toString(),
            "--base-url",
            "http://127.0.0.1:9",
            "--api-key",
            "k",
            "--assistant-id",
            SuiteRuns.ASSISTANT);
    assertEquals(2, o.status(), o::out);
    assertTrue(o.err().contains("--har"), o::err);
  }
}
