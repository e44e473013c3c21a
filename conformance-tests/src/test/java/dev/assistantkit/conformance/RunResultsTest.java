package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts, closing line, exit status and the per-rule verdict. */
class RunResultsTest {

  static RunResults.CheckResult check(RunResults.Outcome outcome, Map<String, String> entries) {
    return new RunResults.CheckResult("c", outcome, "", entries);
  }

  static RunResults results(RunResults.CheckResult... checks) {
    return new RunResults("test", List.of(checks), Duration.ZERO, Contracts.shared());
  }

  @Test
  void the_closing_line_names_skipped_checks_only_when_there_are_some() {
    var pass = check(RunResults.Outcome.PASSED, Map.of(CheckRun.ANSWERED, "1"));
    assertEquals("2 passed, 0 failed", results(pass, pass).summaryLine());
    var advice = check(RunResults.Outcome.ADVICE, Map.of(CheckRun.ANSWERED, "1"));
    var skip = check(RunResults.Outcome.SKIPPED, Map.of());
    var fail = check(RunResults.Outcome.FAILED, Map.of(CheckRun.ANSWERED, "1"));
    assertEquals("1 passed, 1 failed, 2 skipped", results(pass, advice, skip, fail).summaryLine());
  }

  @Test
  void exit_status_is_2_when_nothing_answered_1_on_a_failure_0_otherwise() {
    var answeredPass = check(RunResults.Outcome.PASSED, Map.of(CheckRun.ANSWERED, "2"));
    var unansweredFail = check(RunResults.Outcome.FAILED, Map.of(CheckRun.ANSWERED, "0"));
    var advice = check(RunResults.Outcome.ADVICE, Map.of(CheckRun.ANSWERED, "1"));
    assertEquals(2, results(unansweredFail).exitStatus());
    assertEquals(2, results().exitStatus());
    assertEquals(1, results(answeredPass, unansweredFail).exitStatus());
    assertEquals(0, results(answeredPass, advice).exitStatus());
  }

  @Test
  void a_rule_failed_anywhere_is_failed_advice_beats_pass_and_untouched_rules_are_skipped() {
    var passTts = check(RunResults.Outcome.PASSED, Map.of(CheckRun.COVERED, "tts.pair"));
    var failTts =
        check(
            RunResults.Outcome.FAILED,
            Map.of(CheckRun.COVERED, "tts.pair", CheckRun.FAILED, "tts.pair", CheckRun.GOT, "200"));
    var adviceNull =
        check(
            RunResults.Outcome.ADVICE,
            Map.of(CheckRun.COVERED, "body.null-value", CheckRun.ADVICE, "body.null-value"));
    var skipMode =
        check(RunResults.Outcome.SKIPPED, Map.of(CheckRun.RULES, "mode.llm-config-needs-realtime"));
    RunResults r = results(passTts, failTts, adviceNull, skipMode);
    assertEquals(RunResults.Verdict.FAIL, r.rule("tts.pair").orElseThrow().verdict());
    assertEquals("200", r.rule("tts.pair").orElseThrow().got());
    assertEquals(RunResults.Verdict.ADVICE, r.rule("body.null-value").orElseThrow().verdict());
    assertEquals(
        RunResults.Verdict.SKIPPED,
        r.rule("mode.llm-config-needs-realtime").orElseThrow().verdict());
    assertEquals(RunResults.Verdict.NOT_CHECKED, r.rule("auth.bearer").orElseThrow().verdict());
    assertEquals(java.util.Set.of("tts.pair"), r.failedRules());
  }
}
