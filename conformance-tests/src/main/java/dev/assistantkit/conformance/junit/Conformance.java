package dev.assistantkit.conformance.junit;

import dev.assistantkit.conformance.ConformanceRunner;
import dev.assistantkit.conformance.ConformanceSettings;
import dev.assistantkit.contract.rules.Profile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The conformance suite in a JUnit 5 test of your own server: one dynamic test per check, named by
 * the check's id, failing with the message and curl line the jar's report gives.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> the_server_follows_the_contract() {
 *   return Conformance.against("http://127.0.0.1:" + port)
 *       .apiKey("test-key")
 *       .assistantId(id)
 *       .allowWrites()
 *       .dynamicTests();
 * }
 * }</pre>
 *
 * <p>The options are the jar's flags of the same names, with the same defaults and checks, but for
 * the rate: no limit, since the server is meant to be yours, in your build ({@link #rate}).
 * Immutable: each option returns a new instance.
 */
public final class Conformance {

  private final Map<String, String> parameters;
  private final Map<String, String> pathParams;

  private Conformance(Map<String, String> parameters, Map<String, String> pathParams) {
    this.parameters = Map.copyOf(parameters);
    this.pathParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pathParams));
  }

  /** The suite against the server at this URL ({@code --base-url}). */
  public static Conformance against(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("Conformance.against needs the server's base URL");
    }
    return new Conformance(Map.of(), Map.of())
        .with(ConformanceSettings.BASE_URL, baseUrl)
        .with(ConformanceSettings.RATE, "0");
  }

  /**
   * A bearer token the server accepts ({@code --api-key}); never printed. Without it the key comes
   * from {@code $CONFORMANCE_API_KEY}, as in the jar.
   */
  public Conformance apiKey(String key) {
    return with(ConformanceSettings.API_KEY, key);
  }

  /**
   * The page's resource to address, a UUID ({@code --assistant-id}); with {@link #allowWrites} the
   * only one changed. Needed for the kit's spec and documents with {@code x-resource}.
   */
  public Conformance assistantId(String id) {
    return with(ConformanceSettings.ASSISTANT_ID, id);
  }

  /** A path parameter's value for the operations of another document ({@code --path-param}). */
  public Conformance pathParam(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(pathParams);
    more.put(name, value);
    return new Conformance(parameters, more);
  }

  /**
   * Also send requests a conformant server accepts, and set up the state a check needs with the
   * spec's examples ({@code --allow-writes}): they change the resource addressed.
   */
  public Conformance allowWrites() {
    return with(ConformanceSettings.ALLOW_WRITES, "true");
  }

  /** Which rules fail ({@code --profile}); default {@link Profile#DOCUMENTED}. */
  public Conformance profile(Profile profile) {
    return with(ConformanceSettings.PROFILE, profile.wireName());
  }

  /** {@code "documented"} or {@code "strict"} ({@code --profile}). */
  public Conformance profile(String profile) {
    return profile(Profile.parse(profile));
  }

  /** Check the operations of another OpenAPI document ({@code --spec}); default the kit's. */
  public Conformance spec(Path file) {
    return with(ConformanceSettings.SPEC, file.toString());
  }

  /** How many generated bodies to send per operation ({@code --fuzz}); default 50. */
  public Conformance fuzz(int bodies) {
    return with(ConformanceSettings.FUZZ, Integer.toString(bodies));
  }

  /**
   * At most this many requests a second, 0 for no limit ({@code --rate}). Default: no limit (the
   * jar's default against a URL is 10; give that when the server is a shared deployment).
   */
  public Conformance rate(double requestsPerSecond) {
    return with(ConformanceSettings.RATE, Double.toString(requestsPerSecond));
  }

  /**
   * The connect and idle-read timeout per request, and the most one request may take in all ({@code
   * --timeout}, {@code --request-timeout}); default 10 and 30 seconds.
   */
  public Conformance timeouts(java.time.Duration idle, java.time.Duration perRequest) {
    return with(ConformanceSettings.TIMEOUT, Double.toString(idle.toMillis() / 1000.0))
        .with(ConformanceSettings.REQUEST_TIMEOUT, Double.toString(perRequest.toMillis() / 1000.0));
  }

  /**
   * The checks as dynamic tests, for a {@code @TestFactory}: the run starts when JUnit reads the
   * first one. A run that cannot start (not the API, no answer) or judges nothing fails the factory
   * with the reason.
   *
   * @throws IllegalArgumentException when the options are incomplete or malformed (a base URL that
   *     is not http(s), no key, no assistant id for the kit's spec), with the jar's message
   */
  public Stream<DynamicNode> dynamicTests() {
    return ConformanceRunner.dynamicTests(settings());
  }

  /**
   * The settings the run will have: the options, and the jar's defaults for the others (no progress
   * lines: JUnit reports the tests).
   *
   * @throws IllegalArgumentException as {@link #dynamicTests}
   */
  public ConformanceSettings settings() {
    ConformanceSettings settings =
        ConformanceSettings.from(key -> Optional.ofNullable(parameters.get(key)), System::getenv);
    if (!pathParams.isEmpty()) {
      settings = settings.withPathParams(pathParams);
    }
    return settings.withProgress(java.time.Duration.ZERO);
  }

  private Conformance with(String key, String value) {
    Map<String, String> next = new LinkedHashMap<>(parameters);
    next.put(key, value == null ? "" : value);
    return new Conformance(next, pathParams);
  }

  /** The options, without the key. */
  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(parameters);
    shown.computeIfPresent(ConformanceSettings.API_KEY, (k, v) -> "***");
    return "Conformance" + shown + (pathParams.isEmpty() ? "" : " " + pathParams.keySet());
  }
}
