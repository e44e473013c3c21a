package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.assistantkit.conformance.junit.Conformance;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockServer;
import dev.assistantkit.testsupport.ReservedPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code Conformance.against(baseUrl)...dynamicTests()}: the suite's run as a user's test factory.
 * One test per check, named by its id; the same checks and outcomes as the jar's run with the same
 * options; a failure's message is the jar's console text for that check, curl line included.
 */
class ConformanceAgainstTest {

  private static final int FUZZ = 3;

  /** Where the sample's factory points; set by the test that runs it. */
  private static volatile String target;

  /** A user's test class: run through JUnit's EngineTestKit, as a build would run it. */
  static class Sample {
    @TestFactory
    Stream<DynamicNode> the_server_follows_the_contract() {
      Assumptions.assumeTrue(target != null, "a sample, run by ConformanceAgainstTest");
      return Conformance.against(target)
          .apiKey(SuiteRuns.KEY)
          .assistantId(SuiteRuns.ASSISTANT)
          .allowWrites()
          .fuzz(FUZZ)
          // guards against a hang only, as in SuiteRuns: a loaded machine may answer late
          .timeouts(Duration.ofSeconds(60), Duration.ofSeconds(120))
          .dynamicTests();
    }
  }

  /** Each finished test: its display name and its result. */
  private static Map<String, TestExecutionResult> runSample(String baseUrl) {
    target = baseUrl;
    try {
      Events tests =
          EngineTestKit.engine("junit-jupiter")
              .selectors(selectClass(Sample.class))
              .execute()
              .testEvents();
      Map<String, TestExecutionResult> out = new LinkedHashMap<>();
      for (Event e : tests.finished().list()) {
        out.put(
            e.getTestDescriptor().getDisplayName(),
            e.getPayload(TestExecutionResult.class).orElseThrow());
      }
      for (Event e : tests.skipped().list()) {
        out.put(e.getTestDescriptor().getDisplayName(), null);
      }
      return out;
    } finally {
      target = null;
    }
  }

  /** The jar's run with the same options, against a fresh mock. */
  private static RunSummary jarRun(List<com.github.tomakehurst.wiremock.extension.Extension> ext) {
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, ext)) {
      return SuiteRuns.run(SuiteRuns.settings(m.baseUrl(), Profile.DOCUMENTED, FUZZ), null);
    }
  }

  @Test
  void against_a_conformant_server_every_check_is_a_passing_test_named_by_its_id() {
    Map<String, TestExecutionResult> tests;
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, List.of())) {
      tests = runSample(m.baseUrl());
    }
    RunSummary jar = jarRun(List.of());
    assertEquals(jar.results().stream().map(CheckResult::id).toList(), List.copyOf(tests.keySet()));
    assertTrue(tests.size() > 100, "checks: " + tests.size());
    assertEquals(0, jar.failed());
    tests.forEach(
        (id, r) ->
            assertTrue(
                r.getStatus() != TestExecutionResult.Status.FAILED,
                () -> id + " " + r.getThrowable()));
  }

  @Test
  void a_broken_server_fails_the_checks_the_jar_fails_with_the_jars_message_and_curl_line() {
    MockVariants.Variant broken = ConformanceMainTest.variant("answers 200 as text/plain");
    Map<String, TestExecutionResult> tests;
    String url;
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, broken.extensions().apply(SuiteRuns.KEY))) {
      url = m.baseUrl();
      tests = runSample(url);
    }
    RunSummary jar = jarRun(broken.extensions().apply(SuiteRuns.KEY));
    List<CheckResult> failed =
        jar.results().stream().filter(c -> c.outcome() == Outcome.FAIL).toList();
    assertFalse(failed.isEmpty());
    for (CheckResult f : failed) {
      TestExecutionResult r = tests.get(f.id());
      assertEquals(TestExecutionResult.Status.FAILED, r.getStatus(), f.id());
      String message = r.getThrowable().orElseThrow().getMessage();
      assertTrue(message.contains("response.json"), message);
      assertTrue(message.contains("curl -sS -i -X 'PATCH'"), message);
      assertFalse(message.contains(SuiteRuns.KEY), "the key is never shown");
      // the jar's console text for the check, but for the server's address
      assertEquals(
          Reports.failure(f).replaceAll("127\\.0\\.0\\.1:\\d+", "HOST"),
          message.replaceAll("127\\.0\\.0\\.1:\\d+", "HOST"));
    }
    assertEquals(
        failed.size(),
        tests.values().stream()
            .filter(r -> r != null && r.getStatus() == TestExecutionResult.Status.FAILED)
            .count());
  }

  @Test
  void a_server_that_does_not_answer_fails_the_factory_saying_why() {
    Throwable thrown;
    try (ReservedPort nothing = ReservedPort.refusing()) {
      target = nothing.baseUrl();
      try {
        Events containers =
            EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Sample.class))
                .execute()
                .containerEvents();
        thrown =
            containers.failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
      } finally {
        target = null;
      }
    }
    assertTrue(
        thrown.getMessage().startsWith("the run stopped before its checks: "), thrown::toString);
  }

  @Test
  void options_are_checked_as_the_jar_checks_its_flags() {
    IllegalArgumentException noUrl =
        assertThrows(IllegalArgumentException.class, () -> Conformance.against(" "));
    assertTrue(noUrl.getMessage().contains("base URL"), noUrl::getMessage);
    IllegalArgumentException ftp =
        assertThrows(
            IllegalArgumentException.class,
            () -> Conformance.against("ftp://x").apiKey("k").dynamicTests());
    assertTrue(ftp.getMessage().contains("http(s)"), ftp::getMessage);
    IllegalArgumentException noId =
        assertThrows(
            IllegalArgumentException.class,
            () -> Conformance.against("http://127.0.0.1:1").apiKey("k").dynamicTests());
    assertTrue(noId.getMessage().contains("--assistant-id"), noId::getMessage);
    assertFalse(Conformance.against("http://x").apiKey("sekrit-key").toString().contains("sekrit"));
  }

  @Test
  void the_options_are_the_jars_flags_with_its_defaults_but_no_rate_limit() {
    ConformanceSettings s =
        Conformance.against("http://127.0.0.1:1")
            .apiKey("k3y-4-tests")
            .assistantId(SuiteRuns.ASSISTANT)
            .profile("strict")
            .pathParam("a", "1,2")
            .settings();
    assertEquals(0, s.rate());
    assertFalse(s.allowWrites());
    assertEquals(Profile.STRICT, s.profile());
    assertEquals(Map.of("a", "1,2"), s.pathParams());
    assertEquals(ConformanceSettings.DEFAULT_FUZZ, s.fuzz());
    assertEquals(Duration.ofSeconds(ConformanceSettings.DEFAULT_TIMEOUT_SECONDS), s.timeout());
    ConformanceSettings more =
        Conformance.against("http://127.0.0.1:1")
            .apiKey("k3y-4-tests")
            .assistantId(SuiteRuns.ASSISTANT)
            .allowWrites()
            .rate(10)
            .fuzz(7)
            .spec(Path.of("x.yaml"))
            .settings();
    assertTrue(more.allowWrites());
    assertEquals(10, more.rate());
    assertEquals(7, more.fuzz());
    assertEquals(Optional.of(Path.of("x.yaml")), more.spec());
  }
}
