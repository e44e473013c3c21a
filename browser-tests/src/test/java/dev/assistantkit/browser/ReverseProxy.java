package dev.assistantkit.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reverse proxy in front of the mock, as a team's ingress would be: it forwards each request with
 * the upstream's own Host, says where the client sent it in {@code X-Forwarded-Host} and {@code
 * X-Forwarded-Proto}, and returns the answer. It keeps the requests it forwarded.
 */
final class ReverseProxy implements AutoCloseable {

  /** Headers a proxy does not pass on, and those the JDK client sets itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          // guards against a hang only: a loaded machine may take seconds to accept or answer
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  private final HttpServer server;
  private final String address;
  private final List<String> forwarded = new CopyOnWriteArrayList<>();

  private ReverseProxy(HttpServer server, String address) {
    this.server = server;
    this.address = address;
  }

  /** Listens on {@code address} (a free port) and forwards everything to {@code upstream}. */
  static ReverseProxy start(String address, String upstream) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    ReverseProxy proxy = new ReverseProxy(server, address);
    server.createContext("/", exchange -> proxy.forward(exchange, upstream));
    server.start();
    return proxy;
  }

  /** Where clients reach it: http://address:port */
  String url() {
    return "http://" + address + ":" + server.getAddress().getPort();
  }

  /** The requests it forwarded, as "METHOD path". */
  List<String> forwarded() {
    return List.copyOf(forwarded);
  }

  private void forward(HttpExchange exchange, String upstream) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      forwarded.add(method + " " + uri.getRawPath());
      HttpRequest.Builder b =
          HttpRequest.newBuilder(
                  URI.create(
                      upstream
                          + uri.getRawPath()
                          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> b.header(name, v));
                }
              });
      b.header("X-Forwarded-Host", exchange.getRequestHeaders().getFirst("Host"));
      b.header("X-Forwarded-Proto", "http");
      HttpResponse<byte[]> r;
      try {
        r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      r.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = r.body();
      exchange.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
