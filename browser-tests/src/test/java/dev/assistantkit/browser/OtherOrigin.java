package dev.assistantkit.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A web page served from another origin than the mock's: a JDK HTTP server on its own port (of
 * 127.0.0.1, or another loopback address for another site), answering one page at {@code /} and an
 * empty favicon.
 */
final class OtherOrigin implements AutoCloseable {

  private final HttpServer server;
  private final String host;

  private OtherOrigin(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /** Serves {@code html} at {@code http://<address>:<free port>/}. */
  static OtherOrigin serve(String address, String html) throws IOException {
    byte[] page = html.getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
              exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
              exchange.getResponseHeaders().set("Cache-Control", "no-store");
              exchange.sendResponseHeaders(200, page.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
              }
            } else {
              // the favicon too: nothing, and no 404 in the console
              exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 204 : 404, -1);
            }
          }
        });
    server.start();
    return new OtherOrigin(server, address);
  }

  /** The page's URL, by the address it was bound to. */
  String url() {
    return url(host);
  }

  /** The page's URL by another name of the same address (e.g. localhost for 127.0.0.1). */
  String url(String name) {
    return "http://" + name + ":" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
