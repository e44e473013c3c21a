package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.assistantkit.contract.answers.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Small builders for the mock's JSON answers. */
final class JsonResponses {

  static final JsonMapper JSON = dev.assistantkit.contract.spec.JsonMappers.plain();

  private JsonResponses() {}

  static ResponseDefinitionBuilder json(int status, byte[] body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Cache-Control", "no-store")
        .withBody(body);
  }

  /** An answer of the contract, with its own headers (e.g. Allow). */
  static ResponseDefinitionBuilder answer(Answer answer) {
    ResponseDefinitionBuilder b = json(answer.status(), answer.body());
    for (Map.Entry<String, String> h : answer.headers()) {
      b.withHeader(h.getKey(), h.getValue());
    }
    return b;
  }

  static ResponseDefinition json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8)).build();
  }

  static ResponseDefinition json(int status, Object value) {
    return json(status, JSON.writeValueAsBytes(value)).build();
  }
}
