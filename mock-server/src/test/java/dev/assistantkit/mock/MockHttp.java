package dev.assistantkit.mock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for the acceptance tests: real requests to a started mock. */
final class MockHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String KEY = "acceptance-key";

  /** The assistant the spec seeds (its ExampleAssistant). */
  static final String EXAMPLE = "550e8400-e29b-41d4-a716-446655440000";

  private final HttpClient client =
      HttpClient.newBuilder()
          // guards against a hang only: a loaded machine may take seconds to accept or answer
          .connectTimeout(Duration.ofSeconds(30))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String baseUrl;

  MockHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  record Answer(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    java.util.Set<String> rules() {
      java.util.Set<String> out = new java.util.LinkedHashSet<>();
      json().path("errors").forEach(e -> out.add(e.path("rule").asString()));
      return out;
    }
  }

  Answer patch(String id, byte[] body, Map<String, String> headers) {
    return send(
        "PATCH", "/assistant/update/" + id, HttpRequest.BodyPublishers.ofByteArray(body), headers);
  }

  Answer patchJson(String id, String json) {
    return patch(
        id,
        json.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY));
  }

  Answer send(
      String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, body);
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.body(),
          r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request of the contract's, sent as it is (method, target, headers, body). */
  Answer send(dev.assistantkit.contract.spec.ApiRequest r) {
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    r.headers().entries().forEach(e -> headers.put(e.getKey(), e.getValue()));
    return send(r.method(), r.target(), HttpRequest.BodyPublishers.ofByteArray(r.body()), headers);
  }

  Answer get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  Answer post(String path, String json) {
    return send(
        "POST",
        path,
        HttpRequest.BodyPublishers.ofString(json),
        Map.of("Content-Type", "application/json"));
  }

  /** A fresh assistant in the given mode, made through POST /__mock/assistants. */
  String newAssistant(String mode) {
    String body =
        mode.equals("realtime")
            ? "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"gemini\",\"model\":\"gemini-3.1-flash-live-preview\",\"voice\":\"Puck\"}}"
            : "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":{\"voice_id\":\"v0\"}}";
    Answer a = post("/__mock/assistants", body);
    if (a.status() != 201) {
      throw new IllegalStateException("could not create an assistant: " + a.text());
    }
    return a.json().get("assistant_id").asString();
  }

  JsonNode state(String id) {
    return get("/__mock/assistants/" + id).json();
  }
}
