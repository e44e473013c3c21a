package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Origin;
import dev.assistantkit.contract.Rule;
import dev.assistantkit.contract.RuleKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a run: every check with its published entry, and from them the verdict per rule,
 * the counts and the exit status.
 */
public final class RunResults {

  /** How one check ended. Advice and skips are both "skipped" for JUnit. */
  public enum Outcome {
    PASSED,
    FAILED,
    ADVICE,
    SKIPPED
  }

  /** A rule's verdict over all checks that touched it, worst first. */
  public enum Verdict {
    FAIL,
    ADVICE,
    PASS,
    SKIPPED,
    NOT_CHECKED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * One check.
   *
   * @param name the display path (class / container / test)
   * @param outcome how it ended
   * @param message the failure or abort message, masked; empty when it passed
   * @param entries its published report entry (see {@link CheckRun})
   */
  public record CheckResult(
      String name, Outcome outcome, String message, Map<String, String> entries) {

    public Optional<String> entry(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    Set<String> ids(String key) {
      return entry(key)
          .map(v -> new LinkedHashSet<>(Arrays.asList(v.split(","))))
          .map(s -> (Set<String>) s)
          .orElse(Set.of());
    }
  }

  /**
   * A row of the rule table.
   *
   * @param ruleId the rule
   * @param origin documented or decided (documented for ids outside the catalogue)
   * @param verdict pass, fail, advice, skipped or not checked
   * @param got the status of the representative check
   * @param expected what the contract expected there
   * @param checks how many checks touched the rule
   */
  public record RuleRow(
      String ruleId, Origin origin, Verdict verdict, String got, String expected, int checks) {}

  private final String description;
  private final List<CheckResult> checks;
  private final Duration duration;
  private final List<RuleRow> rules;
  private final List<String> reportProblems;

  RunResults(String description, List<CheckResult> checks, Duration duration, Contract contract) {
    this.description = description;
    this.checks = List.copyOf(checks);
    this.duration = duration;
    this.rules = ruleTable(contract);
    this.reportProblems = List.of();
  }

  private RunResults(RunResults run, List<String> reportProblems) {
    this.description = run.description;
    this.checks = run.checks;
    this.duration = run.duration;
    this.rules = run.rules;
    this.reportProblems = List.copyOf(reportProblems);
  }

  /** The same run, with the reports that could not be written (which makes its exit status 2). */
  RunResults withReportProblems(List<String> problems) {
    return new RunResults(this, problems);
  }

  /** Why a report asked for with --report-dir is missing or incomplete; empty when none is. */
  public List<String> reportProblems() {
    return reportProblems;
  }

  public String description() {
    return description;
  }

  public List<CheckResult> checks() {
    return checks;
  }

  public Duration duration() {
    return duration;
  }

  public List<RuleRow> rules() {
    return rules;
  }

  public long count(Outcome o) {
    return checks.stream().filter(c -> c.outcome() == o).count();
  }

  public long passed() {
    return count(Outcome.PASSED);
  }

  public long failed() {
    return count(Outcome.FAILED);
  }

  /** Skips and advice: JUnit reports both as skipped. */
  public long skipped() {
    return count(Outcome.SKIPPED) + count(Outcome.ADVICE);
  }

  /** How many requests got an HTTP answer. */
  public int answered() {
    return checks.stream()
        .mapToInt(c -> c.entry(CheckRun.ANSWERED).map(Integer::parseInt).orElse(0))
        .sum();
  }

  /** The rules some check failed, in table order. */
  public Set<String> failedRules() {
    Set<String> out = new LinkedHashSet<>();
    rules.stream().filter(r -> r.verdict() == Verdict.FAIL).forEach(r -> out.add(r.ruleId()));
    return out;
  }

  public Optional<RuleRow> rule(String id) {
    return rules.stream().filter(r -> r.ruleId().equals(id)).findFirst();
  }

  /**
   * 0: every check of the profile passed and something answered; 1: a failure; 2: no answer, or
   * reports asked for could not be written (a CI gate must not pass on a missing JUnit XML).
   */
  public int exitStatus() {
    if (answered() == 0 || !reportProblems.isEmpty()) {
      return 2;
    }
    return failed() > 0 ? 1 : 0;
  }

  /** {@code N passed, N failed} or {@code N passed, N failed, N skipped}. */
  public String summaryLine() {
    String line = passed() + " passed, " + failed() + " failed";
    return skipped() > 0 ? line + ", " + skipped() + " skipped" : line;
  }

  private List<RuleRow> ruleTable(Contract contract) {
    Map<String, Origin> ids = new LinkedHashMap<>();
    for (Rule r : contract.rules().all()) {
      if (r.kind() != RuleKind.MOCK) {
        ids.put(r.id(), r.origin());
      }
    }
    for (CheckResult c : checks) {
      for (String key : List.of(CheckRun.FAILED, CheckRun.ADVICE)) {
        c.ids(key).forEach(id -> ids.putIfAbsent(id, Origin.DOCUMENTED));
      }
    }
    List<RuleRow> out = new ArrayList<>();
    ids.forEach((id, origin) -> out.add(row(id, origin)));
    return List.copyOf(out);
  }

  private RuleRow row(String id, Origin origin) {
    Verdict verdict = Verdict.NOT_CHECKED;
    CheckResult shown = null;
    int touched = 0;
    for (CheckResult c : checks) {
      Verdict v =
          c.ids(CheckRun.FAILED).contains(id)
              ? Verdict.FAIL
              : c.ids(CheckRun.ADVICE).contains(id)
                  ? Verdict.ADVICE
                  : c.ids(CheckRun.COVERED).contains(id)
                      ? Verdict.PASS
                      : c.ids(CheckRun.RULES).contains(id) ? Verdict.SKIPPED : null;
      if (v == null) {
        continue;
      }
      touched++;
      if (shown == null || v.ordinal() < verdict.ordinal()) {
        verdict = v;
        shown = c;
      }
    }
    String got = shown == null ? "" : shown.entry(CheckRun.GOT).orElse("");
    String expected = shown == null ? "" : shown.entry(CheckRun.EXPECTED).orElse("");
    return new RuleRow(id, origin, verdict, got, expected, touched);
  }
}
