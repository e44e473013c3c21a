package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line: flags, exit statuses and the closing line. */
class ConformanceMainTest {

  private static final Pattern CLOSING =
      Pattern.compile("\\d+ passed, \\d+ failed(, \\d+ skipped)?");

  record Outcome(int status, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\\R");
      return lines[lines.length - 1];
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

  @Test
  void without_a_base_url_the_in_process_reference_mock_passes_with_status_0() {
    Outcome o = main("--fuzz", "5");
    assertEquals(0, o.status(), o::out);
    assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
    assertTrue(o.lastLine().matches("\\d+ passed, 0 failed(, \\d+ skipped)?"), o.lastLine());
    assertTrue(o.out().contains("writes allowed"), o::out);
  }

  @Test
  void a_conformant_server_passes_with_status_0_and_the_closing_line_last() {
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of())) {
      Outcome o =
          main(
              "--base-url",
              m.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--allow-writes",
              "--profile",
              "strict",
              "--rate",
              "0",
              "--fuzz",
              "3",
              "--seed",
              "7");
      assertEquals(0, o.status(), o::out);
      assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
      assertTrue(o.out().contains("profile strict"), o::out);
      assertTrue(o.out().contains("fuzz 3 (seed 7)"), o::out);
    }
  }

  @Test
  void a_server_breaking_a_documented_rule_fails_with_status_1_and_names_the_rule() {
    var variant =
        MockVariants.all(Contracts.shared()).stream()
            .filter(v -> v.mustName().equals(java.util.Set.of("response.json")))
            .findFirst()
            .orElseThrow();
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, variant.extensions().apply(SuiteRuns.KEY))) {
      Outcome o =
          main(
              "--base-url",
              m.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--allow-writes",
              "--rate",
              "0",
              "--fuzz",
              "0");
      assertEquals(1, o.status(), o::out);
      assertTrue(
          o.out().lines().anyMatch(l -> l.matches("response\\.json\\s+documented\\s+fail.*")),
          o::out);
      assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
      java.util.regex.Matcher failed =
          java.util.regex.Pattern.compile("(\\d+) failed").matcher(o.lastLine());
      assertTrue(failed.find(), o.lastLine());
      assertTrue(Integer.parseInt(failed.group(1)) >= 1, o.lastLine());
    }
  }

  @Test
  void an_unreachable_server_exits_with_status_2() {
    Outcome o =
        main(
            "--base-url", "http://127.0.0.1:9",
            "--api-key", SuiteRuns.KEY,
            "--assistant-id", SuiteRuns.ASSISTANT,
            "--timeout", "2",
            "--fuzz", "0");
    assertEquals(2, o.status(), o::out);
    assertTrue(o.out().contains("answered no request"), o::out);
    assertTrue(CLOSING.matcher(o.lastLine()).matches(), o.lastLine());
  }

  @Test
  void reports_that_cannot_be_written_make_a_passing_run_exit_with_status_2(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path notADirectory = java.nio.file.Files.writeString(tmp.resolve("file"), "x");
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of())) {
      Outcome o =
          main(
              "--base-url",
              m.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--assistant-id",
              SuiteRuns.ASSISTANT,
              "--rate",
              "0",
              "--fuzz",
              "0",
              "--report-dir",
              notADirectory.resolve("reports").toString());
      assertEquals(2, o.status(), o::out);
      assertTrue(o.out().contains("Reports: cannot write the reports to"), o::out);
      assertTrue(o.lastLine().matches("\\d+ passed, 0 failed(, \\d+ skipped)?"), o.lastLine());
    }
  }

  @Test
  void a_base_url_without_an_assistant_id_is_a_usage_error_with_status_2() {
    Outcome o = main("--base-url", "http://127.0.0.1:9", "--api-key", "k");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("--assistant-id"), o::err);
  }

  @Test
  void an_unknown_profile_is_a_usage_error_with_status_2() {
    Outcome o = main("--profile", "lenient");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("documented or strict"), o::err);
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
            "--report-dir",
            "--timeout",
            "--rate",
            "--fuzz",
            "--seed",
            "--help")) {
      assertTrue(o.out().contains(option), option);
    }
  }
}
