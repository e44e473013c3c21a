package dev.assistantkit.mock.door;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Who may use the admin surface ({@code /__admin}, {@code /__mock}): never a browser page of
 * another origin (simple requests included), on loopback only a client that addresses the mock by a
 * loopback name (a DNS-rebinding page cannot), and beyond loopback only a client with the token.
 * File writing and proxy stubs are off unless the policy turns them on.
 */
final class AdminGuard {

  /** A refusal: status, rule, where, pointer, message. */
  record Refusal(int status, String rule, String in, String pointer, String message) {}

  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private final DoorPolicy policy;
  private final byte[] token;

  AdminGuard(DoorPolicy policy) {
    this.policy = policy;
    this.token = policy.adminToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
  }

  /**
   * Checks a request to the admin surface from its head alone.
   *
   * @param path the decoded path as Jetty routes it
   * @param header a request header by name (first value), null when absent
   */
  Optional<Refusal> check(String method, String path, Function<String, String> header) {
    String site = header.apply("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      return refuseCrossOrigin("/Sec-Fetch-Site", "a page of another site");
    }
    String origin = header.apply("Origin");
    String host = header.apply("Host");
    if (origin != null && !sameOrigin(origin, host)) {
      return refuseCrossOrigin("/Origin", "a page of another origin");
    }
    if (token == null) {
      if (host != null && !loopbackName(host)) {
        return refuseCrossOrigin(
            "/Host",
            "a request that does not address the mock by a loopback name (localhost, 127.0.0.1,"
                + " [::1])");
      }
    } else if (!(isHealth(method, path) || tokenSent(header.apply("Authorization")))) {
      return Optional.of(
          new Refusal(
              401,
              DoorRules.ADMIN_TOKEN,
              "header",
              "/Authorization",
              "the admin API of this mock needs Authorization: Bearer <admin token> (the token"
                  + " printed at start, or the --admin-token given)"));
    }
    if (!policy.allowAdminFiles()
        && path.startsWith("/__admin/files")
        && !method.equals("GET")
        && !method.equals("HEAD")) {
      return Optional.of(
          new Refusal(
              403,
              DoorRules.ADMIN_DISABLED,
              "path",
              "",
              "writing files through the admin API is off; start the mock with"
                  + " --allow-admin-files to turn it on"));
    }
    return Optional.empty();
  }

  /** The refusal of a stub that proxies, when proxy stubs are off. */
  static Refusal proxyRefusal() {
    return new Refusal(
        403,
        DoorRules.ADMIN_DISABLED,
        "body",
        "",
        "stubs that proxy (proxyBaseUrl, recordings) are off for the admin API; start the mock"
            + " with --allow-admin-proxy to turn them on");
  }

  /**
   * {@code GET /__admin/health} (WireMock's) and {@code GET /__mock/health} (the kit's): the
   * readiness checks, open without the token.
   */
  static boolean isHealth(String method, String path) {
    return (method.equals("GET") || method.equals("HEAD"))
        && (path.equals("/__admin/health") || path.equals("/__mock/health"));
  }

  boolean tokenSent(String authorization) {
    if (token == null) {
      return true;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] sent = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(sent, token);
  }

  private static Optional<Refusal> refuseCrossOrigin(String pointer, String who) {
    return Optional.of(
        new Refusal(
            403,
            DoorRules.ADMIN_CROSS_ORIGIN,
            "header",
            pointer,
            "the admin API (/__admin, /__mock) does not answer "
                + who
                + "; use it from the command line, a test, or a page this mock serves"));
  }

  /** Whether a browser's Origin is this server as the browser addressed it (the Host header). */
  static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI o = new URI(origin.trim());
      if (!"http".equalsIgnoreCase(o.getScheme()) || o.getHost() == null) {
        return false;
      }
      int originPort = o.getPort() < 0 ? 80 : o.getPort();
      URI h = new URI("http://" + host.trim());
      int hostPort = h.getPort() < 0 ? 80 : h.getPort();
      return h.getHost() != null
          && o.getHost().equalsIgnoreCase(h.getHost())
          && originPort == hostPort
          && (o.getPath() == null || o.getPath().isEmpty());
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** localhost or a loopback address literal, with or without a port; never resolved. */
  static boolean loopbackName(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close > 0 && h.substring(1, close).equals("::1");
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.equals("localhost") || IPV4_LOOPBACK.matcher(name).matches();
  }
}
