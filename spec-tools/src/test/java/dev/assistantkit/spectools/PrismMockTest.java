package dev.assistantkit.spectools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prism mocks the spec and validates request bodies against it: every {@code *-invalid-*} body of
 * src/test/resources/prism-requests is rejected with a 4xx that names a body violation, and every
 * {@code *-valid-*} body, like each request example of the spec, is accepted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PrismMockTest {

  private static final String PATH = "/assistant/update/550e8400-e29b-41d4-a716-446655440000";
  private static final Duration REQUEST_TIMEOUT =
      Duration.ofSeconds(60); // a guard against a hang only

  /**
   * Invalid bodies this Prism version is known to accept. Each stays listed only while Prism still
   * accepts it: the case fails once Prism rejects it, so this list (and the README's spec tools
   * section) stays true after a Prism upgrade.
   */
  private static final Map<String, String> KNOWN_PRISM_GAPS =
      Map.of(
          "tts-model-invalid-without-tts-config",
          "Prism 5.14.2 does not apply dependentRequired (rule tts.pair): it accepts a TTS model"
              + " sent without its config. The reference mock and the conformance suite enforce"
              + " it.");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  private static PrismMock prism;
  private static String specHint;

  /** One request body and what Prism must do with it. */
  record PrismCase(String name, String body, boolean valid) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Prism's answer: status, body, and the violations of its sl-violations header. */
  record Answer(int status, String body, JsonNode violations) {

    /** A 4xx that names at least one error in the request body. */
    boolean rejectsTheBody() {
      return status >= 400 && status < 500 && !bodyErrors().isEmpty();
    }

    /** A 2xx with no error at all. */
    boolean accepts() {
      return status >= 200 && status < 300 && errors().isEmpty();
    }

    List<JsonNode> errors() {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode v : violations) {
        if (v.path("severity").asString("").equals("Error")) {
          out.add(v);
        }
      }
      return out;
    }

    List<JsonNode> bodyErrors() {
      return errors().stream()
          .filter(v -> v.path("location").path(1).asString("").equals("body"))
          .toList();
    }

    String describe() {
      return "HTTP " + status + "\nsl-violations: " + violations + "\nbody: " + body;
    }
  }

  @BeforeAll
  static void startPrism() throws Exception {
    NodeTools tools = NodeTools.get();
    JsonNode spec = YAMLMapper.builder().build().readTree(tools.spec().toFile());
    specHint =
        spec.has("jsonSchemaDialect")
            ? "\nThe spec declares a top-level jsonSchemaDialect ("
                + spec.get("jsonSchemaDialect").asString()
                + "): Prism 5 then silently stops validating request bodies (STACK_NOTES pitfall"
                + " 18). Remove that line; the OAS 3.1 base dialect is the default anyway."
            : "";
    prism = PrismMock.start(tools);
    System.out.printf(
        "Prism %s mocks %s at %s%n", tools.version(PrismMock.PKG), tools.spec(), prism.base());
  }

  @AfterAll
  static void stopPrism() {
    if (prism != null) {
      prism.close();
      assertFalse(prism.isAlive(), "Prism still runs after close()");
    }
  }

  static Stream<PrismCase> cases() throws IOException, URISyntaxException {
    List<PrismCase> out = new ArrayList<>();
    Path dir = Path.of(PrismMockTest.class.getResource("/prism-requests").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString().replaceFirst("\\.json$", "");
        boolean invalid = name.contains("-invalid-");
        assertTrue(invalid || name.contains("-valid-"), name + ": say -valid- or -invalid-");
        out.add(new PrismCase(name, Files.readString(f), !invalid));
      }
    }
    out.addAll(specExamples());
    return out.stream();
  }

  /** Each request example of the operation, {@code $ref}s resolved: all must be accepted. */
  private static List<PrismCase> specExamples() throws IOException {
    JsonNode root = YAMLMapper.builder().build().readTree(NodeTools.specPath().toFile());
    JsonNode examples =
        root.path("paths")
            .path("/assistant/update/{assistant_id}")
            .path("patch")
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("examples");
    List<PrismCase> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : examples.properties()) {
      JsonNode ex = e.getValue();
      if (ex.has("$ref")) {
        ex = root.at(ex.get("$ref").asString().substring(1));
      }
      out.add(
          new PrismCase(
              "spec-example-" + e.getKey() + "-valid",
              JSON.writeValueAsString(ex.get("value")),
              true));
    }
    assertFalse(out.isEmpty(), "the operation has no request examples");
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void prism_validates_the_request_body(PrismCase c) throws Exception {
    assertTrue(prism.isAlive(), () -> "Prism died\n" + prism.logTail(20));
    long logStart = prism.logSize();
    Answer a = send(c.body());
    String gap = KNOWN_PRISM_GAPS.get(c.name());
    if (gap != null) {
      assertFalse(
          a.rejectsTheBody(),
          () ->
              c.name()
                  + " is listed as a known Prism gap, but Prism now rejects it: remove it from"
                  + " KNOWN_PRISM_GAPS and from the README (its spec tools section)\n"
                  + a.describe());
      System.out.println("Known Prism gap, still there: " + c.name() + ": " + gap);
    } else if (c.valid()) {
      assertTrue(
          a.accepts(),
          () ->
              "Prism rejected the valid body "
                  + c.body().strip()
                  + "\n"
                  + a.describe()
                  + "\n--- Prism log ---\n"
                  + prism.logFrom(logStart));
    } else {
      assertTrue(
          a.rejectsTheBody(),
          () ->
              "Prism did not reject the invalid body "
                  + c.body().strip()
                  + " (expected a 4xx naming a body violation)\n"
                  + a.describe()
                  + specHint
                  + "\n--- Prism log ---\n"
                  + prism.logFrom(logStart));
    }
  }

  private static Answer send(String body) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(prism.base().resolve(PATH))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer x")
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    JsonNode violations = JSON.readTree(res.headers().firstValue("sl-violations").orElse("[]"));
    return new Answer(res.statusCode(), res.body(), violations);
  }
}
