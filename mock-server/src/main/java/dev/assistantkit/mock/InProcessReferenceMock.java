package dev.assistantkit.mock;

import dev.assistantkit.contract.inprocess.ReferenceMockProvider;
import dev.assistantkit.contract.inprocess.StartedMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The mock as the conformance suite's in-process target (run without a base URL): registered in
 * META-INF/services, found by the suite when this module is on its class path.
 */
public final class InProcessReferenceMock implements ReferenceMockProvider {

  /** For the service loader. */
  public InProcessReferenceMock() {}

  @Override
  public StartedMock start(String apiKey, Optional<String> resourceId, Optional<Path> spec) {
    MockConfig config = MockConfig.defaults();
    if (!apiKey.isBlank()) {
      config = config.withApiKeys(List.of(apiKey));
    }
    if (spec.isPresent()) {
      config = config.withSpec(spec.get());
    }
    String key = config.apiKeys().get(0);
    MockServer server = MockServer.start(config);
    try {
      Optional<Map.Entry<String, List<String>>> seeded =
          server.seededIds().entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst();
      if (seeded.isEmpty()) {
        if (server.contract().resources().isEmpty()) {
          // a plain document: no resource to address (its path parameters are the suite's);
          // its answers are generated, so the generator is built now, not in the first answer
          server.contract().generator();
          return new Started(server, key, "");
        }
        throw new IllegalStateException("the mock's spec seeds no resource");
      }
      Map.Entry<String, List<String>> first = seeded.get();
      String id = resourceId.orElse(first.getValue().get(0));
      if (!first.getValue().contains(id.toLowerCase(Locale.ROOT))) {
        create(server, first.getKey(), id);
      }
      return new Started(server, key, id);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Creates a resource through the mock's admin API, as a user would. */
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private record Started(MockServer server, String apiKey, String resourceId)
      implements StartedMock {
    @Override
    public String baseUrl() {
      return server.baseUrl();
    }

    @Override
    public void close() {
      server.close();
    }

    /** Without the key. */
    @Override
    public String toString() {
      return "StartedMock[" + baseUrl() + "]";
    }
  }
}
