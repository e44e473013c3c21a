package dev.assistantkit.conformance;

import dev.assistantkit.contract.rules.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Everything a run is configured with: one immutable object, built once per run, from the command
 * line ({@link ConformanceMain}) or from {@code conformance.*} configuration parameters (which fall
 * back to system properties, so {@code -Dconformance.*} works under Surefire).
 *
 * @param baseUrl the server to check; empty: the reference mock, started in-process
 * @param apiKey a bearer token the server accepts (a secret: never printed); empty in HAR mode, and
 *     in-process until the mock tells its key
 * @param assistantId the resource the suite addresses and, with writes allowed, changes; empty: the
 *     in-process mock's seeded one
 * @param allowWrites whether requests a conformant server accepts (and applies) may be sent
 * @param profile which rules fail the run
 * @param reportDir where to write JUnit XML, JSON and HTML reports; empty: console only
 * @param ignoreErrorShape leave out the error-shape group of checks (the error body's rule ids)
 * @param harFiles recorded traffic to judge instead of sending requests
 * @param spec another OpenAPI document to check against; empty: the kit's openapi.yaml
 * @param timeout connect and read (idle) timeout of each request
 * @param requestTimeout the most one request may take in all, however slowly bytes keep coming
 * @param maxResponseBytes how much of a response body is kept; reading stops there
 * @param rate the most requests per second; 0: no limit
 * @param fuzz how many generated bodies to send per operation
 * @param seed the seed of the generated bodies
 * @param progress how often a progress line goes to stderr; zero: never
 * @param pathParams path parameter values by name ({@code --path-param NAME=VALUE}), for the
 *     operations of any document; a parameter not named here takes the document's example or a
 *     generated value
 */
public record ConformanceSettings(
    Optional<String> baseUrl,
    String apiKey,
    Optional<String> assistantId,
    boolean allowWrites,
    Profile profile,
    Optional<Path> reportDir,
    boolean ignoreErrorShape,
    List<Path> harFiles,
    Optional<Path> spec,
    Duration timeout,
    Duration requestTimeout,
    int maxResponseBytes,
    double rate,
    int fuzz,
    long seed,
    Duration progress,
    java.util.Map<String, String> pathParams) {

  public static final String BASE_URL = "conformance.base-url";
  public static final String API_KEY = "conformance.api-key";
  public static final String ASSISTANT_ID = "conformance.assistant-id";
  public static final String ALLOW_WRITES = "conformance.allow-writes";
  public static final String PROFILE = "conformance.profile";
  public static final String REPORT_DIR = "conformance.report-dir";
  public static final String IGNORE_ERROR_SHAPE = "conformance.ignore-error-shape";
  public static final String HAR = "conformance.har";
  public static final String SPEC = "conformance.spec";
  public static final String TIMEOUT = "conformance.timeout";
  public static final String REQUEST_TIMEOUT = "conformance.request-timeout";
  public static final String MAX_RESPONSE_BYTES = "conformance.max-response-bytes";
  public static final String RATE = "conformance.rate";
  public static final String FUZZ = "conformance.fuzz";
  public static final String SEED = "conformance.seed";
  public static final String PROGRESS = "conformance.progress";
  public static final String PATH_PARAM = "conformance.path-param";

  /** Where the key is read from when no {@value #API_KEY} parameter is given. */
  public static final String API_KEY_VARIABLE = "CONFORMANCE_API_KEY";

  /** The group of checks {@code --ignore-error-shape} leaves out (the spec names it). */
  public static final String ERROR_SHAPE_GROUP = "error-shape";

  public static final int DEFAULT_FUZZ = 50;
  public static final long DEFAULT_SEED = 20261123L;
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
  public static final int DEFAULT_PROGRESS_SECONDS = 10;

  /** Requests per second against a --base-url; the in-process mock gets no limit. */
  public static final double DEFAULT_REMOTE_RATE = 10;

  public ConformanceSettings {
    harFiles = List.copyOf(harFiles);
    pathParams =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(pathParams == null ? java.util.Map.of() : pathParams));
    if (baseUrl.isPresent()) {
      String url = baseUrl.get().trim();
      if (!url.matches("(?i)https?://[^\\s]+")) {
        throw new IllegalArgumentException(
            "the base URL must be an http(s) URL, not " + Reproduction.maskUserInfo(url));
      }
      baseUrl = Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
    if (!harFiles.isEmpty() && baseUrl.isPresent()) {
      throw new IllegalArgumentException(
          "--har judges recorded traffic and sends nothing: leave out --base-url");
    }
    apiKey = apiKey == null ? "" : apiKey;
    if (baseUrl.isPresent() && apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "an API key is needed (--api-key, " + API_KEY + " or $" + API_KEY_VARIABLE + ")");
    }
    // another document's operations may address no resource: the run checks that (SuiteRun)
    if (baseUrl.isPresent() && assistantId.isEmpty() && spec.isEmpty()) {
      throw new IllegalArgumentException(
          "--base-url needs --assistant-id (or " + ASSISTANT_ID + ")");
    }
    if (assistantId.isPresent() && !isUuid(assistantId.get())) {
      throw new IllegalArgumentException(
          "the assistant id must be a UUID (--assistant-id or " + ASSISTANT_ID + ")");
    }
    if (timeout.isNegative()
        || timeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the timeouts must be positive");
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("--max-response-bytes must be at least 1024");
    }
    if (rate < 0 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("the rate must be 0 (no limit) or more");
    }
    if (fuzz < 0) {
      throw new IllegalArgumentException("the fuzz count must be 0 or more");
    }
    if (progress.isNegative()) {
      throw new IllegalArgumentException("the progress interval must be 0 (never) or more");
    }
  }

  /** Whether the run judges recorded traffic instead of sending requests. */
  public boolean recorded() {
    return !harFiles.isEmpty();
  }

  /** The groups of checks the judge leaves out. */
  public java.util.Set<String> skipGroups() {
    return ignoreErrorShape ? java.util.Set.of(ERROR_SHAPE_GROUP) : java.util.Set.of();
  }

  /**
   * Reads the {@code conformance.*} parameters; the key may come from the environment variable
   * {@value #API_KEY_VARIABLE} instead, which keeps it off command lines and out of the system
   * properties that JUnit XML reports list.
   *
   * @param parameters looks up a parameter
   * @param environment looks up environment variables
   * @throws IllegalArgumentException when a value is missing or malformed
   */
  public static ConformanceSettings from(
      Function<String, Optional<String>> parameters, Function<String, String> environment) {
    Function<String, Optional<String>> p =
        key -> parameters.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    Optional<String> baseUrl = p.apply(BASE_URL);
    List<Path> har = new ArrayList<>();
    p.apply(HAR)
        .ifPresent(
            v -> {
              for (String f : v.split(",")) {
                if (!f.isBlank()) {
                  har.add(Path.of(f.trim()));
                }
              }
            });
    boolean inProcess = baseUrl.isEmpty() && har.isEmpty();
    return new ConformanceSettings(
        baseUrl,
        p.apply(API_KEY)
            .or(
                () ->
                    Optional.ofNullable(environment.apply(API_KEY_VARIABLE))
                        .filter(v -> !v.isBlank()))
            .orElse(""),
        p.apply(ASSISTANT_ID),
        inProcess || p.apply(ALLOW_WRITES).map(v -> bool(ALLOW_WRITES, v)).orElse(false),
        p.apply(PROFILE).map(Profile::parse).orElse(Profile.DOCUMENTED),
        p.apply(REPORT_DIR).map(Path::of),
        p.apply(IGNORE_ERROR_SHAPE).map(v -> bool(IGNORE_ERROR_SHAPE, v)).orElse(false),
        har,
        p.apply(SPEC).map(Path::of),
        seconds(p, TIMEOUT, DEFAULT_TIMEOUT_SECONDS),
        seconds(p, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT_SECONDS),
        p.apply(MAX_RESPONSE_BYTES)
            .map(v -> (int) number(MAX_RESPONSE_BYTES, v))
            .orElse(DEFAULT_MAX_RESPONSE_BYTES),
        p.apply(RATE).map(v -> number(RATE, v)).orElse(inProcess ? 0 : DEFAULT_REMOTE_RATE),
        p.apply(FUZZ).map(v -> (int) number(FUZZ, v)).orElse(DEFAULT_FUZZ),
        p.apply(SEED).map(v -> (long) number(SEED, v)).orElse(DEFAULT_SEED),
        seconds(p, PROGRESS, DEFAULT_PROGRESS_SECONDS),
        p.apply(PATH_PARAM).map(v -> pathParams(List.of(v.split(",")))).orElse(java.util.Map.of()));
  }

  /**
   * {@code NAME=VALUE} texts as a map, in order (a name given twice: the last value counts).
   *
   * @throws IllegalArgumentException for a text without {@code =} or without a name
   */
  public static java.util.Map<String, String> pathParams(List<String> texts) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String t : texts) {
      if (t.isBlank()) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--path-param takes NAME=VALUE, not " + Reproduction.maskUserInfo(t.trim()));
      }
      out.put(t.substring(0, eq).trim(), t.substring(eq + 1));
    }
    return out;
  }

  /** Settings with every value at its default, for a run against a base URL (tests, the CLI). */
  public static ConformanceSettings remote(String baseUrl, String apiKey, String assistantId) {
    return new ConformanceSettings(
        Optional.of(baseUrl),
        apiKey,
        Optional.of(assistantId),
        false,
        Profile.DOCUMENTED,
        Optional.empty(),
        false,
        List.of(),
        Optional.empty(),
        Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS),
        Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS),
        DEFAULT_MAX_RESPONSE_BYTES,
        DEFAULT_REMOTE_RATE,
        DEFAULT_FUZZ,
        DEFAULT_SEED,
        Duration.ofSeconds(DEFAULT_PROGRESS_SECONDS),
        java.util.Map.of());
  }

  public ConformanceSettings withAllowWrites(boolean on) {
    return copy(b -> b.allowWrites = on);
  }

  public ConformanceSettings withProfile(Profile p) {
    return copy(b -> b.profile = p);
  }

  public ConformanceSettings withFuzz(int n) {
    return copy(b -> b.fuzz = n);
  }

  public ConformanceSettings withRate(double r) {
    return copy(b -> b.rate = r);
  }

  public ConformanceSettings withReportDir(Path dir) {
    return copy(b -> b.reportDir = Optional.ofNullable(dir));
  }

  public ConformanceSettings withIgnoreErrorShape(boolean on) {
    return copy(b -> b.ignoreErrorShape = on);
  }

  public ConformanceSettings withSpec(Path file) {
    return copy(b -> b.spec = Optional.ofNullable(file));
  }

  public ConformanceSettings withTimeouts(Duration idle, Duration total) {
    return copy(
        b -> {
          b.timeout = idle;
          b.requestTimeout = total;
        });
  }

  public ConformanceSettings withProgress(Duration every) {
    return copy(b -> b.progress = every);
  }

  public ConformanceSettings withPathParams(java.util.Map<String, String> values) {
    return copy(b -> b.pathParams = values);
  }

  /**
   * The same settings addressing the in-process mock once it listens: its URL, and the key and
   * resource id it offers where none was given.
   */
  public ConformanceSettings withTarget(String url, String key, String id) {
    return copy(
        b -> {
          b.baseUrl = Optional.of(url);
          b.apiKey = apiKey.isBlank() ? key : apiKey;
          b.assistantId = assistantId.or(() -> Optional.of(id).filter(i -> !i.isEmpty()));
        });
  }

  /** A mutable copy of the components, for the with* methods. */
  private static final class Builder {
    Optional<String> baseUrl;
    String apiKey;
    Optional<String> assistantId;
    boolean allowWrites;
    Profile profile;
    Optional<Path> reportDir;
    boolean ignoreErrorShape;
    List<Path> harFiles;
    Optional<Path> spec;
    Duration timeout;
    Duration requestTimeout;
    int maxResponseBytes;
    double rate;
    int fuzz;
    long seed;
    Duration progress;
    java.util.Map<String, String> pathParams;
  }

  private ConformanceSettings copy(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder();
    b.baseUrl = baseUrl;
    b.apiKey = apiKey;
    b.assistantId = assistantId;
    b.allowWrites = allowWrites;
    b.profile = profile;
    b.reportDir = reportDir;
    b.ignoreErrorShape = ignoreErrorShape;
    b.harFiles = harFiles;
    b.spec = spec;
    b.timeout = timeout;
    b.requestTimeout = requestTimeout;
    b.maxResponseBytes = maxResponseBytes;
    b.rate = rate;
    b.fuzz = fuzz;
    b.seed = seed;
    b.progress = progress;
    b.pathParams = pathParams;
    change.accept(b);
    return new ConformanceSettings(
        b.baseUrl,
        b.apiKey,
        b.assistantId,
        b.allowWrites,
        b.profile,
        b.reportDir,
        b.ignoreErrorShape,
        b.harFiles,
        b.spec,
        b.timeout,
        b.requestTimeout,
        b.maxResponseBytes,
        b.rate,
        b.fuzz,
        b.seed,
        b.progress,
        b.pathParams);
  }

  /** One line for the top of a report; neither the key nor a URL's user info is shown. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (recorded()) {
      sb.append("recorded traffic ")
          .append(String.join(", ", harFiles.stream().map(Path::toString).toList()));
    } else {
      sb.append("target ")
          .append(baseUrl.map(Reproduction::maskUserInfo).orElse("(reference mock, in-process)"))
          .append(", assistant ")
          .append(assistantId.orElse("(the mock's seed)"))
          .append(", writes ")
          .append(allowWrites ? "allowed" : "not allowed");
    }
    sb.append(", profile ").append(profile.wireName());
    if (ignoreErrorShape) {
      sb.append(" (error shape ignored)");
    }
    spec.ifPresent(s -> sb.append(", spec ").append(s));
    if (!pathParams.isEmpty()) {
      sb.append(", path parameters ").append(String.join(", ", pathParams.keySet()));
    }
    if (!recorded()) {
      sb.append(", fuzz ")
          .append(fuzz)
          .append(" (seed ")
          .append(seed)
          .append("), rate ")
          .append(rate == 0 ? "unlimited" : rate + "/s")
          .append(", timeout ")
          .append(timeout.toMillis() / 1000.0)
          .append("s idle, ")
          .append(requestTimeout.toMillis() / 1000.0)
          .append("s per request, responses kept to ")
          .append(maxResponseBytes)
          .append(" bytes");
    }
    return sb.toString();
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

  private static boolean bool(String key, String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1")) {
      return true;
    }
    if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no") || v.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException(key + " must be true or false, not " + v);
  }

  private static Duration seconds(Function<String, Optional<String>> p, String key, int dflt) {
    double s = p.apply(key).map(v -> number(key, v)).orElse((double) dflt);
    return Duration.ofMillis(Math.round(1000 * s));
  }

  private static double number(String key, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, not " + v, e);
    }
  }
}
