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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The validating proxy in front of a deployment: the suite's whole run through it against the
 * reference mock records no violation, and its HAR judged with --har neither. (Every broken mock of
 * the kill matrix runs behind the proxy too: {@link KillMatrixTest}.)
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
}
