package com.example.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.assistantkit.conformance.restassured.ContractFilter;
import dev.assistantkit.contract.rules.Profile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's own REST-Assured tests, with the contract as a filter: each exchange is judged too,
 * and one that broke a rule of the page fails the test, naming the rule.
 */
class AssistantRestAssuredTest {

  static final String KEY = "test-key";
  static final String ASSISTANT = "550e8400-e29b-41d4-a716-446655440000";

  static AssistantServer server;
  static final ContractFilter contract = new ContractFilter(Profile.DOCUMENTED);

  @BeforeAll
  static void start() {
    server = new AssistantServer(KEY, ASSISTANT).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void renames_an_assistant() {
    given()
        .filter(contract)
        .baseUri(server.baseUrl())
        .auth()
        .oauth2(KEY)
        .contentType(ContentType.JSON)
        .body("{\"assistant_name\": \"Ada\"}")
        .when()
        .patch("/assistant/update/{id}", ASSISTANT)
        .then()
        .statusCode(200)
        .body("data.assistant_id", equalTo(ASSISTANT));
  }

  @Test
  void switches_to_realtime_with_the_pages_example() {
    given()
        .filter(contract)
        .baseUri(server.baseUrl())
        .auth()
        .oauth2(KEY)
        .contentType(ContentType.JSON)
        .body(
            """
            {"assistant_llm_mode": "realtime",
             "assistant_llm_config": {"provider": "gemini",
                                      "model": "gemini-3.1-flash-live-preview", "voice": "Puck"}}
            """)
        .when()
        .patch("/assistant/update/{id}", ASSISTANT)
        .then()
        .statusCode(200);
  }

  /** A wrong key on purpose: the request breaks auth.bearer, and the answer must be a 401. */
  @Test
  void refuses_a_wrong_key() {
    given()
        .filter(contract.judgingAnswersOnly())
        .baseUri(server.baseUrl())
        .auth()
        .oauth2("not-the-key")
        .contentType(ContentType.JSON)
        .body("{\"assistant_name\": \"Ada\"}")
        .when()
        .patch("/assistant/update/{id}", ASSISTANT)
        .then()
        .statusCode(401);
  }
}
