package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The validating proxy in front of a deployment: the suite's whole run through it against the
 * reference mock records no violation; in front of a broken mock, the break is recorded under its
 * rule, and the proxy's HAR judged with --har names the same rule as the suite's own run.
 */
class ProxyRunTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static MockServer proxyTo(MockServer upstream) {
    return MockServer.start(
        MockConfig.defaults()
            .withProxy(
                new MockConfig.Proxy(URI.create(upstream.baseUrl()), Duration.ofSeconds(10))));
  }

  private static String get(String url) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The rules the proxy recorded as broken by the answers (failures under its profile). */
  private static Set<String> brokenByAnswers(JsonNode traffic) {
    Set<String> out = new HashSet<>();
    traffic
        .path("rules")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("failures").asInt() > 0) {
                out.add(e.getKey());
              }
            });
    return out;
  }

  @Test
  void the_suite_through_the_proxy_against_the_mock_records_no_violation(@TempDir Path dir)
      throws Exception {
    try (MockServer upstream = SuiteRuns.mock(SuiteRuns.KEY, List.of());
        MockServer proxy = proxyTo(upstream)) {
      RunSummary direct =
          SuiteRuns.run(SuiteRuns.settings(proxy.baseUrl(), Profile.DOCUMENTED, 10), null);
      assertEquals(0, direct.failed(), () -> SuiteRuns.failures(direct));
      JsonNode traffic = SpecBodies.JSON.readTree(get(proxy.baseUrl() + "/__mock/traffic"));
      assertTrue(traffic.path("exchanges").size() > 100, "the run went through the proxy");
      assertEquals(Set.of(), brokenByAnswers(traffic), traffic.path("rules")::toString);
      Path har = dir.resolve("proxy.har");
      Files.writeString(har, get(proxy.baseUrl() + "/__mock/traffic.har"));
      var judged = RecordedTrafficTest.judge(dir.resolve("reports"), har.toString());
      assertEquals(0, judged.status(), judged::out);
      String all = Files.readString(har) + judged.out();
      assertFalse(all.contains(SuiteRuns.KEY), "the key leaked into the HAR or the report");
    }
  }

  static Stream<MockVariants.Variant> variants() {
    // one of each kind of break: credentials, a schema rule, a state rule, the answer's shape
    Set<String> picked =
        Set.of(
            "accepts any token starting with the key",
            "skips the validation of tts.pair",
            "accepts a null assistant_llm_config on a realtime switch",
            "answers 201 instead of 200",
            "omits data.assistant_id");
    return MockVariants.all(SuiteRuns.CONTRACT).stream().filter(v -> picked.contains(v.name()));
  }

  @ParameterizedTest(name = "behind the proxy, a mock that {0}")
  @MethodSource("variants")
  void a_broken_upstreams_break_is_recorded_under_its_rule_and_the_har_agrees(
      MockVariants.Variant v, @TempDir Path dir) throws Exception {
    try (MockServer upstream = SuiteRuns.mock(SuiteRuns.KEY, v.extensions().apply(SuiteRuns.KEY));
        MockServer proxy = proxyTo(upstream)) {
      RunSummary run = SuiteRuns.run(SuiteRuns.settings(proxy.baseUrl(), v.profile(), 5), null);
      assertTrue(run.failed() > 0, () -> v.name() + " survived the suite through the proxy");
      Set<String> suiteRules = run.failedRules();
      assertTrue(
          suiteRules.stream().anyMatch(v.mustName()::contains),
          () -> v.name() + ": the suite named " + suiteRules);
      JsonNode traffic = SpecBodies.JSON.readTree(get(proxy.baseUrl() + "/__mock/traffic"));
      Set<String> proxyRules = brokenByAnswers(traffic);
      assertTrue(
          proxyRules.stream().anyMatch(v.mustName()::contains),
          () -> v.name() + ": the proxy recorded " + proxyRules + ", the suite " + suiteRules);
      Path har = dir.resolve("proxy.har");
      Files.writeString(har, get(proxy.baseUrl() + "/__mock/traffic.har"));
      var judged =
          ConformanceMainTest.main(
              "--har",
              har.toString(),
              "--profile",
              v.profile().wireName(),
              "--progress",
              "0",
              "--report-dir",
              dir.resolve("reports").toString());
      assertEquals(1, judged.status(), judged::out);
      List<String> harRules =
          RecordedTrafficTest.failedRules(RecordedTrafficTest.report(dir.resolve("reports")));
      assertTrue(
          harRules.stream().anyMatch(v.mustName()::contains),
          () -> v.name() + ": the HAR's report named " + harRules + ", the suite " + suiteRules);
    }
  }
}
