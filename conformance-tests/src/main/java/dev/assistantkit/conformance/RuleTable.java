package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict per rule over a run's checks, read from the same findings the failures and the advice
 * print: a rule fails when some check failed it, is advice when some check advised on it, passes
 * only when an answered check that did not fail exercised it, and is not checked otherwise. The
 * check shown for a rule is chosen the same way in both profiles (a documented finding before a
 * decided one, a clean pass before a pass with advice), so one exchange gives one sample.
 */
final class RuleTable {

  private RuleTable() {}

  /** The rule-table rows a list of findings counts for, each once, in order. */
  static List<String> rowIds(List<Finding> findings) {
    Set<String> out = new LinkedHashSet<>();
    findings.forEach(f -> out.add(f.ruleId()));
    return List.copyOf(out);
  }

  /** The table's rows: every rule of the operations, then any other rule a check touched. */
  static List<RunSummary.RuleRow> rows(Contract contract, List<CheckResult> results) {
    Map<String, Origin> ids = new LinkedHashMap<>();
    for (Operation op : contract.operations()) {
      op.rules().all().forEach(r -> ids.putIfAbsent(r.id(), r.origin()));
    }
    for (CheckResult r : results) {
      List<String> touched = new ArrayList<>();
      r.failures().forEach(f -> touched.add(f.ruleId()));
      r.advice().forEach(f -> touched.add(f.ruleId()));
      touched.addAll(r.covered());
      for (String id : touched) {
        ids.computeIfAbsent(id, k -> contract.rule(k).map(Rule::origin).orElse(Origin.DOCUMENTED));
      }
    }
    List<RunSummary.RuleRow> out = new ArrayList<>();
    ids.forEach((id, origin) -> out.add(row(id, origin, results)));
    return out;
  }

  private static RunSummary.RuleRow row(String id, Origin origin, List<CheckResult> results) {
    CheckResult failing = null;
    CheckResult advising = null;
    CheckResult passing = null;
    int touched = 0;
    int skipped = 0;
    int coveredInFailures = 0;
    for (CheckResult r : results) {
      boolean fails = names(r.failures(), id);
      boolean advises = names(r.advice(), id);
      boolean covers = r.covered().contains(id);
      if (!fails && !advises && !covers && !r.subjects().contains(id)) {
        continue;
      }
      touched++;
      if (fails) {
        if (failing == null
            || (!documented(failing.failures(), id) && documented(r.failures(), id))) {
          failing = r; // preferably a documented finding: the one the documented profile shows
        }
      } else if (advises) {
        if (advising == null) {
          advising = r;
        }
      } else if (covers && r.outcome() != Outcome.FAIL) {
        if (passing == null || better(r, passing, id)) {
          passing = r;
        }
      } else if (covers) {
        coveredInFailures++;
      } else if (r.outcome() == Outcome.SKIP) {
        skipped++;
      }
    }
    CheckResult shown = failing != null ? failing : advising != null ? advising : passing;
    RunSummary.RuleVerdict v =
        failing != null
            ? RunSummary.RuleVerdict.FAIL
            : advising != null
                ? RunSummary.RuleVerdict.ADVICE
                : passing != null
                    ? RunSummary.RuleVerdict.PASS
                    : RunSummary.RuleVerdict.NOT_CHECKED;
    String note = "";
    if (v == RunSummary.RuleVerdict.NOT_CHECKED) {
      List<String> why = new ArrayList<>();
      if (skipped > 0) {
        why.add(skipped + " skipped");
      }
      if (coveredInFailures > 0) {
        why.add("only in " + coveredInFailures + " checks that failed on other rules");
      }
      note = why.isEmpty() ? "no answered check exercised it" : String.join(", ", why);
    }
    return new RunSummary.RuleRow(
        id,
        origin,
        v,
        touched,
        shown == null ? "" : shown.got(),
        shown == null ? "" : shown.expected(),
        note);
  }

  /**
   * Whether a passing check shows a rule better than another: a clean pass before one with advice
   * (a check that passed with advice in documented fails in strict), then one about the rule.
   */
  private static boolean better(CheckResult candidate, CheckResult current, String id) {
    boolean clean = candidate.outcome() == Outcome.PASS;
    boolean currentClean = current.outcome() == Outcome.PASS;
    if (clean != currentClean) {
      return clean;
    }
    return !current.subjects().contains(id) && candidate.subjects().contains(id);
  }

  private static boolean names(List<Finding> findings, String id) {
    return findings.stream().anyMatch(f -> f.ruleId().equals(id));
  }

  private static boolean documented(List<Finding> findings, String id) {
    return findings.stream()
        .anyMatch(f -> f.ruleId().equals(id) && f.origin() == Origin.DOCUMENTED);
  }
}
