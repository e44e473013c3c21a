package dev.assistantkit.conformance;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts a reference mock (broken or not) and runs the suite against it, in this JVM. */
final class SuiteRuns {

  /** The key the proof mocks accept. */
  static final String KEY = "proof-key-4c1f9a27";

  /** The assistant of the page's examples, which the mock seeds. */
  static final String ASSISTANT = "550e8400-e29b-41d4-a716-446655440000";

  static final Contract CONTRACT = Contract.load();

  private SuiteRuns() {}

  /**
   * Settings for a run against a base URL with writes allowed, no rate limit, no progress. The
   * request timeouts are guards against a hang only (a minute idle, two in all): every server these
   * runs face answers, and three requests a loaded machine answers late would stop a run as a
   * server that stopped answering.
   */
  static ConformanceSettings settings(String baseUrl, Profile profile, int fuzz) {
    return ConformanceSettings.remote(baseUrl, KEY, ASSISTANT)
        .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(120))
        .withAllowWrites(true)
        .withProfile(profile)
        .withFuzz(fuzz)
        .withRate(0)
        .withProgress(Duration.ZERO);
  }

  static MockServer mock(String key, List<Extension> extensions) {
    return MockServer.start(
        MockConfig.defaults().withApiKeys(List.of(key)), extensions.toArray(Extension[]::new));
  }

  /** Runs the suite with writes allowed against a mock with these extensions. */
  static RunSummary against(List<Extension> extensions, Profile profile, int fuzz) {
    try (MockServer m = mock(KEY, extensions)) {
      return run(settings(m.baseUrl(), profile, fuzz), null);
    }
  }

  static RunSummary run(ConformanceSettings settings, PrintStream console) {
    return ConformanceRunner.run(settings, console, null);
  }

  /** What the mock answered, as seen after every other extension. */
  record Answer(String method, String url, int status) {}

  /** A response transformer that only records the answers. */
  static final class Recorder implements ResponseTransformerV2 {
    final List<Answer> answers = new CopyOnWriteArrayList<>();

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      answers.add(
          new Answer(
              serveEvent.getRequest().getMethod().getName(),
              serveEvent.getRequest().getUrl(),
              response.getStatus()));
      return response;
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "proof-recorder";
    }
  }

  /** The failures of a run, for an assertion message. */
  static String failures(RunSummary r) {
    StringBuilder sb = new StringBuilder(r.summaryLine());
    r.stopped().ifPresent(s -> sb.append("\nstopped: ").append(s));
    r.results().stream()
        .filter(c -> c.outcome() == Outcome.FAIL)
        .limit(30)
        .forEach(
            c ->
                sb.append("\n")
                    .append(c.id())
                    .append(": ")
                    .append(c.summary().orElse(""))
                    .append(" [expected ")
                    .append(c.expected())
                    .append(", got ")
                    .append(c.got())
                    .append("]"));
    return sb.toString();
  }
}
