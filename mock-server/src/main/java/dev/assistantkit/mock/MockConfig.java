package dev.assistantkit.mock;

import dev.assistantkit.contract.rules.Profile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the mock is started with; built once (from flags or in code) and printed at start-up
 * with secrets masked.
 *
 * @param host the address to bind
 * @param port the port, 0 for a free one
 * @param apiKeys the bearer tokens accepted
 * @param seed a JSON file of the first resource's objects to preload instead of the spec's seed
 * @param latency a delay added to every contract response
 * @param verbose log every request and answer (secrets masked), and Jetty's own lines
 * @param journalSize how many requests WireMock's journal (and the traffic view) keeps
 * @param profile which rules the mock enforces: documented (the page) or strict (the page and this
 *     project's decisions)
 * @param spec another OpenAPI document to serve instead of the kit's openapi.yaml
 * @param admin who may use the admin surface, and what it may do
 * @param proxy a live deployment to forward every API request to and judge (proxy mode)
 * @param stateful whether a document without {@code x-resource} keeps resources inferred from its
 *     collection/item paths ({@code --stateful}); a document with it is stateful either way
 * @param watch whether the spec and the files it refers to are read again when they change ({@code
 *     --watch}): the spec must then be a file ({@code spec}, or the kit's own openapi.yaml when it
 *     is one)
 */
public record MockConfig(
    String host,
    int port,
    List<String> apiKeys,
    Optional<Path> seed,
    Latency latency,
    boolean verbose,
    int journalSize,
    Profile profile,
    Optional<Path> spec,
    Admin admin,
    Optional<Proxy> proxy,
    boolean stateful,
    boolean watch) {

  /** The key accepted when no --api-key is given. Documented in the README; not a secret. */
  public static final String DEV_KEY = "mock-dev-key";

  public MockConfig {
    apiKeys = List.copyOf(apiKeys);
    if (apiKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one API key is needed");
    }
    if (journalSize < 1) {
      throw new IllegalArgumentException("the journal size must be at least 1");
    }
  }

  /** 127.0.0.1, a free port, the development key, the spec's seed, no latency, strict. */
  public static MockConfig defaults() {
    return new MockConfig(
        "127.0.0.1",
        0,
        List.of(DEV_KEY),
        Optional.empty(),
        Latency.NONE,
        false,
        1000,
        Profile.STRICT,
        Optional.empty(),
        Admin.LOCAL,
        Optional.empty(),
        false,
        false);
  }

  public MockConfig withPort(int newPort) {
    return new MockConfig(
        host,
        newPort,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withHost(String newHost) {
    return new MockConfig(
        newHost,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withApiKeys(List<String> keys) {
    return new MockConfig(
        host,
        port,
        keys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withSeed(Path file) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        Optional.of(file),
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withLatency(Latency newLatency) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        newLatency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withVerbose(boolean on) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        on,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withJournalSize(int size) {
    return new MockConfig(
        host, port, apiKeys, seed, latency, verbose, size, profile, spec, admin, proxy, stateful,
        watch);
  }

  public MockConfig withProfile(Profile newProfile) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        newProfile,
        spec,
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withSpec(Path file) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        Optional.of(file),
        admin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withAdmin(Admin newAdmin) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        newAdmin,
        proxy,
        stateful,
        watch);
  }

  public MockConfig withProxy(Proxy newProxy) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        Optional.of(newProxy),
        stateful,
        watch);
  }

  public MockConfig withWatch(boolean on) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        stateful,
        on);
  }

  public MockConfig withStateful(boolean on) {
    return new MockConfig(
        host,
        port,
        apiKeys,
        seed,
        latency,
        verbose,
        journalSize,
        profile,
        spec,
        admin,
        proxy,
        on,
        watch);
  }

  /** For the start-up banner: keys masked unless it is the documented development key. */
  public String describe() {
    List<String> shown = apiKeys.stream().map(k -> k.equals(DEV_KEY) ? k : "***").toList();
    return "host="
        + host
        + " port="
        + port
        + " api-keys="
        + shown
        + " seed="
        + seed.map(Path::toString).orElse("(the spec's)")
        + " latency="
        + latency
        + " verbose="
        + verbose
        + " journal-size="
        + journalSize
        + " profile="
        + profile.wireName()
        + spec.map(p -> " spec=" + p).orElse("")
        + (stateful ? " stateful" : "")
        + (watch ? " watch" : "")
        + proxy
            .map(
                p ->
                    " proxy-to="
                        + p.upstreamShown()
                        + " proxy-timeout="
                        + p.timeout().toSeconds()
                        + "s")
            .orElse("")
        + " admin-token="
        + (admin.token().isPresent() ? "***" : "none")
        + (admin.allowFiles() ? " allow-admin-files" : "")
        + (admin.allowProxy() ? " allow-admin-proxy" : "");
  }

  /**
   * Proxy mode: every API request goes to a live deployment and its answer comes back unchanged;
   * both are judged by the contract.
   *
   * @param upstream the deployment, e.g. https://staging.example.com
   * @param timeout the most one exchange may take, from the arrival of the request to the last byte
   *     of the answer
   * @param keys the bearer tokens the upstream accepts, when known (--api-key in proxy mode): the
   *     judge then knows any other token must get 401; empty: learnt from the answers
   */
  public record Proxy(URI upstream, Duration timeout, List<String> keys) {

    public Proxy(URI upstream, Duration timeout) {
      this(upstream, timeout, List.of());
    }

    public Proxy {
      String scheme = upstream.getScheme() == null ? "" : upstream.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https") || upstream.getHost() == null) {
        throw new IllegalArgumentException(
            "--proxy-to must be an http(s) URL, e.g. https://staging.example.com");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the proxy timeout must be positive");
      }
      keys = List.copyOf(keys);
    }

    /** The upstream as it may be printed: without user info. */
    public String upstreamShown() {
      return upstream.getUserInfo() == null
          ? upstream.toString()
          : upstream.toString().replace(upstream.getRawUserInfo() + "@", "***@");
    }
  }

  /**
   * The admin surface ({@code /__admin}, {@code /__mock}).
   *
   * @param token the token it requires ({@code Authorization: Bearer TOKEN}); without one, a mock
   *     bound beyond loopback makes one at start
   * @param allowFiles whether {@code PUT/DELETE /__admin/files/**} may write files
   * @param allowProxy whether stubs created over HTTP may proxy
   * @param root WireMock's root: the stubs under {@code mappings/} are loaded at start and saved
   *     there, the files it serves are under {@code __files/}
   */
  public record Admin(Optional<String> token, boolean allowFiles, boolean allowProxy, Path root) {

    /** WireMock's own default root, relative to the working directory. */
    public static final Path DEFAULT_ROOT = Path.of("src", "test", "resources");

    public Admin {
      if (token.filter(t -> t.length() < 8 || t.isBlank()).isPresent()) {
        throw new IllegalArgumentException("the admin token must be at least 8 characters");
      }
    }

    /** With WireMock's default root. */
    public Admin(Optional<String> token, boolean allowFiles, boolean allowProxy) {
      this(token, allowFiles, allowProxy, DEFAULT_ROOT);
    }

    /** No token (a loopback mock needs none), no file writing, no proxy stubs. */
    public static final Admin LOCAL = new Admin(Optional.empty(), false, false);

    public Admin withRoot(Path newRoot) {
      return new Admin(token, allowFiles, allowProxy, newRoot);
    }
  }

  /**
   * A delay added to contract responses: fixed ({@code 200}) or uniform in a range ({@code
   * 100-500}), in milliseconds.
   */
  public record Latency(int minMillis, int maxMillis) {

    public static final Latency NONE = new Latency(0, 0);

    public Latency {
      if (minMillis < 0 || maxMillis < minMillis) {
        throw new IllegalArgumentException("latency must be N or MIN-MAX milliseconds, MIN <= MAX");
      }
    }

    public static Latency parse(String text) {
      String t = text.trim().replace("ms", "");
      try {
        int dash = t.indexOf('-');
        if (dash < 0) {
          int ms = Integer.parseInt(t);
          return new Latency(ms, ms);
        }
        return new Latency(
            Integer.parseInt(t.substring(0, dash).trim()),
            Integer.parseInt(t.substring(dash + 1).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "latency must be N or MIN-MAX milliseconds, got " + text);
      }
    }

    @Override
    public String toString() {
      return minMillis == maxMillis ? minMillis + "ms" : minMillis + "-" + maxMillis + "ms";
    }
  }
}
