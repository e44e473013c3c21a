package dev.assistantkit.conformance;

import dev.assistantkit.mock.MockConfig;
import dev.assistantkit.mock.MockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-process runner: the reference mock, started when no base URL is given. The only class of
 * the suite that knows the mock (an architecture test keeps it so).
 */
final class ReferenceMock implements AutoCloseable {

  private final MockServer server;
  private final String key;
  private final String resourceId;

  private ReferenceMock(MockServer server, String key, String resourceId) {
    this.server = server;
    this.key = key;
    this.resourceId = resourceId;
  }

  /**
   * Starts the mock on a free local port with the spec (the kit's unless one is given), accepting
   * the key (its development key when none is given), with the resource present: the given id
   * (created through the mock's admin API when the seed lacks it), or the first seeded one.
   */
  static ReferenceMock start(String apiKey, Optional<String> resourceId, Optional<Path> spec) {
    MockConfig config = MockConfig.defaults();
    if (!apiKey.isBlank()) {
      config = config.withApiKeys(List.of(apiKey));
    }
    if (spec.isPresent()) {
      config = config.withSpec(spec.get());
    }
    MockServer server = MockServer.start(config);
    try {
      Optional<Map.Entry<String, List<String>>> seeded =
          server.seededIds().entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst();
      if (seeded.isEmpty()) {
        if (server.contract().resources().isEmpty()) {
          // a plain document: no resource to address (its path parameters are the suite's);
          // its answers are generated, so the generator is built now, not in the first answer
          server.contract().generator();
          return new ReferenceMock(server, config.apiKeys().get(0), "");
        }
        throw new IllegalStateException("the mock's spec seeds no resource");
      }
      Map.Entry<String, List<String>> first = seeded.get();
      String id = resourceId.orElse(first.getValue().get(0));
      if (!first.getValue().contains(id.toLowerCase(java.util.Locale.ROOT))) {
        create(server, first.getKey(), id);
      }
      return new ReferenceMock(server, config.apiKeys().get(0), id);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static void create(MockServer server, String resource, String id) {
    String collection =
        server.contract().resource(resource).map(r -> r.collection()).orElse(resource + "s");
    String idProperty = server.contract().resource(resource).map(r -> r.idProperty()).orElse("id");
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__mock/" + collection))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"" + idProperty + "\":\"" + id + "\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "the reference mock did not create " + resource + " " + id + ": " + r.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String baseUrl() {
    return server.baseUrl();
  }

  String key() {
    return key;
  }

  String resourceId() {
    return resourceId;
  }

  @Override
  public void close() {
    server.close();
  }
}
