package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Profile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A finished run, as every report shows it: the typed results, the counts (passed, with the advice
 * among them counted on its own too; failed; skipped), the verdict per rule, the exit status and
 * the closing line. Built from the run's typed log; nothing is parsed back from text.
 */
public final class RunSummary {

  /** A rule's verdict over every check that touched it. */
  public enum RuleVerdict {
    FAIL,
    ADVICE,
    PASS,
    NOT_CHECKED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * A row of the rule table.
   *
   * @param ruleId the rule
   * @param origin documented or decided (documented for ids outside the catalogue)
   * @param verdict fail, advice, pass or not checked
   * @param checks how many checks touched the rule
   * @param got the status of the check that decided the verdict
   * @param expected what the contract expected there
   * @param note why a rule is not checked
   */
  public record RuleRow(
      String ruleId,
      Origin origin,
      RuleVerdict verdict,
      int checks,
      String got,
      String expected,
      String note) {}

  private final String title;
  private final String description;
  private final Profile profile;
  private final boolean recorded;
  private final List<CheckResult> results;
  private final List<RuleRow> rules;
  private final List<String> undocumented;
  private final Duration duration;
  private final int requestsSent;
  private final int requestsAnswered;
  private final Optional<String> stopped;
  private final List<String> reportProblems;

  private RunSummary(
      String title,
      String description,
      Profile profile,
      boolean recorded,
      List<CheckResult> results,
      List<RuleRow> rules,
      List<String> undocumented,
      Duration duration,
      int requestsSent,
      int requestsAnswered,
      Optional<String> stopped,
      List<String> reportProblems) {
    this.title = title;
    this.description = description;
    this.profile = profile;
    this.recorded = recorded;
    this.results = List.copyOf(results);
    this.rules = List.copyOf(rules);
    this.undocumented = List.copyOf(undocumented);
    this.duration = duration;
    this.requestsSent = requestsSent;
    this.requestsAnswered = requestsAnswered;
    this.stopped = stopped;
    this.reportProblems = List.copyOf(reportProblems);
  }

  /** The summary of a run, at its end. */
  static RunSummary of(SuiteRun run) {
    List<CheckResult> results = run.log().results();
    Optional<ConformanceSettings> s = run.effectiveSettings();
    Contract contract = run.contract();
    List<String> undocumented = new ArrayList<>();
    for (HarReader.Recorded r : run.plan().undocumented()) {
      undocumented.add(
          r.file()
              + " #"
              + r.index()
              + " "
              + r.request().method()
              + " "
              + run.mask(r.request().path())
              + r.answer().map(a -> " -> " + a.status()).orElse(" -> no answer"));
    }
    return new RunSummary(
        contract == null ? "Conformance" : title(contract),
        s.map(ConformanceSettings::describe).orElse("(settings refused)"),
        s.map(ConformanceSettings::profile).orElse(Profile.DOCUMENTED),
        s.map(ConformanceSettings::recorded).orElse(false),
        results,
        contract == null ? List.of() : RuleTable.rows(contract, results),
        undocumented,
        run.log().duration(),
        run.sent(),
        run.answered(),
        run.stopped(),
        List.of());
  }

  /** A summary of results alone (for tests of the counts and the rule table). */
  static RunSummary of(Contract contract, Profile profile, List<CheckResult> results) {
    return new RunSummary(
        title(contract),
        "test",
        profile,
        false,
        results,
        RuleTable.rows(contract, results),
        List.of(),
        Duration.ZERO,
        0,
        0,
        Optional.empty(),
        List.of());
  }

  /** The same run, with the reports that could not be written (which makes its exit status 2). */
  RunSummary withReportProblems(List<String> problems) {
    List<String> all = new ArrayList<>(reportProblems);
    all.addAll(problems);
    return new RunSummary(
        title,
        description,
        profile,
        recorded,
        results,
        rules,
        undocumented,
        duration,
        requestsSent,
        requestsAnswered,
        stopped,
        all);
  }

  private static String title(Contract contract) {
    List<String> ops = contract.operations().stream().map(CheckPlan::label).toList();
    return "Conformance of " + String.join(", ", ops);
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public Profile profile() {
    return profile;
  }

  /** Whether the run judged recorded traffic. */
  public boolean recorded() {
    return recorded;
  }

  public List<CheckResult> results() {
    return results;
  }

  public List<RuleRow> rules() {
    return rules;
  }

  public Optional<RuleRow> rule(String id) {
    return rules.stream().filter(r -> r.ruleId().equals(id)).findFirst();
  }

  /** Recorded exchanges on paths or methods outside the contract: listed, not judged. */
  public List<String> undocumented() {
    return undocumented;
  }

  /** The run's own duration: from its start to its last check. */
  public Duration duration() {
    return duration;
  }

  /** Requests sent, the probes and set-ups included (0 for recorded traffic). */
  public int requestsSent() {
    return requestsSent;
  }

  /** Requests that got an HTTP answer (exchanges judged, for recorded traffic). */
  public int requestsAnswered() {
    return requestsAnswered;
  }

  /** Why the run stopped before its checks, if it did. */
  public Optional<String> stopped() {
    return stopped;
  }

  /** Why a report asked for with --report-dir is missing; empty when none is. */
  public List<String> reportProblems() {
    return reportProblems;
  }

  public long count(Outcome o) {
    return results.stream().filter(r -> r.outcome() == o).count();
  }

  /** Checks that passed: those that broke nothing, and those that passed with advice. */
  public long passed() {
    return count(Outcome.PASS) + count(Outcome.ADVICE);
  }

  public long failed() {
    return count(Outcome.FAIL);
  }

  /** Of the checks that passed, those that broke only rules the profile does not enforce. */
  public long advice() {
    return count(Outcome.ADVICE);
  }

  public long skipped() {
    return count(Outcome.SKIP);
  }

  /** How many checks an answered exchange judged: zero means the run tested nothing. */
  public long judged() {
    return results.stream().filter(r -> r.answered() > 0 && r.outcome() != Outcome.SKIP).count();
  }

  /** The rule-table rows a list of findings counts for, each once, in order. */
  List<String> rowIds(List<Finding> findings) {
    return RuleTable.rowIds(findings);
  }

  /** The rules some check failed, in table order. */
  public Set<String> failedRules() {
    Set<String> out = new LinkedHashSet<>();
    rules.stream().filter(r -> r.verdict() == RuleVerdict.FAIL).forEach(r -> out.add(r.ruleId()));
    return out;
  }

  /**
   * 0: every check of the profile passed and some check was judged; 1: a check failed; 2: the run
   * stopped before its checks (not the API, no answer, unreadable HAR, unwritable report
   * directory), judged nothing, or could not write the reports asked for.
   */
  public int exitStatus() {
    if (stopped.isPresent() || !reportProblems.isEmpty() || judged() == 0) {
      return 2;
    }
    return failed() > 0 ? 1 : 0;
  }

  /**
   * {@code N passed, N failed} or {@code N passed, N failed, N skipped}: the last console line. A
   * check that passed with advice counts as passed.
   */
  public String summaryLine() {
    String line = passed() + " passed, " + failed() + " failed";
    return skipped() > 0 ? line + ", " + skipped() + " skipped" : line;
  }

  /** The line above the closing one, when some check passed with advice. */
  public Optional<String> adviceLine() {
    if (advice() == 0) {
      return Optional.empty();
    }
    Set<String> ids = new LinkedHashSet<>();
    results.stream()
        .filter(r -> r.outcome() == Outcome.ADVICE)
        .forEach(r -> ids.addAll(RuleTable.rowIds(r.advice())));
    return Optional.of(
        advice()
            + " advice: passed, but broke rules the "
            + profile.wireName()
            + " profile does not enforce ("
            + String.join(", ", ids)
            + ")");
  }
}
