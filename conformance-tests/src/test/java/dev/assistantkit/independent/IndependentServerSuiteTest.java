package dev.assistantkit.independent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.conformance.IndependentRuns;
import dev.assistantkit.conformance.ReportConsistency;
import dev.assistantkit.conformance.RunSummary;
import dev.assistantkit.contract.rules.Profile;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The suite against a second implementation of the page, written from the page alone and lenient
 * where it is silent: conformant, it passes the documented profile with no failure; broken in one
 * sentence, it fails it, naming one of the rules of that sentence.
 */
@Execution(ExecutionMode.CONCURRENT)
class IndependentServerSuiteTest {

  @Test
  void the_conformant_independent_server_passes_the_documented_profile_with_0_failures() {
    RunSummary r = IndependentRuns.run(Variant.CONFORMANT, Profile.DOCUMENTED);
    assertEquals(0, r.failed(), () -> IndependentRuns.failures(r));
    assertEquals(0, r.exitStatus(), () -> IndependentRuns.failures(r));
    ReportConsistency.check(r);
    assertTrue(r.passed() > 0 && r.advice() > 0, r::summaryLine);
    assertEquals(
        0, r.skipped(), () -> "with writes allowed nothing is skipped: " + r.summaryLine());
    IndependentRuns.record(Variant.CONFORMANT, r);
  }

  @Test
  void strict_without_the_error_shape_names_only_this_projects_status_decisions() {
    RunSummary r =
        IndependentRuns.run(Variant.CONFORMANT, Profile.STRICT, s -> s.withIgnoreErrorShape(true));
    assertEquals(1, r.exitStatus(), r::summaryLine);
    assertTrue(
        !r.failedRules().contains("response.error-body"),
        () -> "the error shape is left out: " + r.failedRules());
    assertTrue(
        r.results().stream()
            .flatMap(c -> c.failures().stream())
            .allMatch(f -> f.origin() == dev.assistantkit.contract.rules.Origin.DECIDED),
        () -> "the conformant server breaks only decided rules: " + r.failedRules());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.EXCLUDE, names = "CONFORMANT")
  void each_variant_fails_the_documented_profile_naming_one_of_its_rules(Variant v) {
    RunSummary r = IndependentRuns.run(v, Profile.DOCUMENTED);
    IndependentRuns.record(v, r);
    ReportConsistency.check(r);
    Set<String> named = new TreeSet<>(r.failedRules());
    named.retainAll(v.rules());
    assertEquals(1, r.exitStatus(), () -> v + ": " + IndependentRuns.failures(r));
    assertTrue(
        !named.isEmpty(),
        () -> v + " was failed for " + r.failedRules() + ", none of " + v.rules());
  }

  @AfterAll
  static void printKillMatrix() {
    IndependentRuns.print();
  }
}
