package com.example.assistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small client of the Update Assistant API: the code a team that calls the API writes. */
public class AssistantClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;
  private final String apiKey;

  public AssistantClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** Gives an assistant a new name; returns the HTTP status. */
  public int rename(String assistantId, String name) throws IOException, InterruptedException {
    return update(assistantId, Map.of("assistant_name", name));
  }

  /** Turns the end-call tool on or off; returns the HTTP status. */
  public int enableEndCall(String assistantId, boolean enabled)
      throws IOException, InterruptedException {
    return update(assistantId, Map.of("assistant_end_call_enabled", enabled));
  }

  /** {@code PATCH /assistant/update/{assistant_id}} with the fields to change. */
  protected int update(String assistantId, Map<String, ?> fields)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/assistant/update/" + assistantId))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
