package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counts, the closing line, the advice line, the exit status and the verdict per rule. */
class RunSummaryTest {

  static CheckResult result(
      Outcome outcome,
      List<Finding> failures,
      List<Finding> advice,
      Set<String> covered,
      int answered) {
    return new CheckResult(
        "c",
        CheckKind.CATALOGUE,
        "PATCH /x",
        outcome,
        failures,
        advice,
        Set.of(),
        covered,
        "400",
        "400",
        outcome == Outcome.SKIP ? "why" : "",
        "",
        "",
        "",
        answered,
        answered);
  }

  static CheckResult pass(String... covered) {
    return result(Outcome.PASS, List.of(), List.of(), Set.of(covered), 1);
  }

  static CheckResult fail(String rule) {
    return result(
        Outcome.FAIL,
        List.of(new Finding(rule, Origin.DOCUMENTED, "", "m")),
        List.of(),
        Set.of(rule),
        1);
  }

  static CheckResult advice(String rule, String group) {
    return result(
        Outcome.ADVICE,
        List.of(),
        List.of(new Finding(rule, Origin.DECIDED, group, "m")),
        Set.of(rule),
        1);
  }

  static CheckResult skip() {
    return result(Outcome.SKIP, List.of(), List.of(), Set.of(), 0);
  }

  static RunSummary summary(CheckResult... results) {
    return RunSummary.of(SuiteRuns.CONTRACT, Profile.DOCUMENTED, List.of(results));
  }

  @Test
  void
      passed_failed_advice_and_skipped_are_counted_apart_and_the_last_line_names_true_skips_only() {
    assertEquals("2 passed, 0 failed", summary(pass(), pass()).summaryLine());
    RunSummary s = summary(pass(), advice("body.unknown-field", ""), skip(), fail("tts.pair"));
    assertEquals("2 passed, 1 failed, 1 skipped", s.summaryLine(), "advice counts as passed");
    assertEquals(1, s.advice());
    assertEquals(Optional.empty(), summary(pass()).adviceLine());
    assertTrue(
        s.adviceLine().orElseThrow().startsWith("1 advice: ")
            && s.adviceLine().get().contains("body.unknown-field"),
        s.adviceLine()::toString);
  }

  @Test
  void exit_status_is_2_when_nothing_was_judged_1_on_a_failure_0_otherwise() {
    assertEquals(2, summary().exitStatus());
    assertEquals(2, summary(skip(), skip()).exitStatus());
    assertEquals(1, summary(pass(), fail("tts.pair")).exitStatus());
    assertEquals(0, summary(pass(), advice("body.unknown-field", "")).exitStatus());
  }

  @Test
  void a_rule_failed_anywhere_fails_advice_beats_pass_and_an_unexercised_rule_is_not_checked() {
    RunSummary s =
        summary(
            pass("tts.pair"),
            fail("tts.pair"),
            advice("body.null-value", ""),
            pass("body.null-value"));
    assertEquals(RunSummary.RuleVerdict.FAIL, s.rule("tts.pair").orElseThrow().verdict());
    assertEquals(RunSummary.RuleVerdict.ADVICE, s.rule("body.null-value").orElseThrow().verdict());
    assertEquals(
        RunSummary.RuleVerdict.NOT_CHECKED, s.rule("enum.llm-mode").orElseThrow().verdict());
  }

  @Test
  void a_rule_only_covered_by_checks_that_failed_on_other_rules_is_never_shown_as_pass() {
    CheckResult failedElsewhere =
        result(
            Outcome.FAIL,
            List.of(new Finding("response.json", Origin.DOCUMENTED, "", "m")),
            List.of(),
            Set.of("response.json", "tts.pair"),
            1);
    RunSummary s = summary(failedElsewhere);
    assertEquals(RunSummary.RuleVerdict.NOT_CHECKED, s.rule("tts.pair").orElseThrow().verdict());
    assertTrue(s.rule("tts.pair").get().note().contains("failed on other rules"));
  }

  @Test
  void a_run_whose_every_check_passed_with_advice_ends_with_them_passed_and_exit_0() {
    RunSummary s = summary(advice("body.unknown-field", ""), advice("body.null-value", ""));
    assertEquals("2 passed, 0 failed", s.summaryLine());
    assertEquals(0, s.exitStatus());
    assertTrue(s.adviceLine().orElseThrow().startsWith("2 advice: passed"), s::summaryLine);
  }

  @Test
  void the_rule_table_reads_the_findings_the_failures_print() {
    CheckResult errorBody =
        result(
            Outcome.FAIL,
            List.of(new Finding("response.error-body", Origin.DECIDED, "error-shape", "m")),
            List.of(),
            Set.of("auth.bearer", "response.error-body"),
            1);
    RunSummary s = summary(errorBody, pass("auth.bearer"));
    assertEquals(RunSummary.RuleVerdict.PASS, s.rule("auth.bearer").orElseThrow().verdict());
    assertEquals(
        RunSummary.RuleVerdict.FAIL, s.rule("response.error-body").orElseThrow().verdict());
    for (CheckResult r : s.results()) {
      for (Finding f : r.failures()) {
        assertEquals(RunSummary.RuleVerdict.FAIL, s.rule(f.ruleId()).orElseThrow().verdict());
      }
    }
  }

  @Test
  void a_rule_shows_the_same_check_in_both_profiles() {
    CheckResult decided =
        result(
            Outcome.FAIL,
            List.of(new Finding("body.field-type", Origin.DECIDED, "", "decided location")),
            List.of(),
            Set.of("body.field-type"),
            1);
    CheckResult documented =
        new CheckResult(
            "d",
            CheckKind.DERIVED,
            "PATCH /x",
            Outcome.FAIL,
            List.of(new Finding("body.field-type", Origin.DOCUMENTED, "", "page's type")),
            List.of(),
            Set.of(),
            Set.of("body.field-type"),
            "400 naming body.field-type",
            "200",
            "",
            "",
            "",
            "",
            1,
            1);
    RunSummary strict =
        RunSummary.of(SuiteRuns.CONTRACT, Profile.STRICT, List.of(decided, documented));
    assertEquals("200", strict.rule("body.field-type").orElseThrow().got());
  }
}
