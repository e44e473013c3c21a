package dev.assistantkit.conformance;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Everything a run is configured with, built once from JUnit configuration parameters (which fall
 * back to system properties, so {@code -Dconformance.*} works under Surefire) or from the CLI.
 *
 * @param baseUrl the server to check; empty: start the reference mock in-process
 * @param apiKey the bearer token the server accepts (a secret: never printed)
 * @param assistantId the assistant the suite may address and, with writes allowed, change
 * @param allowWrites whether requests a conformant server accepts may be sent
 * @param profile which rules fail the run
 * @param reportDir where to write JUnit XML, JSON and HTML reports; empty: console only
 * @param timeout connect and read timeout of each request
 * @param rate the most requests per second; 0: no limit
 * @param fuzz how many generated bodies to send
 * @param seed the seed of the generated bodies
 */
public record ConformanceSettings(
    Optional<String> baseUrl,
    String apiKey,
    String assistantId,
    boolean allowWrites,
    Profile profile,
    Optional<Path> reportDir,
    Duration timeout,
    double rate,
    int fuzz,
    long seed) {

  public static final String BASE_URL = "conformance.base-url";
  public static final String API_KEY = "conformance.api-key";
  public static final String ASSISTANT_ID = "conformance.assistant-id";
  public static final String ALLOW_WRITES = "conformance.allow-writes";
  public static final String PROFILE = "conformance.profile";
  public static final String REPORT_DIR = "conformance.report-dir";
  public static final String TIMEOUT = "conformance.timeout";
  public static final String RATE = "conformance.rate";
  public static final String FUZZ = "conformance.fuzz";
  public static final String SEED = "conformance.seed";

  /** Where the key is read from when no {@value #API_KEY} parameter is given. */
  public static final String API_KEY_VARIABLE = "CONFORMANCE_API_KEY";

  public static final int DEFAULT_FUZZ = 50;
  public static final long DEFAULT_SEED = 20261123L;
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;

  /** Requests per second against a --base-url; the in-process mock gets no limit. */
  public static final double DEFAULT_REMOTE_RATE = 10;

  public ConformanceSettings {
    if (baseUrl.isPresent()) {
      String url = baseUrl.get().trim();
      if (!url.matches("(?i)https?://[^\\s]+")) {
        throw new IllegalArgumentException("the base URL must be an http(s) URL, not " + url);
      }
      baseUrl = Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "an API key is needed (--api-key, " + API_KEY + " or $" + API_KEY_VARIABLE + ")");
    }
    if (assistantId == null || !isUuid(assistantId)) {
      throw new IllegalArgumentException(
          "the assistant id must be a UUID (--assistant-id or " + ASSISTANT_ID + ")");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("the rate must be 0 (no limit) or more");
    }
    if (fuzz < 0) {
      throw new IllegalArgumentException("the fuzz count must be 0 or more");
    }
  }

  /**
   * Reads the {@code conformance.*} parameters; the key may come from the environment variable
   * {@value #API_KEY_VARIABLE} instead, which keeps it off command lines and out of the system
   * properties that JUnit XML reports list.
   *
   * @throws IllegalArgumentException when a value is missing or malformed
   */
  public static ConformanceSettings from(Function<String, Optional<String>> parameters) {
    return from(parameters, System::getenv);
  }

  /**
   * Reads the {@code conformance.*} parameters. Without a base URL the run checks the reference
   * mock in-process: the key and assistant default to the mock's and writes are allowed.
   *
   * @param environment looks up environment variables
   * @throws IllegalArgumentException when a value is missing or malformed
   */
  static ConformanceSettings from(
      Function<String, Optional<String>> parameters, Function<String, String> environment) {
    Function<String, Optional<String>> p =
        key -> parameters.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    Optional<String> baseUrl = p.apply(BASE_URL);
    boolean inProcess = baseUrl.isEmpty();
    return new ConformanceSettings(
        baseUrl,
        p.apply(API_KEY)
            .or(
                () ->
                    Optional.ofNullable(environment.apply(API_KEY_VARIABLE))
                        .filter(v -> !v.isBlank()))
            .orElse(inProcess ? MockConfig.DEV_KEY : null),
        p.apply(ASSISTANT_ID).orElse(inProcess ? MockServer.EXAMPLE_ASSISTANT : null),
        inProcess || p.apply(ALLOW_WRITES).map(ConformanceSettings::bool).orElse(false),
        p.apply(PROFILE).map(Profile::parse).orElse(Profile.DOCUMENTED),
        p.apply(REPORT_DIR).map(Path::of),
        Duration.ofMillis(
            Math.round(
                1000
                    * p.apply(TIMEOUT)
                        .map(v -> number(TIMEOUT, v))
                        .orElse((double) DEFAULT_TIMEOUT_SECONDS))),
        p.apply(RATE).map(v -> number(RATE, v)).orElse(inProcess ? 0 : DEFAULT_REMOTE_RATE),
        p.apply(FUZZ).map(v -> (int) number(FUZZ, v)).orElse(DEFAULT_FUZZ),
        p.apply(SEED).map(v -> (long) number(SEED, v)).orElse(DEFAULT_SEED));
  }

  /** The same settings as configuration parameters; every key is set, so none falls through. */
  public Map<String, String> toParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(BASE_URL, baseUrl.orElse(""));
    m.put(API_KEY, apiKey);
    m.put(ASSISTANT_ID, assistantId);
    m.put(ALLOW_WRITES, Boolean.toString(allowWrites));
    m.put(PROFILE, profile.wireName());
    m.put(REPORT_DIR, reportDir.map(Path::toString).orElse(""));
    m.put(TIMEOUT, Double.toString(timeout.toMillis() / 1000.0));
    m.put(RATE, Double.toString(rate));
    m.put(FUZZ, Integer.toString(fuzz));
    m.put(SEED, Long.toString(seed));
    return m;
  }

  public ConformanceSettings withBaseUrl(String url) {
    return new ConformanceSettings(
        Optional.of(url),
        apiKey,
        assistantId,
        allowWrites,
        profile,
        reportDir,
        timeout,
        rate,
        fuzz,
        seed);
  }

  /** One line for the top of a report; neither the key nor a URL's user info is shown. */
  public String describe() {
    return "target "
        + baseUrl.map(Reproduction::maskUserInfo).orElse("(reference mock, in-process)")
        + ", assistant "
        + assistantId
        + ", profile "
        + profile.wireName()
        + ", writes "
        + (allowWrites ? "allowed" : "not allowed")
        + ", fuzz "
        + fuzz
        + " (seed "
        + seed
        + "), rate "
        + (rate == 0 ? "unlimited" : rate + "/s")
        + ", timeout "
        + timeout.toMillis() / 1000.0
        + "s";
  }

  /** The settings without the key. */
  @Override
  public String toString() {
    return "ConformanceSettings[" + describe() + ", api key ***]";
  }

  static boolean isUuid(String s) {
    try {
      return UUID.fromString(s).toString().equalsIgnoreCase(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean bool(String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1")) {
      return true;
    }
    if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no") || v.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException(ALLOW_WRITES + " must be true or false, not " + v);
  }

  private static double number(String key, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, not " + v, e);
    }
  }
}
