package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleKind;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite proves itself: every mock broken in one rule fails the run, naming that rule (in the
 * documented profile for a documented rule, in the strict profile for a decided one).
 */
@Execution(ExecutionMode.CONCURRENT)
class KillMatrixTest {

  /** Few fuzzed bodies: the variants are killed by the cases, the fuzz only has to run. */
  static final int FUZZ = 3;

  static List<MockVariants.Variant> variants() {
    return MockVariants.all(SuiteRuns.CONTRACT);
  }

  @ParameterizedTest(name = "a mock that {0} fails the suite")
  @MethodSource("variants")
  void a_mock_broken_in_one_rule_fails_the_suite_naming_that_rule(MockVariants.Variant v) {
    RunSummary r = SuiteRuns.against(v.extensions().apply(SuiteRuns.KEY), v.profile(), FUZZ);
    Set<String> named = new TreeSet<>(r.failedRules());
    named.retainAll(v.mustName());
    KillMatrix.record("mock " + v.name(), v.profile(), r, v.mustName());
    assertTrue(r.failed() > 0, () -> v.name() + " survived: " + SuiteRuns.failures(r));
    assertTrue(
        !named.isEmpty(),
        () -> v.name() + " was killed by " + r.failedRules() + ", none of " + v.mustName());
    assertEquals(1, r.exitStatus(), () -> SuiteRuns.failures(r));
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
