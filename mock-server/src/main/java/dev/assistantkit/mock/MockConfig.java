package dev.assistantkit.mock;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the mock is started with; built once (from flags or in code) and printed at start-up
 * with secrets masked.
 *
 * @param host the address to bind
 * @param port the port, 0 for a free one
 * @param apiKeys the bearer tokens accepted
 * @param seed a JSON file of assistants to preload instead of the page's example assistant
 * @param latency a delay added to every contract response
 * @param verbose log every request (secrets masked)
 * @param journalSize how many requests WireMock's journal keeps
 * @param admin who may use the admin surface, and what it may do
 */
public record MockConfig(
    String host,
    int port,
    List<String> apiKeys,
    Optional<Path> seed,
    Latency latency,
    boolean verbose,
    int journalSize,
    Admin admin) {

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

  /** 127.0.0.1, a free port, the development key, the example assistant, no latency. */
  public static MockConfig defaults() {
    return new MockConfig(
        "127.0.0.1", 0, List.of(DEV_KEY), Optional.empty(), Latency.NONE, false, 1000, Admin.LOCAL);
  }

  public MockConfig withPort(int newPort) {
    return new MockConfig(host, newPort, apiKeys, seed, latency, verbose, journalSize, admin);
  }

  public MockConfig withHost(String newHost) {
    return new MockConfig(newHost, port, apiKeys, seed, latency, verbose, journalSize, admin);
  }

  public MockConfig withApiKeys(List<String> keys) {
    return new MockConfig(host, port, keys, seed, latency, verbose, journalSize, admin);
  }

  public MockConfig withSeed(Path file) {
    return new MockConfig(
        host, port, apiKeys, Optional.of(file), latency, verbose, journalSize, admin);
  }

  public MockConfig withLatency(Latency newLatency) {
    return new MockConfig(host, port, apiKeys, seed, newLatency, verbose, journalSize, admin);
  }

  public MockConfig withVerbose(boolean on) {
    return new MockConfig(host, port, apiKeys, seed, latency, on, journalSize, admin);
  }

  public MockConfig withJournalSize(int size) {
    return new MockConfig(host, port, apiKeys, seed, latency, verbose, size, admin);
  }

  public MockConfig withAdmin(Admin newAdmin) {
    return new MockConfig(host, port, apiKeys, seed, latency, verbose, journalSize, newAdmin);
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
        + seed.map(Path::toString).orElse("(example assistant)")
        + " latency="
        + latency
        + " verbose="
        + verbose
        + " journal-size="
        + journalSize
        + " admin-token="
        + (admin.token().isPresent() ? "***" : "none")
        + (admin.allowFiles() ? " allow-admin-files" : "")
        + (admin.allowProxy() ? " allow-admin-proxy" : "");
  }

  /**
   * The admin surface ({@code /__admin}, {@code /__mock}).
   *
   * @param token the token it requires ({@code Authorization: Bearer TOKEN}); without one, a mock
   *     bound beyond loopback makes one at start
   * @param allowFiles whether {@code PUT/DELETE /__admin/files/**} may write files
   * @param allowProxy whether stubs created over HTTP may proxy
   */
  public record Admin(Optional<String> token, boolean allowFiles, boolean allowProxy) {

    public Admin {
      if (token.filter(t -> t.length() < 8 || t.isBlank()).isPresent()) {
        throw new IllegalArgumentException("the admin token must be at least 8 characters");
      }
    }

    /** No token (a loopback mock needs none), no file writing, no proxy stubs. */
    public static final Admin LOCAL = new Admin(Optional.empty(), false, false);
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
