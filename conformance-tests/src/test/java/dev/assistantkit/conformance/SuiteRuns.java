package dev.assistantkit.conformance;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts a reference mock (broken or not) and runs the suite against it, in this JVM. */
final class SuiteRuns {

  /** The key the proof mocks accept. */
  static final String KEY = "proof-key-4c1f9a27";

  static final String ASSISTANT = MockServer.EXAMPLE_ASSISTANT;

  private SuiteRuns() {}

  static ConformanceSettings settings(
      String baseUrl, Profile profile, int fuzz, boolean allowWrites, Optional<Path> reportDir) {
    return new ConformanceSettings(
        Optional.of(baseUrl),
        KEY,
        ASSISTANT,
        allowWrites,
        profile,
        reportDir,
        Duration.ofSeconds(10),
        0,
        fuzz,
        ConformanceSettings.DEFAULT_SEED);
  }

  static MockServer mock(String key, List<Extension> extensions) {
    return MockServer.start(
        MockConfig.defaults().withApiKeys(List.of(key)), extensions.toArray(Extension[]::new));
  }

  /** Runs the suite with writes allowed against a mock with these extensions. */
  static RunResults against(List<Extension> extensions, Profile profile, int fuzz) {
    try (MockServer m = mock(KEY, extensions)) {
      return ConformanceRunner.run(
          settings(m.baseUrl(), profile, fuzz, true, Optional.empty()), null);
    }
  }

  static RunResults run(ConformanceSettings settings, PrintStream console) {
    return ConformanceRunner.run(settings, console);
  }

  /** What the mock answered to the operation, as seen after every other extension. */
  record Answer(String url, int status) {}

  /** A response transformer that only records the operation's answers. */
  static final class Recorder implements ResponseTransformerV2 {
    final List<Answer> answers = new CopyOnWriteArrayList<>();

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      if (MockVariants.isUpdate(serveEvent.getRequest())) {
        answers.add(new Answer(serveEvent.getRequest().getUrl(), response.getStatus()));
      }
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
}
