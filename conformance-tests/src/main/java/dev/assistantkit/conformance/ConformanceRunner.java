package dev.assistantkit.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.Map;
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
   * @param settings every conformance parameter is passed explicitly, so none falls back to a
   *     system property
   * @param console where the rule table and the closing line go; null for none
   */
  public static RunResults run(ConformanceSettings settings, PrintStream console) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(ConformanceSuite.CHECK_CLASSES.stream().map(c -> selectClass(c)).toList())
            .configurationParameters(JUNIT_PARAMETERS)
            .configurationParameters(settings.toParameters())
            .build();
    // explicit listeners only: the service-loaded ReportListener would report twice
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    ReportListener listener = new ReportListener(console);
    launcher.execute(request, listener);
    return listener
        .results()
        .orElseThrow(() -> new IllegalStateException("the launcher ran no conformance checks"));
  }
}
