package dev.assistantkit.mock.tools;

import dev.assistantkit.mock.door.Arrival;
import dev.assistantkit.mock.door.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /docs}: Swagger UI (from its webjar) on the spec, whose first server is this mock, so "try
 * it out" talks to the mock, and a link to the rules ({@code /docs/rules.html}, {@code
 * /docs/rules.json}). {@code /openapi.yaml}: the spec itself. Open to any client, as the spec is: a
 * colleague who opens the docs by the mock's network address follows the link too.
 */
final class DocsEndpoints {

  private static final String INDEX =
      """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Update Assistant API (mock)</title>
      <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
      <link rel="stylesheet" href="/docs/swagger-ui.css"></head>
      <body><nav id="kit-links" style="font:14px sans-serif;margin:1em 20px 0">
      <a href="/docs/rules.html">The rules of the contract</a>: each rule's id, origin, status and
      sentence, as the mock judges requests by them</nav>
      <div id="ui"></div>
      <script src="/docs/swagger-ui-bundle.js"></script>
      <script>window.ui = SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#ui",
        persistAuthorization: true, tryItOutEnabled: true});</script>
      </body></html>
      """;

  private final String specText;
  private final String webjarRoot;
  private final dev.assistantkit.contract.Contract contract;

  /** The rules' views, made at the first read (not at start: the first answer waits for none). */
  private volatile RuleCatalogueViews rules;

  /** The webjar's files that exist, read once each (Swagger UI's bundle is over a megabyte). */
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  DocsEndpoints(dev.assistantkit.contract.Contract contract) {
    this.specText = contract.spec().text();
    this.contract = contract;
    this.webjarRoot = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
  }

  /** Whether this GET is for the docs or the spec. */
  static boolean serves(String path) {
    return path.equals("/docs") || path.startsWith("/docs/") || path.equals("/openapi.yaml");
  }

  Reply answer(Arrival request) {
    String path = request.rawPath();
    if (path.equals("/openapi.yaml")) {
      // the first server depends on the address headers: a shared cache must not keep one
      // address's spec (or one a forged X-Forwarded-Host chose) for every client
      return new Reply(
          200,
          List.of(
              Map.entry("Content-Type", "application/yaml"),
              Map.entry("Vary", "Host, X-Forwarded-Host, X-Forwarded-Proto"),
              Map.entry("Cache-Control", "no-cache")),
          spec(baseUrlOf(request)).getBytes(StandardCharsets.UTF_8));
    }
    if (path.equals("/docs")) {
      return new Reply(302, List.of(Map.entry("Location", "/docs/")), new byte[0]);
    }
    if (path.equals("/docs/") || path.equals("/docs/index.html")) {
      return ok("text/html; charset=utf-8", INDEX.getBytes(StandardCharsets.UTF_8));
    }
    if (path.equals("/docs/rules.html")) {
      return new Reply(
          200,
          List.of(
              Map.entry("Content-Type", "text/html; charset=utf-8"),
              Map.entry("Content-Security-Policy", RuleCatalogueViews.POLICY),
              Map.entry("X-Content-Type-Options", "nosniff"),
              Map.entry("Cache-Control", "no-cache")),
          rules().html());
    }
    if (path.equals("/docs/rules.json")) {
      return new Reply(
          200,
          List.of(
              Map.entry("Content-Type", "application/json"),
              Map.entry("Cache-Control", "no-cache")),
          rules().json());
    }
    String file = path.substring("/docs/".length());
    if (!file.matches("[A-Za-z0-9._-]+")) {
      return notFound();
    }
    byte[] bytes = files.get(file);
    if (bytes == null) {
      bytes = resource(webjarRoot + file);
      if (bytes == null) {
        return notFound(); // not cached: the names a client may try are endless
      }
      files.put(file, bytes);
    }
    String type =
        file.endsWith(".js")
            ? "application/javascript"
            : file.endsWith(".css")
                ? "text/css"
                : file.endsWith(".png") ? "image/png" : "application/octet-stream";
    return ok(type, bytes);
  }

  private RuleCatalogueViews rules() {
    RuleCatalogueViews r = rules;
    if (r == null) {
      r = new RuleCatalogueViews(contract);
      rules = r; // two first reads may both make it: the same views
    }
    return r;
  }

  /**
   * The spec with this mock as its first server, at the address the request was sent to, so that
   * "Try it out" works from wherever the docs are opened.
   */
  private String spec(String baseUrl) {
    return specText.replaceFirst(
        "(?m)^servers:\\n",
        java.util.regex.Matcher.quoteReplacement(
            "servers:\n  - url: " + baseUrl + "\n    description: This mock (try it out here)\n"));
  }

  /**
   * The address the client used: {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} when a proxy
   * sets them, else the Host header; only well-formed host names and ports are taken.
   */
  static String baseUrlOf(Arrival request) {
    String proto =
        header(request, "X-Forwarded-Proto").filter(p -> p.matches("https?")).orElse("http");
    java.util.function.Predicate<String> hostName =
        h -> h.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    String host =
        header(request, "X-Forwarded-Host")
            .map(h -> h.split(",")[0].trim())
            .filter(hostName)
            .or(() -> header(request, "Host").filter(hostName))
            .orElse(request.host() + ":" + request.port());
    return proto + "://" + host;
  }

  private static Optional<String> header(Arrival request, String name) {
    return request.header(name).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static Reply ok(String type, byte[] body) {
    return new Reply(200, List.of(Map.entry("Content-Type", type)), body);
  }

  private static Reply notFound() {
    return new Reply(
        404,
        List.of(Map.entry("Content-Type", "text/plain")),
        "not found".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) {
    try (InputStream in = DocsEndpoints.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webjarVersion() {
    Properties p = new Properties();
    try (InputStream in =
        DocsEndpoints.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
