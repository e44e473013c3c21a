package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockServer;
import java.util.List;
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
    RunSummary r;
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(recorder))) {
      r = SuiteRuns.run(SuiteRuns.settings(m.baseUrl(), profile, 20), null);
    }
    assertEquals(0, r.failed(), () -> SuiteRuns.failures(r));
    assertEquals(0, r.advice(), () -> "the mock keeps every decision too: " + r.adviceLine());
    assertEquals(0, r.exitStatus(), () -> SuiteRuns.failures(r));
    assertTrue(r.passed() > 100, r::summaryLine);
    for (RunSummary.RuleRow row : r.rules()) {
      assertTrue(
          row.verdict() == RunSummary.RuleVerdict.PASS, () -> row + " in " + r.summaryLine());
    }
    assertTrue(recorder.answers.stream().anyMatch(a -> a.status() == 200));
    for (SuiteRuns.Answer a : recorder.answers) {
      if (a.status() == 200) {
        assertEquals("/assistant/update/" + SuiteRuns.ASSISTANT, a.url());
      }
    }
  }

  @Test
  void without_writes_nothing_a_conformant_server_may_accept_is_sent() {
    SuiteRuns.Recorder recorder = new SuiteRuns.Recorder();
    RunSummary r;
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of(recorder))) {
      r =
          SuiteRuns.run(
              SuiteRuns.settings(m.baseUrl(), Profile.STRICT, 20).withAllowWrites(false), null);
    }
    assertEquals(0, r.failed(), () -> SuiteRuns.failures(r));
    assertEquals(0, r.exitStatus());
    assertTrue(r.requestsAnswered() > 50, () -> "answered " + r.requestsAnswered());
    assertTrue(
        recorder.answers.stream().noneMatch(a -> a.status() / 100 == 2), "a write got through");
    assertTrue(r.skipped() > 0);
    for (CheckResult c : r.results()) {
      if (c.outcome() == Outcome.SKIP) {
        assertTrue(c.reason().contains("--allow-writes"), c::toString);
      }
    }
  }
}
