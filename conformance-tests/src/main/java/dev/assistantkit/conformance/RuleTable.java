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
 * The verdict per rule over a run's checks: a rule fails when some check failed it, is advice when
 * some check advised on it, passes only when an answered check that did not fail exercised it, and
 * is not checked otherwise.
 */
final class RuleTable {

  static final RuleTable EMPTY = new RuleTable(Map.of());

  private final Map<String, Set<String>> groups;

  RuleTable(Contract contract) {
    this(groups(contract));
  }

  private RuleTable(Map<String, Set<String>> groups) {
    this.groups = Map.copyOf(groups);
  }

  /** The rules of each named group of checks (e.g. error-shape: response.error-body). */
  private static Map<String, Set<String>> groups(Contract contract) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Rule r : contract.allRules()) {
      r.group().ifPresent(g -> out.computeIfAbsent(g, k -> new LinkedHashSet<>()).add(r.id()));
    }
    return out;
  }

  /**
   * The rule table's rows a finding counts for: its rule, or for a finding of a named group (the
   * error body not naming a rule) the group's own rules, so that a documented rule whose status was
   * right is not shown as broken because the error body did not name it.
   */
  private static Set<String> rows(Finding f, Map<String, Set<String>> groups) {
    if (f.group().isEmpty() || !groups.containsKey(f.group())) {
      return Set.of(f.ruleId());
    }
    return groups.get(f.group());
  }

  /** The rule-table rows a list of findings counts for, each once, in order. */
  List<String> rowIds(List<Finding> findings) {
    Set<String> out = new LinkedHashSet<>();
    findings.forEach(f -> out.addAll(rows(f, groups)));
    return List.copyOf(out);
  }

  /** The table's rows: every rule of the operations, then any other rule a check touched. */
  List<RunSummary.RuleRow> rows(Contract contract, List<CheckResult> results) {
    Map<String, Origin> ids = new LinkedHashMap<>();
    for (Operation op : contract.operations()) {
      op.rules().all().forEach(r -> ids.putIfAbsent(r.id(), r.origin()));
    }
    for (CheckResult r : results) {
      List<String> touched = new ArrayList<>();
      r.failures().forEach(f -> touched.addAll(rows(f, groups)));
      r.advice().forEach(f -> touched.addAll(rows(f, groups)));
      touched.addAll(r.covered());
      for (String id : touched) {
        ids.computeIfAbsent(id, k -> contract.rule(k).map(Rule::origin).orElse(Origin.DOCUMENTED));
      }
    }
    List<RunSummary.RuleRow> out = new ArrayList<>();
    ids.forEach((id, origin) -> out.add(row(id, origin, results, groups)));
    return out;
  }

  private static RunSummary.RuleRow row(
      String id, Origin origin, List<CheckResult> results, Map<String, Set<String>> groups) {
    CheckResult failing = null;
    CheckResult advising = null;
    CheckResult passing = null;
    int touched = 0;
    int skipped = 0;
    int coveredInFailures = 0;
    for (CheckResult r : results) {
      boolean fails = names(r.failures(), id, groups);
      boolean advises = names(r.advice(), id, groups);
      boolean covers = r.covered().contains(id);
      if (!fails && !advises && !covers && !r.subjects().contains(id)) {
        continue;
      }
      touched++;
      if (fails && failing == null) {
        failing = r;
      } else if (advises && advising == null) {
        advising = r;
      } else if (covers
          && r.outcome() != Outcome.FAIL
          && (passing == null || (!passing.subjects().contains(id) && r.subjects().contains(id)))) {
        passing = r; // preferably a check about the rule
      } else if (covers && r.outcome() == Outcome.FAIL) {
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

  private static boolean names(List<Finding> findings, String id, Map<String, Set<String>> groups) {
    return findings.stream().anyMatch(f -> rows(f, groups).contains(id));
  }
}
