package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockServer;
import dev.assistantkit.testsupport.ReservedPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: flags, exit statuses and the closing line, as the README promises them. */
class ConformanceMainTest {

  static final Pattern CLOSING = Pattern.compile("\\d+ passed, \\d+ failed(, \\d+ skipped)?");

  record Outcome(int status, String out, String err) {
    List<String> lines() {
      return Arrays.asList(out.strip().split("\\R"));
    }

    String lastLine() {
      return lines().get(lines().size() - 1);
    }

    String lineBeforeLast() {
      return lines().get(lines().size() - 2);
    }

    int count(String what) {
      Matcher m = Pattern.compile("(\\d+) " + what).matcher(lastLine());
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
  }

  static Outcome main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ConformanceMain.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The three flags and the run's bounds, against a mock. */
  static List<String> remote(MockServer m, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--base-url",
                m.baseUrl(),
                "--api-key",
                SuiteRuns.KEY,
                "--assistant-id",
                SuiteRuns.ASSISTANT,
                "--rate",
                "0",
                "--progress",
                "0",
                "--fuzz",
                "0"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void without_a_base_url_the_in_process_mock_passes_with_status_0_and_progress_on_stderr() {
    Outcome o = main("--fuzz", "3", "--progress", "1");
    assertEquals(0, o.status(), o::out);
    assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
    assertTrue(o.lastLine().matches("\\d+ passed, 0 failed"), "no true skip: " + o.lastLine());
    assertTrue(o.out().contains("writes allowed"), o::out);
    // however short the run, it ends with one progress line of the final counts: every check done
    List<String> progress = o.err().lines().filter(l -> l.startsWith("[conformance] ")).toList();
    assertFalse(progress.isEmpty(), o::err);
    Matcher last =
        Pattern.compile("\\[conformance\\] (\\d+)/(\\d+) checks, (\\d+) requests answered")
            .matcher(progress.get(progress.size() - 1));
    assertTrue(last.matches(), o::err);
    assertEquals(last.group(2), last.group(1), "the final line counts every check: " + o.err());
    assertTrue(Integer.parseInt(last.group(3)) > 0, o::err);
  }

  @Test
  void a_conformant_server_passes_strict_with_status_0_and_the_closing_line_last() {
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of())) {
      Outcome o =
          main(
              remote(m, "--allow-writes", "--profile", "strict", "--fuzz", "3", "--seed", "7")
                  .toArray(String[]::new));
      assertEquals(0, o.status(), o::out);
      assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
      assertTrue(o.out().contains("profile strict"), o::out);
      assertTrue(o.out().contains("fuzz 3 (seed 7)"), o::out);
    }
  }

  @Test
  void a_server_breaking_a_documented_rule_fails_with_status_1_and_names_the_rule() {
    MockVariants.Variant variant = variant("answers 200 as text/plain");
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, variant.extensions().apply(SuiteRuns.KEY))) {
      Outcome o = main(remote(m, "--allow-writes").toArray(String[]::new));
      assertEquals(1, o.status(), o::out);
      assertTrue(
          o.out().lines().anyMatch(l -> l.matches("response\\.json\\s+documented\\s+fail.*")),
          o::out);
      assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
      assertTrue(o.count("failed") >= 1, o.lastLine());
      assertTrue(o.out().contains("curl -sS -i -X 'PATCH'"), "a curl line per failure");
    }
  }

  @Test
  void a_failed_set_up_prints_what_it_expected() {
    MockVariants.Variant variant = variant("rejects the page's realtime example");
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, variant.extensions().apply(SuiteRuns.KEY))) {
      Outcome o = main(remote(m, "--allow-writes").toArray(String[]::new));
      assertEquals(1, o.status(), o::out);
      assertTrue(
          o.out().contains("to the set-up (the spec's example switchToRealtime), got 400"), o::out);
      assertFalse(o.out().contains("expected , got"), o::out);
    }
  }

  @Test
  void advice_passes_and_goes_on_its_own_line_above_the_closing_line() {
    try (MockServer m =
        SuiteRuns.mock(
            SuiteRuns.KEY,
            List.of(MockVariants.skipValidation(SuiteRuns.CONTRACT, "body.unknown-field")))) {
      Outcome o = main(remote(m, "--allow-writes").toArray(String[]::new));
      assertEquals(0, o.status(), o::out);
      assertTrue(o.lastLine().matches("\\d+ passed, 0 failed"), o.lastLine());
      assertTrue(
          o.lineBeforeLast().matches("\\d+ advice: .*body\\.unknown-field.*"), o.lineBeforeLast());
      assertTrue(
          o.out().lines().anyMatch(l -> l.matches("body\\.unknown-field\\s+decided\\s+advice.*")),
          o::out);
    }
  }

  @Test
  void without_writes_the_closing_line_counts_the_true_skips() {
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of())) {
      Outcome o = main(remote(m).toArray(String[]::new));
      assertEquals(0, o.status(), o::out);
      assertTrue(o.lastLine().matches("\\d+ passed, 0 failed, \\d+ skipped"), o.lastLine());
      assertTrue(o.out().contains("run with --allow-writes"), o::out);
    }
  }

  @Test
  void strict_against_a_server_with_its_own_error_body_passes_only_with_ignore_error_shape() {
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(MockVariants.ownErrorShape()))) {
      Outcome without =
          main(remote(m, "--allow-writes", "--profile", "strict").toArray(String[]::new));
      assertEquals(1, without.status(), without::out);
      assertTrue(
          without
              .out()
              .lines()
              .anyMatch(l -> l.matches("response\\.error-body\\s+decided\\s+fail.*")),
          without::out);
      Outcome with =
          main(
              remote(m, "--allow-writes", "--profile", "strict", "--ignore-error-shape")
                  .toArray(String[]::new));
      assertEquals(0, with.status(), with::out);
      assertTrue(with.lastLine().matches("\\d+ passed, 0 failed"), with.lastLine());
      assertTrue(with.out().contains("error shape ignored"), with::out);
    }
  }

  @Test
  void an_unreachable_server_stops_before_the_checks_with_status_2() {
    Outcome o;
    // a port held where nothing listens (port 9 may have a listener on some machines)
    try (ReservedPort nothing = ReservedPort.refusing()) {
      o =
          main(
              "--base-url",
              nothing.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--timeout",
              "2",
              "--progress",
              "0");
    }
    assertEquals(2, o.status(), o::out);
    assertTrue(o.lineBeforeLast().startsWith("Stopped before the checks: no answer from"), o::out);
    assertEquals("0 passed, 0 failed", o.lastLine());
  }

  @Test
  void an_unwritable_report_dir_exits_2_at_once_before_any_request(@TempDir Path tmp)
      throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    SuiteRuns.Recorder recorder = new SuiteRuns.Recorder();
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(recorder))) {
      Outcome o =
          main(
              remote(m, "--report-dir", notADirectory.resolve("reports").toString())
                  .toArray(String[]::new));
      assertEquals(2, o.status(), o::out);
      assertTrue(o.out().contains("cannot write the reports to"), o::out);
      assertEquals("0 passed, 0 failed", o.lastLine());
      assertEquals(List.of(), recorder.answers, "nothing was sent");
    }
  }

  @Test
  void the_report_dir_holds_junit_xml_json_and_html_with_separate_counts(@TempDir Path dir)
      throws Exception {
    // without writes (skips), against a server with its own error body (advice in documented)
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(MockVariants.ownErrorShape()))) {
      Outcome o = main(remote(m, "--report-dir", dir.toString()).toArray(String[]::new));
      assertEquals(0, o.status(), o::out);
      String json = Files.readString(dir.resolve(Reports.JSON_FILE));
      var summary = SpecBodies.JSON.readTree(json).path("summary");
      assertTrue(summary.path("skipped").asInt() > 0, json);
      assertTrue(summary.path("advice").asInt() > 0, json);
      assertEquals(0, summary.path("failed").asInt());
      assertEquals(o.lastLine(), summary.path("line").asString());
      String html = Files.readString(dir.resolve(Reports.HTML_FILE));
      assertTrue(
          html.contains(summary.path("advice").asInt() + " advice"), "the HTML counts advice");
      String xml = Files.readString(dir.resolve(JUnitXml.FILE));
      assertTrue(xml.contains("<skipped"), "true skips are skipped in JUnit");
      assertTrue(xml.contains("outcome: advice"), "advice passes, with its advice in the output");
      // each test case is named by its check's id, as in every other report
      var cases =
          javax.xml.parsers.DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(dir.resolve(JUnitXml.FILE).toFile())
              .getElementsByTagName("testcase");
      List<String> names = new java.util.ArrayList<>();
      for (int i = 0; i < cases.getLength(); i++) {
        names.add(((org.w3c.dom.Element) cases.item(i)).getAttribute("name"));
      }
      List<String> ids = new java.util.ArrayList<>();
      SpecBodies.JSON.readTree(json).path("checks").forEach(c -> ids.add(c.path("id").asString()));
      assertEquals(ids, names);
      assertTrue(
          html.contains(summary.path("passed").asInt() + " passed"),
          "the HTML counts passed checks, advice among them");
    }
  }

  @Test
  void a_base_url_without_an_assistant_id_is_a_usage_error_with_status_2() {
    Outcome o = main("--base-url", "http://127.0.0.1:9", "--api-key", "k");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("--assistant-id"), o::err);
    assertEquals("0 passed, 0 failed", o.lastLine(), "the closing line, also on a usage error");
  }

  @Test
  void a_base_url_without_a_key_is_a_usage_error_naming_the_key_with_the_closing_line() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("CONFORMANCE_API_KEY") == null, "a key is set in the environment");
    Outcome o = main("--base-url", "http://127.0.0.1:9", "--assistant-id", SuiteRuns.ASSISTANT);
    assertEquals(2, o.status());
    assertTrue(o.err().contains("an API key is needed"), o::err);
    assertEquals("0 passed, 0 failed", o.lastLine());
  }

  @Test
  void an_unknown_profile_is_a_usage_error_with_status_2() {
    Outcome o = main("--profile", "lenient");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("documented or strict"), o::err);
    assertEquals("0 passed, 0 failed", o.lastLine());
  }

  @Test
  void help_lists_every_option_and_exits_0() {
    Outcome o = main("--help");
    assertEquals(0, o.status());
    for (String option :
        List.of(
            "--base-url",
            "--api-key",
            "--assistant-id",
            "--allow-writes",
            "--profile",
            "--ignore-error-shape",
            "--report-dir",
            "--har",
            "--spec",
            "--timeout",
            "--request-timeout",
            "--max-response-bytes",
            "--rate",
            "--fuzz",
            "--seed",
            "--progress",
            "--help")) {
      assertTrue(o.out().contains(option), option);
    }
    assertTrue(o.out().contains("error-shape group"), o::out);
    assertTrue(o.out().contains("N passed, N failed[, N skipped]"), o::out);
    assertFalse(o.out().contains("Exception"), o::out);
  }

  static MockVariants.Variant variant(String name) {
    return MockVariants.all(SuiteRuns.CONTRACT).stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
