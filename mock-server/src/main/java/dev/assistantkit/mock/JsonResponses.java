package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;

/** Small builders for the mock's JSON answers. */
final class JsonResponses {

  private JsonResponses() {}

  static ResponseDefinitionBuilder json(int status, byte[] body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Cache-Control", "no-store")
        .withBody(body);
  }

  static ResponseDefinition json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8)).build();
  }

  static ResponseDefinition json(int status, Object value) {
    try {
      return json(status, AssistantChanges.JSON.writeValueAsBytes(value)).build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
