package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assistantkit.generated.model.AssistantUpdateRequest;
import dev.assistantkit.generated.model.LlmMode;
import dev.assistantkit.generated.model.RealtimeLlmConfig;
import dev.assistantkit.generated.model.TtsModel;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The generated interface, implemented by the mock: a typed call and an HTTP call reach the same
 * engine and state. The test names the page's fields through the generated models, to prove the
 * models and the contract agree.
 */
class TypedApiTest {

  @Test
  void a_typed_update_changes_the_state_http_shows_and_a_broken_one_is_rejected_with_the_rule() {
    try (MockServer server =
        MockServer.start(MockConfig.defaults().withApiKeys(List.of("typed-key")))) {
      UUID id = UUID.fromString(MockHttp.EXAMPLE);
      var ok =
          server
              .api()
              .updateAssistant(
                  id,
                  new AssistantUpdateRequest()
                      .assistantLlmMode(LlmMode.REALTIME)
                      .assistantLlmConfig(
                          new RealtimeLlmConfig().provider("gemini").model("m").voice("Puck")));
      assertEquals(id, ok.getData().getAssistantId());
      var state = new MockHttp(server.baseUrl()).state(MockHttp.EXAMPLE);
      assertEquals("realtime", state.get("assistant_llm_mode").asString());
      assertEquals(1, state.get("version").asInt());

      TypedApi.Rejected rejected =
          assertThrows(
              TypedApi.Rejected.class,
              () ->
                  server
                      .api()
                      .updateAssistant(
                          id, new AssistantUpdateRequest().assistantTtsModel(TtsModel.CARTESIA)));
      assertEquals(400, rejected.status());
      assertEquals("tts.pair", rejected.error().getErrors().get(0).getRule());
      assertEquals(
          1, new MockHttp(server.baseUrl()).state(MockHttp.EXAMPLE).get("version").asInt());
    }
  }
}
