package com.example.assistant.twins;

import static io.restassured.RestAssured.given;

import com.example.assistant.AssistantServer;
import dev.assistantkit.conformance.restassured.ContractFilter;
import dev.assistantkit.contract.rules.Profile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * AssistantRestAssuredTest's twin: it sends a TTS model without its config, which breaks tts.pair.
 * The server refuses it (400), as the test expects, but the filter fails the test (TwinsTest).
 */
class TtsWithoutConfigTest {

  @Test
  void changes_the_voice_model() {
    try (AssistantServer server =
        new AssistantServer("test-key", "550e8400-e29b-41d4-a716-446655440000").start()) {
      given()
          .filter(new ContractFilter(Profile.DOCUMENTED))
          .baseUri(server.baseUrl())
          .auth()
          .oauth2("test-key")
          .contentType(ContentType.JSON)
          .body("{\"assistant_tts_model\": \"cartesia\"}")
          .when()
          .patch("/assistant/update/{id}", "550e8400-e29b-41d4-a716-446655440000")
          .then()
          .statusCode(400);
    }
  }
}
