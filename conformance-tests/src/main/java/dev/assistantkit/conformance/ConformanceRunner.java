package dev.assistantkit.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the check classes on the JUnit Platform launcher, in this JVM, with given settings; or hands
 * one run's checks to a user's test factory as dynamic tests.
 */
public final class ConformanceRunner {

  /** Runs the check classes in their declared order. */
  static final Map<String, String> JUNIT_PARAMETERS =
      Map.of(
          "junit.jupiter.testclass.order.default",
          "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");

  private ConformanceRunner() {}

  /**
   * One run of the suite as dynamic tests, for a {@code @TestFactory} in a user's build ({@code
   * Conformance.against}): the same run, plan and judging as the jar's, one test per check named by
   * its id (nested by kind, operation and rule as in the suite's own report), failing with the
   * jar's message and curl line. The run starts when JUnit reads the first test and ends when it
   * closes the stream; a run that stopped before its checks fails the factory saying why, and so
   * does one that judged nothing.
   */
  public static Stream<DynamicNode> dynamicTests(ConformanceSettings settings) {
    SuiteRun run = new SuiteRun(UUID.randomUUID().toString(), settings, null);
    return Stream.of(CheckKind.values())
        .flatMap(
            kind -> {
              List<DynamicNode> nodes = Checks.of(run, kind).toList();
              return nodes.isEmpty()
                  ? Stream.empty()
                  : Stream.<DynamicNode>of(
                      DynamicContainer.dynamicContainer(kind.wireName(), nodes.stream()));
            })
        .onClose(
            () -> {
              run.close();
              if (run.stopped().isEmpty() && RunSummary.of(run).judged() == 0) {
                throw new AssertionFailedError(
                    "no check was judged: nothing was tested (" + settings.describe() + ")");
              }
            });
  }

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
