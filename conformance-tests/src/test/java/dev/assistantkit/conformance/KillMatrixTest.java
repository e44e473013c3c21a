package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleKind;
import dev.assistantkit.mock.MockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite proves itself: every mock broken in one rule fails the run, naming that rule (in the
 * documented profile for a documented rule, in the strict profile for a decided one), and every
 * mock that answers otherwise where the page is silent passes documented, with advice naming the
 * decided rule. Each runs behind the validating proxy: its live views and the suite's --har on its
 * recording fail the same rules.
 */
@Execution(ExecutionMode.CONCURRENT)
class KillMatrixTest {

  /** Few fuzzed bodies: the variants are killed by the cases, the fuzz only has to run. */
  static final int FUZZ = 3;

  /**
   * Broken mocks whose break the traffic alone cannot show under their rule, and why: the proxy's
   * judge (and --har) still judge their traffic alike, but need not name the broken rule.
   */
  static final Map<String, String> UNSEEN_IN_TRAFFIC =
      Map.of(
          "answers 200 for unknown ids",
          "a judge of traffic learns which ids exist from the answers: a 200 says the id exists",
          "answers 500 for malformed JSON",
          "a request body that is not JSON is withheld from the recording (a secret in it could"
              + " not be masked), so its exchange is not judged",
          "rejects speaks_first in realtime mode",
          "only the suite knows it sent the request to prove interaction.speaks-first; the traffic"
              + " judge holds the rejection against the rule the server's error names");

  static List<MockVariants.Variant> variants() {
    return MockVariants.all(SuiteRuns.CONTRACT);
  }

  @ParameterizedTest(name = "a mock that {0}, behind the proxy")
  @MethodSource("variants")
  void each_mock_is_judged_under_its_rule_and_alike_live_and_recorded(
      MockVariants.Variant v, @TempDir Path dir) {
    try (MockServer upstream = SuiteRuns.mock(SuiteRuns.KEY, v.extensions().apply(SuiteRuns.KEY));
        MockServer proxy = ThroughProxy.proxyTo(upstream, v.profile())) {
      RunSummary r = SuiteRuns.run(SuiteRuns.settings(proxy.baseUrl(), v.profile(), FUZZ), null);
      KillMatrix.record(
          "mock " + v.name(), v.profile(), r, v.followsPage() ? Set.of() : v.mustName());
      ReportConsistency.check(r);
      if (v.followsPage()) {
        assertEquals(0, r.failed(), () -> v.name() + " follows the page: " + SuiteRuns.failures(r));
        assertEquals(0, r.exitStatus(), () -> SuiteRuns.failures(r));
        assertTrue(
            v.mustName().stream()
                .allMatch(
                    id ->
                        r.rule(id).map(RunSummary.RuleRow::verdict).orElse(null)
                            == RunSummary.RuleVerdict.ADVICE),
            () -> v.name() + ": advice should name " + v.mustName() + ": " + r.adviceLine());
      } else {
        Set<String> named = new TreeSet<>(r.failedRules());
        named.retainAll(v.mustName());
        assertTrue(r.failed() > 0, () -> v.name() + " survived: " + SuiteRuns.failures(r));
        assertTrue(
            !named.isEmpty(),
            () -> v.name() + " was killed by " + r.failedRules() + ", none of " + v.mustName());
        assertEquals(1, r.exitStatus(), () -> SuiteRuns.failures(r));
      }
      Set<String> live = ThroughProxy.failedLive(ThroughProxy.traffic(proxy));
      ThroughProxy.Recorded recorded = ThroughProxy.judgeRecording(proxy, v.profile(), dir);
      assertEquals(live, recorded.failed(), () -> v.name() + ": live vs --har");
      assertEquals(live.isEmpty() ? 0 : 1, recorded.outcome().status(), recorded.outcome()::out);
      if (!v.followsPage() && !UNSEEN_IN_TRAFFIC.containsKey(v.name())) {
        assertTrue(
            live.stream().anyMatch(v.mustName()::contains),
            () -> v.name() + ": the proxy failed " + live + ", the suite " + r.failedRules());
      }
    }
  }

  @Test
  void every_schema_and_state_rule_answering_400_has_a_variant_that_skips_it() {
    List<String> names = variants().stream().map(MockVariants.Variant::name).toList();
    for (Rule rule : SuiteRuns.CONTRACT.operations().get(0).rules().all()) {
      if ((rule.kind() == RuleKind.SCHEMA || rule.kind() == RuleKind.STATE)
          && rule.status() == 400) {
        assertTrue(names.contains("skips the validation of " + rule.id()), rule.id());
      }
    }
  }

  @Test
  void a_broken_decided_rule_is_advice_not_a_failure_in_the_documented_profile() {
    RunSummary r =
        SuiteRuns.against(
            List.of(MockVariants.skipValidation(SuiteRuns.CONTRACT, "body.unknown-field")),
            Profile.DOCUMENTED,
            FUZZ);
    assertEquals(0, r.failed(), () -> SuiteRuns.failures(r));
    assertEquals(0, r.exitStatus());
    assertEquals(
        RunSummary.RuleVerdict.ADVICE, r.rule("body.unknown-field").orElseThrow().verdict());
    assertTrue(r.advice() > 0);
    assertTrue(r.adviceLine().orElseThrow().contains("body.unknown-field"));
  }

  @AfterAll
  static void printKillMatrix() {
    KillMatrix.print();
  }
}
