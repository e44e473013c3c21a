package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A run that judged nothing is never a pass: not for the jar (exit 2, "0 passed, 0 failed") and not
 * under JUnit (Surefire, an IDE), where every check skipped would otherwise read as a green build.
 * The document here has one operation, a POST without a body or parameters: without --allow-writes
 * its only request is not sent, so nothing is judged.
 */
class NothingJudgedTest {

  static final String WRITES_ONLY =
      """
      openapi: 3.0.3
      info: {title: writes only, version: "1"}
      paths:
        /jobs:
          post:
            operationId: startJob
            responses:
              '200':
                description: started
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        id: {type: string}
      """;

  @Test
  void the_jar_exits_2_when_no_check_was_judged(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("writes-only.yaml"), WRITES_ONLY);
    try (MockServer m =
        MockServer.start(
            MockConfig.defaults().withSpec(spec).withApiKeys(List.of(SuiteRuns.KEY)))) {
      ConformanceMainTest.Outcome o =
          ConformanceMainTest.main(
              "--spec",
              spec.toString(),
              "--base-url",
              m.baseUrl(),
              "--api-key",
              SuiteRuns.KEY,
              "--rate",
              "0",
              "--progress",
              "0");
      assertEquals(2, o.status(), o::out);
      assertTrue(o.lastLine().startsWith("0 passed, 0 failed"), o::out);
      assertTrue(o.out().contains("No check was judged: nothing was tested."), o::out);
    }
  }

  @Test
  void under_junit_a_run_that_judged_nothing_fails_its_closing_test(@TempDir Path dir)
      throws Exception {
    Path spec = Files.writeString(dir.resolve("writes-only.yaml"), WRITES_ONLY);
    try (MockServer m =
        MockServer.start(
            MockConfig.defaults().withSpec(spec).withApiKeys(List.of(SuiteRuns.KEY)))) {
      ConformanceSettings settings =
          ConformanceSettings.remote(m.baseUrl(), SuiteRuns.KEY, SuiteRuns.ASSISTANT)
              .withSpec(spec)
              .withAllowWrites(false)
              .withFuzz(0)
              .withRate(0)
              .withProgress(java.time.Duration.ZERO);
      TestExecutionSummary s = underJUnit(settings);
      assertEquals(1, s.getTotalFailureCount(), () -> failures(s));
      String failure = s.getFailures().get(0).getTestIdentifier().getDisplayName();
      assertEquals(Checks.SOMETHING_JUDGED, failure);
      assertTrue(
          s.getFailures().get(0).getException().getMessage().contains("no check was judged"),
          () -> failures(s));

      // the same run with its request sent judges it, and the closing test passes
      TestExecutionSummary sent = underJUnit(settings.withAllowWrites(true));
      assertEquals(0, sent.getTotalFailureCount(), () -> failures(sent));
      assertTrue(sent.getTestsSucceededCount() >= 2, () -> failures(sent));
    }
  }

  /** The check classes under a JUnit launcher, as Surefire runs ConformanceSuiteTest. */
  static TestExecutionSummary underJUnit(ConformanceSettings settings) {
    SuiteRun run = new SuiteRun(UUID.randomUUID().toString(), settings, null);
    ActiveRuns.register(run);
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(ConformanceSuite.CHECK_CLASSES.stream().map(c -> selectClass(c)).toList())
              .configurationParameters(ConformanceRunner.JUNIT_PARAMETERS)
              .configurationParameter(ActiveRuns.RUN_ID, run.id())
              .build();
      Launcher launcher =
          LauncherFactory.create(
              LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
      SummaryGeneratingListener summary = new SummaryGeneratingListener();
      launcher.execute(request, new ReportListener(run, null, null), summary);
      return summary.getSummary();
    } finally {
      ActiveRuns.remove(run);
      run.close();
    }
  }

  static String failures(TestExecutionSummary s) {
    StringBuilder out = new StringBuilder();
    s.getFailures()
        .forEach(
            f ->
                out.append(f.getTestIdentifier().getDisplayName())
                    .append(": ")
                    .append(f.getException())
                    .append('\n'));
    return out.toString();
  }
}
