package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Rule;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every report of a run must agree on, checked on real runs: the rule table fails exactly the
 * rules the failures name, a failure said to be documented names a documented rule, every printed
 * expectation names a status, and the closing line counts the checks that passed with advice.
 */
public final class ReportConsistency {

  private ReportConsistency() {}

  public static void check(RunSummary r) {
    Set<String> named = new TreeSet<>();
    for (CheckResult c : r.results()) {
      for (Finding f : c.failures()) {
        named.add(f.ruleId());
        if (f.origin() == Origin.DOCUMENTED) {
          Origin ruleOrigin =
              SuiteRuns.CONTRACT.rule(f.ruleId()).map(Rule::origin).orElse(Origin.DOCUMENTED);
          assertEquals(
              Origin.DOCUMENTED,
              ruleOrigin,
              () -> c.id() + ": a documented failure of the decided rule " + f);
        }
      }
      if (!c.got().isEmpty()) {
        assertTrue(
            c.expected().matches("\\d{3}.*"),
            () -> c.id() + ": got " + c.got() + " but the expectation names no status: " + c);
      }
    }
    Set<String> failedRows = new TreeSet<>(r.failedRules());
    assertEquals(named, failedRows, "the rule table fails exactly the rules the failures name");
    assertEquals(
        r.count(Outcome.PASS) + r.count(Outcome.ADVICE), r.passed(), "advice counts as passed");
    if (r.judged() > 0) {
      assertTrue(r.passed() + r.failed() > 0, r::summaryLine);
    }
  }
}
