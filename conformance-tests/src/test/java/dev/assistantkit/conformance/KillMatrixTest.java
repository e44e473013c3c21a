package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Rule;
import dev.assistantkit.contract.RuleKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite proves itself: every mock broken in one rule fails the run, naming that rule (in the
 * documented profile for a documented rule, in the strict profile for a decided one).
 */
class KillMatrixTest {

  /** Few fuzzed bodies: the variants are killed by the cases, the fuzz only has to run. */
  private static final int FUZZ = 5;

  private static final Contract CONTRACT = Contracts.shared();
  private static final Map<String, String> MATRIX = new LinkedHashMap<>();

  static List<MockVariants.Variant> variants() {
    return MockVariants.all(CONTRACT);
  }

  @ParameterizedTest(name = "a mock that {0} fails the suite")
  @MethodSource("variants")
  void a_mock_broken_in_one_rule_fails_the_suite_naming_that_rule(MockVariants.Variant v) {
    RunResults r = SuiteRuns.against(v.extensions().apply(SuiteRuns.KEY), v.profile(), FUZZ);
    boolean killed = r.failed() > 0 && r.failedRules().containsAll(v.mustName());
    MATRIX.put(
        v.name(),
        (killed ? "killed  " : "SURVIVED")
            + " | "
            + v.profile().wireName()
            + " | "
            + r.failed()
            + " failed | by "
            + String.join(", ", r.failedRules()));
    assertTrue(r.failed() > 0, () -> v.name() + " survived: " + r.summaryLine());
    assertTrue(
        r.failedRules().containsAll(v.mustName()),
        () -> v.name() + " was killed by " + r.failedRules() + ", not by " + v.mustName());
    assertEquals(1, r.exitStatus());
  }

  @Test
  void every_schema_rule_answering_400_has_a_variant_that_skips_it() {
    List<String> names = variants().stream().map(MockVariants.Variant::name).toList();
    for (Rule rule : CONTRACT.rules().all()) {
      if (rule.kind() == RuleKind.SCHEMA && rule.status() == 400) {
        assertTrue(names.contains("skips the validation of " + rule.id()), rule.id());
      }
    }
  }

  @Test
  void a_broken_decided_rule_is_advice_not_a_failure_in_the_documented_profile() {
    RunResults r =
        SuiteRuns.against(
            List.of(MockVariants.skipValidation(CONTRACT, "body.unknown-field")),
            Profile.DOCUMENTED,
            FUZZ);
    assertEquals(0, r.failed(), r::summaryLine);
    assertEquals(0, r.exitStatus());
    assertEquals(RunResults.Verdict.ADVICE, r.rule("body.unknown-field").orElseThrow().verdict());
    assertTrue(r.count(RunResults.Outcome.ADVICE) > 0);
  }

  @AfterAll
  static void printKillMatrix() {
    StringBuilder sb = new StringBuilder("\nKill matrix (variant -> verdict | profile | rules)\n");
    MATRIX.forEach((k, v) -> sb.append(String.format("  %-60s %s%n", k, v)));
    System.out.println(sb);
  }
}
