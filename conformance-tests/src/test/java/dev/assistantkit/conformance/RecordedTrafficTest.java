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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    assertEquals(4, summary.path("passed").asInt(), "passed, advice among them");
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

  /**
   * A server that echoes the token in its error body may JSON-escape it, as PHP's json_encode does
   * with every {@code /}: the report still must not show it.
   */
  @Test
  void a_token_the_answer_echoes_json_escaped_never_reaches_a_report(@TempDir Path dir)
      throws IOException {
    String token = "sk/AbC+dEf/Gh12";
    String echoed = "{\"success\":false,\"message\":\"token sk\\/AbC+dEf\\/Gh12 unknown\"}";
    String har =
        """
        {"log": {"version": "1.2", "entries": [
          {"request": {"method": "PATCH", "url": "http://h/assistant/update/%s",
            "headers": [{"name": "Authorization", "value": "Bearer %s"},
                        {"name": "Content-Type", "value": "application/json"}],
            "postData": {"mimeType": "application/json", "text": "{\\"assistant_name\\":\\"x\\"}"}},
           "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {"mimeType": "application/json", "text": %s}}}]}}
        """
            .formatted(SuiteRuns.ASSISTANT, token, SpecBodies.JSON.writeValueAsString(echoed));
    Path file = Files.writeString(dir.resolve("echo.har"), har);
    Path reports = Files.createDirectory(dir.resolve("reports"));
    ConformanceMainTest.Outcome o = judge(reports, file.toString());
    assertEquals(1, o.status(), o::out);
    List<String> texts = new java.util.ArrayList<>(List.of(o.out(), o.err()));
    try (Stream<Path> files = Files.list(reports)) {
      for (Path f : files.toList()) {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    assertTrue(texts.size() >= 5, "console, JUnit XML, JSON and HTML");
    for (String text : texts) {
      assertFalse(text.contains("AbC+dEf"), () -> "the token leaked into: " + text);
    }
  }

  /**
   * A body the recorder kept only in part (the mock's proxy keeps 64 KiB and says so with {@code
   * _truncated}; any writer whose {@code size} exceeds its text) is not judged as JSON: a cut is
   * not the server's fault. The same cut text, recorded as whole, is.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "marked _truncated, '\"_truncated\": true,', 0",
    "size beyond the text, '\"size\": 70000,', 0",
    "recorded as whole, '', 1"
  })
  void a_body_kept_only_in_part_is_not_judged_as_json(String name, String mark, int status)
      throws IOException {
    Path dir = Files.createTempDirectory("har-cut");
    String cut = "{\"success\":true,\"message\":\"ok\",\"data\":{\"assist";
    String har =
        """
        {"log": {"version": "1.2", "entries": [
          {"request": {"method": "PATCH", "url": "http://h/assistant/update/%s",
            "headers": [{"name": "Authorization", "value": "Bearer t-1234"},
                        {"name": "Content-Type", "value": "application/json"}],
            "postData": {"mimeType": "application/json", "text": "{\\"assistant_name\\":\\"x\\"}"}},
           "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {%s "mimeType": "application/json", "text": %s}}}]}}
        """
            .formatted(SuiteRuns.ASSISTANT, mark, SpecBodies.JSON.writeValueAsString(cut));
    Path file = Files.writeString(dir.resolve("cut.har"), har);
    ConformanceMainTest.Outcome o = judge(null, file.toString());
    assertEquals(status, o.status(), o::out);
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

  /** A HAR 1.2 file of PATCHes to the page's operation: {id, token, body, status} each. */
  static Path har(Path dir, String... exchanges) throws IOException {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < exchanges.length; i += 4) {
      String ok =
          "{\"success\":true,\"message\":\"ok\",\"data\":{\"assistant_id\":\""
              + exchanges[i]
              + "\"}}";
      String answer =
          exchanges[i + 3].equals("200") ? ok : "{\"success\":false,\"message\":\"no\"}";
      entries
          .append(i == 0 ? "" : ",")
          .append(
              """
              {"request": {"method": "PATCH", "url": "http://h/assistant/update/%s",
                "headers": [{"name": "Authorization", "value": "Bearer %s"},
                            {"name": "Content-Type", "value": "application/json"}],
                "postData": {"mimeType": "application/json", "text": %s}},
               "response": {"status": %s, "headers": [{"name": "Content-Type", "value": "application/json"}],
                "content": {"mimeType": "application/json", "text": %s}}}
              """
                  .formatted(
                      exchanges[i],
                      exchanges[i + 1],
                      SpecBodies.JSON.writeValueAsString(exchanges[i + 2]),
                      exchanges[i + 3],
                      SpecBodies.JSON.writeValueAsString(answer)));
    }
    return Files.writeString(
        dir.resolve("learning.har"),
        "{\"log\": {\"version\": \"1.2\", \"entries\": [" + entries + "]}}");
  }

  @Test
  void an_id_that_got_a_404_does_not_exist_later(@TempDir Path dir) throws IOException {
    String id = "00000000-0000-4000-8000-0000000000aa";
    String body = "{\"assistant_name\":\"Nova\"}";
    ConformanceMainTest.Outcome o =
        judge(dir, har(dir, id, "t-1234", body, "404", id, "t-1234", body, "200").toString());
    assertEquals(1, o.status(), o::out);
    assertEquals(List.of("assistant.exists"), failedRules(report(dir)), o::out);
  }

  @Test
  void a_token_that_got_a_401_is_not_accepted_later(@TempDir Path dir) throws IOException {
    String id = SuiteRuns.ASSISTANT;
    String body = "{\"assistant_name\":\"Nova\"}";
    ConformanceMainTest.Outcome o =
        judge(
            dir,
            har(dir, id, "t-good", body, "200", id, "t-bad", body, "401", id, "t-bad", body, "200")
                .toString());
    assertEquals(1, o.status(), o::out);
    assertEquals(List.of("auth.bearer"), failedRules(report(dir)), o::out);
  }

  /**
   * A browser's recording holds the tokens as sent: with --api-key the judge knows which one the
   * server must accept, so another token that got a 200 fails at once; without it, nothing does.
   */
  @Test
  void with_api_key_a_browsers_recording_is_judged_on_its_tokens(@TempDir Path dir)
      throws IOException {
    String id = SuiteRuns.ASSISTANT;
    String body = "{\"assistant_name\":\"Nova\"}";
    String other = "not-the-key-91c2e7";
    Path file = har(dir, id, SuiteRuns.KEY, body, "200", id, other, body, "200");
    ConformanceMainTest.Outcome unknown = judge(dir.resolve("without"), file.toString());
    assertEquals(0, unknown.status(), unknown::out);
    Path reports = dir.resolve("with");
    ConformanceMainTest.Outcome known =
        ConformanceMainTest.main(
            "--har",
            file.toString(),
            "--api-key",
            SuiteRuns.KEY,
            "--progress",
            "0",
            "--report-dir",
            reports.toString());
    assertEquals(1, known.status(), known::out);
    assertEquals(List.of("auth.bearer"), failedRules(report(reports)), known::out);
    for (String secret : List.of(SuiteRuns.KEY, other)) {
      assertFalse(known.out().contains(secret), "a token reached the console");
      try (var files = Files.walk(reports)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(f).contains(secret), () -> "a token reached " + f);
        }
      }
    }
    Path conformant = har(dir, id, SuiteRuns.KEY, body, "200", id, other, body, "401");
    ConformanceMainTest.Outcome ok =
        ConformanceMainTest.main(
            "--har", conformant.toString(), "--api-key", SuiteRuns.KEY, "--progress", "0");
    assertEquals(0, ok.status(), ok::out);
  }

  @Test
  void the_state_follows_accepted_updates_and_where_unknown_nothing_fails(@TempDir Path dir)
      throws IOException {
    String id = SuiteRuns.ASSISTANT;
    String tts =
        "{\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":{\"voice_id\":\"v\"}}";
    String realtime =
        "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":"
            + "{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"}}";
    // unknown mode: accepting TTS fields may be right (pipeline): no failure, no advice
    ConformanceMainTest.Outcome unknown = judge(dir, har(dir, id, "t-1234", tts, "200").toString());
    assertEquals("1 passed, 0 failed", unknown.lastLine(), unknown::out);
    // after an accepted switch to realtime, accepting TTS fields breaks a decided rule: advice
    ConformanceMainTest.Outcome known =
        judge(dir, har(dir, id, "t-1234", realtime, "200", id, "t-1234", tts, "200").toString());
    assertEquals(0, known.status(), known::out);
    assertTrue(
        known.lineBeforeLast().startsWith("1 advice: ")
            && known.lineBeforeLast().contains("mode.tts-fields-need-pipeline"),
        known::out);
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
