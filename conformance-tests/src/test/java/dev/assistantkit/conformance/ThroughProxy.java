package dev.assistantkit.conformance;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The suite through the mock's validating proxy, and the two verdicts of that traffic: the proxy's
 * own views (live) and the suite's {@code --har} on the proxy's recording.
 */
final class ThroughProxy {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ThroughProxy() {}

  /** A validating proxy in front of an upstream, judging in a profile, given the suite's key. */
  static MockServer proxyTo(MockServer upstream, Profile profile) {
    return MockServer.start(
        MockConfig.defaults()
            .withProfile(profile)
            .withProxy(
                new MockConfig.Proxy(
                    URI.create(upstream.baseUrl()),
                    // a guard against a hang only: every upstream here answers, however slowly
                    Duration.ofSeconds(60),
                    List.of(SuiteRuns.KEY))));
  }

  static String get(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The proxy's traffic view. */
  static JsonNode traffic(MockServer proxy) {
    return SpecBodies.JSON.readTree(get(proxy.baseUrl() + "/__mock/traffic"));
  }

  /** The rules the proxy's view counts failures of (under its profile). */
  static Set<String> failedLive(JsonNode traffic) {
    Set<String> out = new TreeSet<>();
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

  /**
   * The proxy's recording, judged by the suite's {@code --har} in a profile.
   *
   * @return the rules its report fails, and the outcome of the command
   */
  static Recorded judgeRecording(MockServer proxy, Profile profile, Path dir) {
    return judgeRecording(proxy, profile, dir, null);
  }

  /** The proxy's recording judged by {@code --har} against another document ({@code --spec}). */
  static Recorded judgeRecording(MockServer proxy, Profile profile, Path dir, Path spec) {
    try {
      Path har = dir.resolve("proxy.har");
      Files.writeString(har, get(proxy.baseUrl() + "/__mock/traffic.har"));
      Path reports = dir.resolve("reports");
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "--har",
                  har.toString(),
                  "--profile",
                  profile.wireName(),
                  "--progress",
                  "0",
                  "--report-dir",
                  reports.toString()));
      if (spec != null) {
        args.addAll(List.of("--spec", spec.toString()));
      }
      ConformanceMainTest.Outcome o = ConformanceMainTest.main(args.toArray(String[]::new));
      return new Recorded(
          o, new TreeSet<>(RecordedTrafficTest.failedRules(RecordedTrafficTest.report(reports))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A recording judged.
   *
   * @param outcome the command's status and output
   * @param failed the rules its report fails
   */
  record Recorded(ConformanceMainTest.Outcome outcome, Set<String> failed) {}
}
