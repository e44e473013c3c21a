package dev.assistantkit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Collects the checks of a run from the JUnit events and their report entries, then prints the rule
 * table and writes the reports. Registered in META-INF/services, so a Surefire or IDE run of the
 * check classes reports the same way as the jar; it ignores tests that are not checks.
 */
public class ReportListener implements TestExecutionListener {

  private final PrintStream console;
  private final Map<String, Map<String, String>> entries = new LinkedHashMap<>();
  private final List<RunResults.CheckResult> checks = new ArrayList<>();
  private TestPlan plan;
  private Optional<ConformanceSettings> settings = Optional.empty();
  private String description = "";
  private Instant started = Instant.now();
  private LegacyXmlReportGeneratingListener xml;
  private final List<String> reportProblems = new ArrayList<>();
  private RunResults results;

  /** For service loading: reports to standard output. */
  public ReportListener() {
    this(System.out);
  }

  /**
   * @param console where the table and the closing line go; null for none
   */
  public ReportListener(PrintStream console) {
    this.console = console;
  }

  /** The results of the last run, once it finished. */
  public Optional<RunResults> results() {
    return Optional.ofNullable(results);
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    started = Instant.now();
    entries.clear();
    checks.clear();
    results = null;
    reportProblems.clear();
    settings = Optional.empty(); // never mask (or not) with a previous run's key
    if (testPlan.countTestIdentifiers(ConformanceSuite::isCheck) == 0) {
      return;
    }
    try {
      ConformanceSettings s = ConformanceSettings.from(testPlan.getConfigurationParameters()::get);
      settings = Optional.of(s);
      description = s.describe();
      if (s.reportDir().isPresent()) {
        startXml(testPlan, s.reportDir().get());
      }
    } catch (IllegalArgumentException e) {
      description = "invalid settings: " + e.getMessage();
    }
  }

  private void startXml(TestPlan testPlan, Path dir) {
    try {
      Files.createDirectories(dir);
      xml = new LegacyXmlReportGeneratingListener(dir, new PrintWriter(System.err, true));
      xml.testPlanExecutionStarted(testPlan);
    } catch (IOException | UncheckedIOException e) {
      xml = null;
      reportProblems.add("cannot write the reports to " + dir + ": " + reason(e));
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (xml != null) {
      xml.executionSkipped(id, reason);
    }
    if (ConformanceSuite.isCheck(id) && id.isTest()) {
      record(id, RunResults.Outcome.SKIPPED, reason);
    }
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (xml != null) {
      xml.executionStarted(id);
    }
  }

  @Override
  public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
    if (xml != null) {
      xml.reportingEntryPublished(id, entry);
    }
    if (ConformanceSuite.isCheck(id)) {
      entries
          .computeIfAbsent(id.getUniqueId(), k -> new LinkedHashMap<>())
          .putAll(entry.getKeyValuePairs());
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (xml != null) {
      xml.executionFinished(id, result);
    }
    if (!ConformanceSuite.isCheck(id)) {
      return;
    }
    String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
    switch (result.getStatus()) {
      case SUCCESSFUL -> {
        if (id.isTest()) {
          record(id, RunResults.Outcome.PASSED, "");
        }
      }
      case ABORTED ->
          record(
              id,
              message.startsWith(CheckRun.ADVICE_PREFIX)
                  ? RunResults.Outcome.ADVICE
                  : RunResults.Outcome.SKIPPED,
              message);
      case FAILED ->
          record(
              id,
              RunResults.Outcome.FAILED,
              result.getThrowable().map(ReportListener::describe).orElse("failed"));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (xml != null) {
      xml.testPlanExecutionFinished(testPlan);
      xml = null;
      Path dir = settings.get().reportDir().get();
      try {
        // the XML lists system properties, and the command line among them may hold the key
        Reports.maskXml(dir, this::mask);
      } catch (UncheckedIOException e) {
        Reports.deleteXml(dir);
        reportProblems.add("cannot mask the JUnit XML in " + dir + ", removed it: " + reason(e));
      }
    }
    if (testPlan.countTestIdentifiers(ConformanceSuite::isCheck) == 0) {
      return;
    }
    RunResults run =
        new RunResults(
            description, checks, Duration.between(started, Instant.now()), Contracts.shared());
    List<Path> written = new ArrayList<>();
    if (settings.flatMap(ConformanceSettings::reportDir).isPresent()) {
      Path dir = settings.get().reportDir().get();
      try {
        written.addAll(Reports.write(run, dir));
      } catch (UncheckedIOException e) {
        reportProblems.add("cannot write the reports to " + dir + ": " + reason(e));
      }
    }
    results = reportProblems.isEmpty() ? run : run.withReportProblems(reportProblems);
    if (console != null) {
      Reports.printConsole(results, written, console);
    }
  }

  private void record(TestIdentifier id, RunResults.Outcome outcome, String message) {
    Map<String, String> e = entries.getOrDefault(id.getUniqueId(), Map.of());
    String name = e.getOrDefault(CheckRun.CHECK, name(id));
    checks.add(new RunResults.CheckResult(name, outcome, mask(message), Map.copyOf(e)));
  }

  private String name(TestIdentifier id) {
    List<String> parts = new ArrayList<>();
    for (TestIdentifier at = id; at != null; at = plan.getParent(at).orElse(null)) {
      if (ConformanceSuite.isCheck(at)) {
        parts.add(0, at.getDisplayName());
      }
    }
    return String.join(" / ", parts);
  }

  private String mask(String text) {
    return settings
        .map(s -> new Reproduction(Contracts.shared().masker(), s.apiKey()).maskMessage(text))
        .orElse(text);
  }

  private static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause.getClass().getSimpleName() + " " + cause.getMessage();
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
  }
}
