package dev.assistantkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A plain Java HTTP client (no browser, no Origin) for setting up and checking the mock. */
final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          // guards against a hang only: a loaded machine may take seconds to accept or answer
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  /** An answer: status and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      return Pages.JSON.readTree(body);
    }
  }

  private Http() {}

  static Answer get(String url, Map<String, String> headers) {
    return send("GET", url, null, headers);
  }

  static Answer send(String method, String url, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
