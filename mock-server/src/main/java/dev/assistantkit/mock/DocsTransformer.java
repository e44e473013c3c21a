package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@code /docs}: Swagger UI (from its webjar) on the spec, whose first server is this mock, so "try
 * it out" talks to the mock. {@code /openapi.yaml}: the spec itself.
 */
final class DocsTransformer extends StubTransformer {

  static final String NAME = "assistant-mock-docs";

  private static final String INDEX =
      """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Update Assistant API (mock)</title>
      <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
      <link rel="stylesheet" href="/docs/swagger-ui.css"></head>
      <body><div id="ui"></div>
      <script src="/docs/swagger-ui-bundle.js"></script>
      <script>window.ui = SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#ui",
        persistAuthorization: true, tryItOutEnabled: true});</script>
      </body></html>
      """;

  private final String specText;
  private final String webjarRoot;

  DocsTransformer(dev.assistantkit.contract.Contract contract) {
    super(NAME);
    this.specText = contract.spec().text();
    this.webjarRoot = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    String path = serveEvent.getRequest().getUrl().split("\\?", 2)[0];
    if (path.equals("/openapi.yaml")) {
      // the first server depends on the address headers: a shared cache must not keep one
      // address's spec (or one a forged X-Forwarded-Host chose) for every client
      return ResponseDefinitionBuilder.like(
              ok(
                  "application/yaml",
                  spec(baseUrlOf(serveEvent.getRequest())).getBytes(StandardCharsets.UTF_8)))
          .withHeader("Vary", "Host, X-Forwarded-Host, X-Forwarded-Proto")
          .withHeader("Cache-Control", "no-cache")
          .build();
    }
    if (path.equals("/docs")) {
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(302)
          .withHeader("Location", "/docs/")
          .build();
    }
    if (path.equals("/docs/") || path.equals("/docs/index.html")) {
      return ok("text/html; charset=utf-8", INDEX.getBytes(StandardCharsets.UTF_8));
    }
    String file = path.substring("/docs/".length());
    if (!file.matches("[A-Za-z0-9._-]+")) {
      return notFound();
    }
    byte[] bytes = resource(webjarRoot + file);
    if (bytes == null) {
      return notFound();
    }
    String type =
        file.endsWith(".js")
            ? "application/javascript"
            : file.endsWith(".css")
                ? "text/css"
                : file.endsWith(".png") ? "image/png" : "application/octet-stream";
    return ok(type, bytes);
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
  static String baseUrlOf(com.github.tomakehurst.wiremock.http.Request request) {
    String proto =
        header(request, "X-Forwarded-Proto").filter(p -> p.matches("https?")).orElse("http");
    java.util.function.Predicate<String> hostName =
        h -> h.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    String host =
        header(request, "X-Forwarded-Host")
            .map(h -> h.split(",")[0].trim())
            .filter(hostName)
            .or(() -> header(request, "Host").filter(hostName))
            .orElse(request.getHost() + ":" + request.getPort());
    return proto + "://" + host;
  }

  private static java.util.Optional<String> header(
      com.github.tomakehurst.wiremock.http.Request request, String name) {
    return request.containsHeader(name)
        ? java.util.Optional.ofNullable(request.getHeader(name))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
        : java.util.Optional.empty();
  }

  private static ResponseDefinition ok(String type, byte[] body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", type)
        .withBody(body)
        .build();
  }

  private static ResponseDefinition notFound() {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(404)
        .withHeader("Content-Type", "text/plain")
        .withBody("not found")
        .build();
  }

  private static byte[] resource(String name) {
    try (InputStream in = DocsTransformer.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webjarVersion() {
    Properties p = new Properties();
    try (InputStream in =
        DocsTransformer.class
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
