package dev.assistantkit.conformance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.conformance.restassured.ContractFilter;
import dev.assistantkit.conformance.restassured.ContractFilter.BrokenExchange;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.mock.MockServer;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ContractFilter}: each exchange of a REST-Assured test judged by the contract, as the proxy
 * judges traffic; a request or an answer that broke a rule of the profile fails the test naming the
 * rule, and the message holds no credential and no secret value.
 */
class ContractFilterTest {

  private static final String PATH = "/assistant/update/" + SuiteRuns.ASSISTANT;
  private static final String SECRET = "sk-provider-secret-4242";

  private static MockServer mock;

  @BeforeAll
  static void start() {
    mock = SuiteRuns.mock(SuiteRuns.KEY, List.of());
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  private static Response patch(String baseUrl, Filter filter, String body) {
    return given()
        .filter(filter)
        .baseUri(baseUrl)
        .auth()
        .oauth2(SuiteRuns.KEY)
        .contentType("application/json")
        .body(body)
        .when()
        .patch(PATH);
  }

  @Test
  void an_exchange_that_keeps_the_contract_passes_with_the_token_rest_assured_adds_itself() {
    // auth().oauth2() adds its header after the filters: the filter judges it all the same
    Response r = patch(mock.baseUrl(), new ContractFilter(), "{\"assistant_name\": \"Ada\"}");
    assertEquals(200, r.statusCode());
    Response h =
        given()
            .filter(new ContractFilter())
            .baseUri(mock.baseUrl())
            .header("Authorization", "Bearer " + SuiteRuns.KEY)
            .contentType("application/json")
            .body("{\"assistant_end_call_enabled\": true}".getBytes())
            .when()
            .patch(PATH);
    assertEquals(200, h.statusCode());
  }

  @Test
  void a_request_breaking_a_rule_fails_naming_the_rule_and_not_the_key() {
    BrokenExchange e =
        assertThrows(
            BrokenExchange.class,
            () -> patch(mock.baseUrl(), new ContractFilter(), "{\"assistant_name\": 7}"));
    assertEquals(List.of("body.field-type"), e.requestRules());
    assertEquals(List.of(), e.answerRules(), "the mock answered as the contract says");
    assertTrue(e.getMessage().contains("the request broke body.field-type"), e::getMessage);
    assertTrue(e.getMessage().contains("PATCH " + PATH + " -> 400"), e::getMessage);
    assertFalse(e.getMessage().contains(SuiteRuns.KEY), e::getMessage);
  }

  @Test
  void no_secret_value_of_the_request_is_shown() {
    String body =
        """
        {"assistant_llm_mode": "realtime",
         "assistant_llm_config": {"provider": "gemini", "model": "m", "voice": "Puck",
                                  "api_key": "%s", "%s": 1}}"""
            .formatted(SECRET, SECRET);
    BrokenExchange e =
        assertThrows(BrokenExchange.class, () -> patch(mock.baseUrl(), new ContractFilter(), body));
    assertTrue(e.requestRules().contains("body.unknown-field"), e::getMessage);
    assertFalse(e.getMessage().contains(SECRET), e::getMessage);
    assertFalse(e.getMessage().contains(SuiteRuns.KEY), e::getMessage);
  }

  @Test
  void judging_answers_only_lets_a_request_break_a_rule_on_purpose_when_the_answer_is_right() {
    Response r =
        patch(mock.baseUrl(), new ContractFilter().judgingAnswersOnly(), "{\"assistant_name\": 7}");
    assertEquals(400, r.statusCode());
  }

  @Test
  void an_answer_breaking_a_rule_fails_naming_the_rule() {
    MockVariants.Variant broken = ConformanceMainTest.variant("answers 200 as text/plain");
    try (MockServer m = SuiteRuns.mock(SuiteRuns.KEY, broken.extensions().apply(SuiteRuns.KEY))) {
      BrokenExchange e =
          assertThrows(
              BrokenExchange.class,
              () ->
                  patch(
                      m.baseUrl(),
                      new ContractFilter().judgingAnswersOnly(),
                      "{\"assistant_name\": \"Ada\"}"));
      assertEquals(List.of(), e.requestRules());
      assertTrue(e.answerRules().contains("response.json"), e::getMessage);
      assertTrue(e.getMessage().contains("the answer broke response.json"), e::getMessage);
    }
  }

  @Test
  void a_path_of_no_operation_is_passed_on_unjudged() {
    Response r =
        given()
            .filter(new ContractFilter())
            .baseUri(mock.baseUrl())
            .when()
            .get("/__mock/assistants/" + SuiteRuns.ASSISTANT);
    assertEquals(200, r.statusCode());
  }

  @Test
  void a_spec_and_profile_of_ones_own_decide_which_rules_fail() {
    Path spec = Path.of("..", "openapi.yaml");
    String typo = "{\"assistant_nmae\": \"Ada\"}"; // body.unknown-field is a decided rule
    Response documented = patch(mock.baseUrl(), ContractFilter.of(spec, Profile.DOCUMENTED), typo);
    assertEquals(400, documented.statusCode());
    BrokenExchange strict =
        assertThrows(
            BrokenExchange.class,
            () -> patch(mock.baseUrl(), ContractFilter.of(spec, Profile.STRICT), typo));
    assertEquals(List.of("body.unknown-field"), strict.requestRules());
  }
}
