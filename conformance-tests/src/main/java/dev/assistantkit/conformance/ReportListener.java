package dev.assistantkit.conformance;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts a run when a test plan holds the check classes (parsing the settings once), and at the end
 * renders the console, JSON, HTML and JUnit XML reports from the run's typed log. Registered in
 * META-INF/services, so a Surefire or IDE run of the check classes reports the same way as the jar;
 * it ignores plans without checks. The jar's runner gives it the run it made instead.
 */
public class ReportListener implements TestExecutionListener {

  private final PrintStream console;
  private final PrintStream progress;
  private SuiteRun run;
  private boolean ownsRun;
  private boolean active;
  private final List<String> reportProblems = new ArrayList<>();
  private RunSummary summary;

  /** For service loading: reports to standard output, progress to standard error. */
  public ReportListener() {
    this(null, System.out, System.err);
  }

  /**
   * @param run the run to report; null: start one from the plan's configuration parameters
   * @param console where the table and the closing line go; null for none
   * @param progress where progress lines go; null for none
   */
  ReportListener(SuiteRun run, PrintStream console, PrintStream progress) {
    this.run = run;
    this.console = console;
    this.progress = progress;
  }

  /** The summary of the run, once it finished. */
  public Optional<RunSummary> summary() {
    return Optional.ofNullable(summary);
  }

  /** A run from configuration parameters; a refused one when they are wrong. */
  static SuiteRun newRun(String id, Function<String, Optional<String>> parameters) {
    return newRun(id, parameters, System.err);
  }

  private static SuiteRun newRun(
      String id, Function<String, Optional<String>> parameters, PrintStream progress) {
    try {
      return new SuiteRun(id, ConformanceSettings.from(parameters, System::getenv), progress);
    } catch (RuntimeException e) {
      return SuiteRun.refused(id, "invalid settings: " + e.getMessage(), progress);
    }
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    summary = null;
    reportProblems.clear();
    active = testPlan.countTestIdentifiers(ConformanceSuite::isCheck) > 0;
    if (!active) {
      return;
    }
    if (run == null) {
      String id =
          testPlan.getConfigurationParameters().get(ActiveRuns.RUN_ID).orElse(ActiveRuns.DEFAULT);
      run =
          ActiveRuns.obtain(
              id, () -> newRun(id, testPlan.getConfigurationParameters()::get, progress));
      ownsRun = true;
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (!active) {
      return;
    }
    run.finish();
    Optional<Path> dir = run.settings().flatMap(ConformanceSettings::reportDir);
    RunSummary s = RunSummary.of(run);
    List<Path> written = new ArrayList<>();
    if (dir.isPresent() && SuiteRun.unwritable(dir.get()).isEmpty()) {
      try {
        written.addAll(Reports.write(s, dir.get()));
      } catch (UncheckedIOException e) {
        reportProblems.add("cannot write the reports to " + dir.get() + ": " + reason(e));
      }
    }
    summary = reportProblems.isEmpty() ? s : s.withReportProblems(reportProblems);
    if (console != null) {
      Reports.printConsole(summary, written, console);
    }
    if (ownsRun) {
      ActiveRuns.remove(run);
      run.close();
      run = null;
      ownsRun = false;
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause.getClass().getSimpleName() + " " + cause.getMessage();
  }
}
