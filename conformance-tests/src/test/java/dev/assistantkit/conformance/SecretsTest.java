package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neither the key nor an api_key value appears in the console, the reports or the curl lines. */
class SecretsTest {

  private static final String SECRET_KEY = "sk-live-S3CRET-token-91f0c2";

  /** The api_key value the catalogue's llm-config.required/with-api-key case sends. */
  private static final String CASE_API_KEY = "sk-test-not-a-real-key";

  @Test
  void failures_are_reported_with_request_response_and_curl_but_without_secrets(@TempDir Path dir)
      throws IOException {
    // a mock answering 200 as text/plain: every accepted case fails and is spelled out in full
    MockVariants.Variant variant = ConformanceMainTest.variant("answers 200 as text/plain");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    String previous = System.getProperty(ConformanceSettings.API_KEY);
    // the JUnit XML lists system properties: a key given as -Dconformance.api-key must not leak
    System.setProperty(ConformanceSettings.API_KEY, SECRET_KEY);
    RunSummary r;
    try (MockServer m = SuiteRuns.mock(SECRET_KEY, variant.extensions().apply(SECRET_KEY))) {
      ConformanceSettings settings =
          ConformanceSettings.remote(m.baseUrl(), SECRET_KEY, SuiteRuns.ASSISTANT)
              .withAllowWrites(true)
              .withProfile(Profile.STRICT)
              .withReportDir(dir)
              .withFuzz(10)
              .withRate(0)
              .withProgress(Duration.ZERO);
      r =
          ConformanceRunner.run(
              settings, new PrintStream(console, true, StandardCharsets.UTF_8), null);
    } finally {
      if (previous == null) {
        System.clearProperty(ConformanceSettings.API_KEY);
      } else {
        System.setProperty(ConformanceSettings.API_KEY, previous);
      }
    }
    assertTrue(r.failed() > 0);

    String html = Files.readString(dir.resolve(Reports.HTML_FILE));
    assertTrue(html.contains("curl -sS -i -X"), "the HTML report has curl lines");
    assertTrue(html.contains("${" + Reproduction.KEY_VARIABLE + "}"), "curl reads the key");
    assertTrue(html.contains("llm-config.required/with-api-key"), "the api_key case failed");
    assertTrue(Files.readString(dir.resolve(Reports.JSON_FILE)).contains("\"checks\""));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("TEST-")));
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertFalse(text.contains(SECRET_KEY), () -> f + " holds the key");
      assertFalse(text.contains(CASE_API_KEY), () -> f + " holds an api_key value");
    }
    String out = console.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("curl"), "the console shows curl lines for failures");
    assertFalse(out.contains(SECRET_KEY));
    assertFalse(out.contains(CASE_API_KEY));
    for (CheckResult c : r.results()) {
      assertFalse(c.toString().contains(SECRET_KEY), c::id);
      assertFalse(c.toString().contains(CASE_API_KEY), c::id);
    }
    assertEquals(1, r.exitStatus());
  }
}
