package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kill matrix's plain-document section: a mock serving a corpus document, broken in one of its
 * keywords (or accepting any API key), fails the suite run with --spec in the documented profile,
 * named under the derived rule (or the credentials rule).
 */
@Execution(ExecutionMode.CONCURRENT)
class PlainKillMatrixTest {

  static List<PlainVariants.Variant> variants() {
    return PlainVariants.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void each_broken_mock_of_a_document_is_killed_under_its_rule(PlainVariants.Variant v) {
    Contract contract = Contract.fromFile(v.spec());
    assertTrue(
        contract.rule(v.mustName()).isPresent()
            || contract.operations().stream()
                .anyMatch(o -> o.rules().all().stream().anyMatch(r -> r.id().equals(v.mustName())))
            || v.mustName().equals("request.credentials"),
        () -> v + ": the document has no rule " + v.mustName());
    try (MockServer m =
        MockServer.start(
            MockConfig.defaults().withSpec(v.spec()).withApiKeys(List.of(SuiteRuns.KEY)),
            contract,
            v.extensions()
                .apply(contract, SuiteRuns.KEY)
                .toArray(com.github.tomakehurst.wiremock.extension.Extension[]::new))) {
      ConformanceSettings s =
          ConformanceSettings.remote(m.baseUrl(), SuiteRuns.KEY, SuiteRuns.ASSISTANT)
              .withSpec(v.spec())
              .withAllowWrites(true)
              .withFuzz(0)
              .withRate(0)
              .withProgress(Duration.ZERO);
      RunSummary r = SuiteRuns.run(s, null);
      KillMatrix.record("plain " + v, Profile.DOCUMENTED, r, Set.of(v.mustName()));
      assertTrue(r.failed() > 0, () -> v + " survived: " + SuiteRuns.failures(r));
      assertTrue(
          r.failedRules().contains(v.mustName()),
          () -> v + " was killed by " + r.failedRules() + ", not " + v.mustName());
      assertEquals(1, r.exitStatus(), () -> SuiteRuns.failures(r));
    }
  }

  @AfterAll
  static void printKillMatrix() {
    KillMatrix.print();
  }
}
