package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.MockServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The suite against the reference mock as it is: everything passes, and it stays safe. */
class ReferenceMockProofTest {

  @ParameterizedTest(name = "{0} profile")
  @EnumSource(Profile.class)
  void the_reference_mock_passes_every_check_and_writes_only_to_the_given_assistant(
      Profile profile) {
    SuiteRuns.Recorder recorder = new SuiteRuns.Recorder();
    RunResults r;
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(recorder))) {
      r = SuiteRuns.run(SuiteRuns.settings(m.baseUrl(), profile, 20, true, Optional.empty()), null);
    }
    assertEquals(0, r.failed(), () -> failures(r));
    assertEquals(0, r.skipped(), () -> "nothing is skipped with writes allowed: " + r.checks());
    assertTrue(r.passed() > 100, r::summaryLine);
    assertEquals(0, r.exitStatus());
    for (RunResults.RuleRow row : r.rules()) {
      assertEquals(RunResults.Verdict.PASS, row.verdict(), row::toString);
    }
    assertTrue(recorder.answers.stream().anyMatch(a -> a.status() == 200));
    for (SuiteRuns.Answer a : recorder.answers) {
      if (a.status() == 200) {
        assertEquals("/assistant/update/" + SuiteRuns.ASSISTANT, a.url());
      }
    }
  }

  @Test
  void without_writes_nothing_a_conformant_server_accepts_is_sent() {
    SuiteRuns.Recorder recorder = new SuiteRuns.Recorder();
    RunResults r;
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(recorder))) {
      r =
          SuiteRuns.run(
              SuiteRuns.settings(m.baseUrl(), Profile.STRICT, 20, false, Optional.empty()), null);
    }
    assertEquals(0, r.failed(), () -> failures(r));
    assertEquals(0, r.exitStatus());
    assertTrue(r.answered() > 50, () -> "answered " + r.answered());
    assertTrue(recorder.answers.stream().noneMatch(a -> a.status() == 200), "a write got through");
    assertTrue(r.skipped() > 0);
    for (RunResults.CheckResult c : r.checks()) {
      if (c.outcome() == RunResults.Outcome.SKIPPED) {
        assertTrue(c.message().contains("--allow-writes"), c::toString);
      }
    }
    assertEquals(
        RunResults.Verdict.SKIPPED,
        r.rule("mode.llm-config-needs-realtime").orElseThrow().verdict(),
        "a state rule needs a mode switch, which is a write");
  }

  static String failures(RunResults r) {
    StringBuilder sb = new StringBuilder(r.summaryLine());
    r.checks().stream()
        .filter(c -> c.outcome() == RunResults.Outcome.FAILED)
        .forEach(c -> sb.append("\n").append(c.name()).append(": ").append(c.message()));
    return sb.toString();
  }
}
