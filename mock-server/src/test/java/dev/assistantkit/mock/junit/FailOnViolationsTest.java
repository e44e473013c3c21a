package dev.assistantkit.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.assistantkit.mock.junit.ContractMockTestExampleTest.AssistantClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code failOnViolations}: a test whose requests broke a rule fails after it ran, naming each
 * request and the rules it broke; without it, the test reads them. The sample classes are run
 * through JUnit's EngineTestKit, as a build would run them.
 */
class FailOnViolationsTest {

  static final String EXAMPLE = ContractMockTestExampleTest.EXAMPLE;

  /** Sends a wrong key, then a name of the wrong type: two requests that break rules. */
  @ContractMockTest
  @ExtendWith(SamplesOnly.class)
  static class BreaksRules {
    @Test
    void sends_two_bad_requests(ContractMockInfo mock) throws Exception {
      assertEquals(401, new AssistantClient(mock.baseUrl(), "not-the-key").rename(EXAMPLE, "x"));
      assertEquals(
          400,
          AssistantClient.send(
                  HttpRequest.newBuilder(
                          URI.create(mock.baseUrl() + "/assistant/update/" + EXAMPLE))
                      .method(
                          "PATCH", HttpRequest.BodyPublishers.ofString("{\"assistant_name\": 7}"))
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + mock.apiKey()))
              .statusCode());
    }

    @Test
    void keeps_the_contract(ContractMockInfo mock) throws Exception {
      assertEquals(200, new AssistantClient(mock.baseUrl(), mock.apiKey()).rename(EXAMPLE, "ok"));
    }
  }

  /** The same bad request, on purpose: the test reads what it broke and passes. */
  @ContractMockTest(failOnViolations = false)
  @ExtendWith(SamplesOnly.class)
  static class BreaksRulesOnPurpose {
    @Test
    void reads_the_violations(ContractMockInfo mock) throws Exception {
      assertEquals(401, new AssistantClient(mock.baseUrl(), "not-the-key").rename(EXAMPLE, "x"));
      assertEquals(
          404,
          new AssistantClient(mock.baseUrl(), mock.apiKey())
              .rename("00000000-0000-4000-8000-000000000000", "x"));
      assertEquals(List.of("auth.bearer", "assistant.exists"), mock.violations());
      assertEquals("request-broke-rules", mock.traffic().get(0).outcome());
    }

    @Test
    void a_path_of_no_operation_breaks_a_rule_and_a_forced_answer_none(ContractMockInfo mock)
        throws Exception {
      assertEquals(
          404,
          AssistantClient.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/nowhere")))
              .statusCode());
      assertEquals(
          401,
          AssistantClient.send(
                  HttpRequest.newBuilder(
                          URI.create(mock.baseUrl() + "/assistant/update/" + EXAMPLE))
                      .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                      .header("Prefer", "code=401"))
              .statusCode());
      assertEquals(List.of("route.unknown"), mock.violations());
      assertEquals(2, mock.traffic().size());
    }
  }

  /** Two tests on one mock, run in parallel by JUnit: one waits for the other to end. */
  @ContractMockTest
  @ExtendWith(SamplesOnly.class)
  static class RunInParallel {
    static final CountDownLatch FIRST_INSIDE = new CountDownLatch(1);
    static final CountDownLatch SECOND_INSIDE = new CountDownLatch(1);
    static final AtomicBoolean OVERLAPPED = new AtomicBoolean();

    @Test
    void one(ContractMockInfo mock) throws Exception {
      inside(mock);
    }

    @Test
    void two(ContractMockInfo mock) throws Exception {
      inside(mock);
    }

    /** Whichever comes first waits a while for the other to come in too: it must not. */
    private static void inside(ContractMockInfo mock) throws Exception {
      assertEquals(List.of(), mock.traffic());
      assertEquals(200, new AssistantClient(mock.baseUrl(), mock.apiKey()).rename(EXAMPLE, "p"));
      if (FIRST_INSIDE.getCount() == 1) {
        FIRST_INSIDE.countDown();
        OVERLAPPED.compareAndSet(false, SECOND_INSIDE.await(2, TimeUnit.SECONDS));
      } else {
        SECOND_INSIDE.countDown();
      }
      assertEquals(1, mock.traffic().size());
    }
  }

  private static EngineExecutionResults run(Class<?> sample) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SamplesOnly.PARAMETER, "true")
        .selectors(selectClass(sample))
        .execute();
  }

  @Test
  void a_test_that_broke_rules_fails_naming_each_request_and_rule() {
    EngineExecutionResults results = run(BreaksRules.class);
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    Event failed = results.testEvents().failed().list().get(0);
    assertEquals(
        "sends_two_bad_requests(ContractMockInfo)", failed.getTestDescriptor().getDisplayName());
    Throwable t =
        failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    String message = t.getMessage();
    assertTrue(t instanceof AssertionError, t.toString());
    assertTrue(
        message.startsWith("2 requests of this test broke rules of the contract (profile strict):"),
        message);
    assertTrue(
        message.contains("1. PATCH /assistant/update/" + EXAMPLE + " -> 401\n      auth.bearer"),
        message);
    assertTrue(
        message.contains(
            "2. PATCH /assistant/update/" + EXAMPLE + " -> 400\n      body.field-type"),
        message);
    assertTrue(message.contains("/assistant_name"), message);
    // the key sent is never repeated
    assertTrue(!message.contains("not-the-key"), message);
  }

  @Test
  void without_fail_on_violations_the_test_reads_them_and_passes() {
    run(BreaksRulesOnPurpose.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));
  }

  @Test
  void tests_sharing_a_mock_run_one_at_a_time_under_parallel_execution() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SamplesOnly.PARAMETER, "true")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
        .selectors(selectClass(RunInParallel.class))
        .execute()
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
    assertTrue(!RunInParallel.OVERLAPPED.get(), "the two tests ran at once on one mock");
  }

  @Test
  void the_samples_do_not_run_in_the_build_itself() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(BreaksRules.class)).execute();
    results.containerEvents().assertStatistics(s -> s.skipped(1));
    results.testEvents().assertStatistics(s -> s.started(0));
  }
}
