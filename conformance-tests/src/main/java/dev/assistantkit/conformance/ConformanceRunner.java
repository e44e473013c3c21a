package dev.assistantkit.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the check classes on the JUnit Platform launcher, in this JVM, with given settings. */
public final class ConformanceRunner {

  /** Runs the check classes in their declared order. */
  static final Map<String, String> JUNIT_PARAMETERS =
      Map.of(
          "junit.jupiter.testclass.order.default",
          "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");

  private ConformanceRunner() {}

  /**
   * Runs the suite once.
   *
   * @param settings the run's settings, parsed once by the caller
   * @param console where the rule table and the closing line go; null for none
   * @param progress where progress lines go; null for none
   */
  public static RunSummary run(
      ConformanceSettings settings, PrintStream console, PrintStream progress) {
    SuiteRun run = new SuiteRun(UUID.randomUUID().toString(), settings, progress);
    ActiveRuns.register(run);
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(ConformanceSuite.CHECK_CLASSES.stream().map(c -> selectClass(c)).toList())
              .configurationParameters(JUNIT_PARAMETERS)
              .configurationParameter(ActiveRuns.RUN_ID, run.id())
              .build();
      // explicit listeners only: the service-loaded ReportListener would report twice
      Launcher launcher =
          LauncherFactory.create(
              LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
      ReportListener listener = new ReportListener(run, console, progress);
      launcher.execute(request, listener);
      return listener
          .summary()
          .orElseThrow(() -> new IllegalStateException("the launcher ran no conformance checks"));
    } finally {
      ActiveRuns.remove(run);
      run.close();
    }
  }
}
