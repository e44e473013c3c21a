package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleCase;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The engine takes every operation from the spec: a fixture with a GET of the assistant and a
 * second update is routed, validated, answered and judged with no Java written for it.
 */
class MultiOperationTest {

  static final Contract MULTI = MultiOperationSpec.contract();
  static final String ID = Fixtures.GIVEN;

  static ApiRequest request(String method, String path, String body) {
    return new ApiRequest(
        method,
        path,
        Headers.of(
            Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Fixtures.KEY)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_fixture_has_three_operations_and_the_product_spec_one() {
    assertEquals(
        Set.of("updateAssistant", "getAssistant", "renameAssistant"),
        Set.copyOf(MULTI.operations().stream().map(Operation::id).toList()));
    assertEquals(1, Fixtures.CONTRACT.operations().size());
  }

  @Test
  void requests_route_to_their_operation_by_method_and_path() {
    assertEquals("getAssistant", route("GET", "/assistant/" + ID));
    assertEquals("renameAssistant", route("PATCH", "/assistant/rename/" + ID));
    assertEquals("updateAssistant", route("PATCH", "/assistant/update/" + ID));
    Route r = MULTI.route("DELETE", "/assistant/" + ID);
    assertEquals(Set.of("GET"), assertInstanceOf(Route.MethodNotAllowed.class, r).allowed());
  }

  private static String route(String method, String path) {
    return assertInstanceOf(Route.Matched.class, MULTI.route(method, path)).operation().id();
  }

  @Test
  void a_rename_updates_the_resource_and_a_get_reads_it_back_without_write_only_fields() {
    ResourceModel model = MULTI.resource("assistant").orElseThrow();
    ResourceState seed = MULTI.seed(model, Profile.STRICT).get(0);
    TestKnowledge k = new TestKnowledge(Fixtures.KEY).with(ID, new Knowledge.Present(seed));
    Decision rename =
        MULTI.evaluate(
            request("PATCH", "/assistant/rename/" + ID, "{\"assistant_name\":\"Renamed\"}"), k);
    ResourceState after = rename.applied(Profile.STRICT).orElseThrow();
    assertEquals("Renamed", after.fields().get("assistant_name").asString());

    ResourceState withKey =
        ResourceState.of(
            ID,
            (tools.jackson.databind.node.ObjectNode)
                TestKnowledge.JSON.readTree(
                    "{\"assistant_name\":\"Renamed\",\"assistant_llm_config\":{\"provider\":\"p\",\"api_key\":\"sk-secret\"}}"),
            2);
    TestKnowledge k2 = new TestKnowledge(Fixtures.KEY).with(ID, new Knowledge.Present(withKey));
    Decision get = MULTI.evaluate(request("GET", "/assistant/" + ID, ""), k2);
    Answer a = get.answer(Profile.STRICT, get.resourceSeen());
    assertEquals(200, a.status());
    JsonNode body = TestKnowledge.JSON.readTree(a.body());
    assertEquals("Renamed", body.at("/data/assistant_name").asString());
    assertEquals(ID, body.at("/data/assistant_id").asString());
    assertFalse(a.bodyText().contains("sk-secret"), a.bodyText());
    Judgement j =
        MULTI.judge(
            MULTI.predict(request("GET", "/assistant/" + ID, ""), k2),
            Observed.of(200, "application/json", a.body()),
            Set.of(),
            Set.of());
    assertEquals(java.util.List.of(), j.findings());
  }

  @Test
  void each_operation_validates_with_its_own_schema_and_rules() {
    TestKnowledge k = Fixtures.inMode("pipeline");
    Decision noName = MULTI.evaluate(request("PATCH", "/assistant/rename/" + ID, "{}"), k);
    assertEquals(Set.of("rename.name-required"), noName.report(Profile.STRICT).ruleIds());
    Decision tts =
        MULTI.evaluate(
            request(
                "PATCH",
                "/assistant/rename/" + ID,
                "{\"assistant_tts_model\":\"x\",\"assistant_name\":\"n\"}"),
            k);
    assertEquals(Set.of("body.unknown-field"), tts.report(Profile.STRICT).ruleIds());
    assertEquals(
        200, tts.status(Profile.DOCUMENTED), "the documented reading ignores unknown fields");
    Decision unknown =
        MULTI.evaluate(request("GET", "/assistant/" + CaseRequests.UNKNOWN_ID, ""), k);
    assertEquals(404, unknown.status(Profile.STRICT));
    Judgement j =
        MULTI.judge(
            MULTI.predict(request("GET", "/assistant/" + ID, ""), k),
            Observed.of(
                200, "application/json", "{\"success\":true}".getBytes(StandardCharsets.UTF_8)),
            Set.of(),
            Set.of());
    assertTrue(
        j.findings().stream().anyMatch(f -> f.ruleId().equals("response.success-body")),
        j::toString);
  }

  @Test
  void the_fixture_cases_get_the_answers_they_claim() {
    for (Operation op : MULTI.operations()) {
      for (Rule r : op.rules().all()) {
        for (RuleCase c : r.cases()) {
          ApiRequest req = CaseRequests.request(op, c, Fixtures.KEY, ID).orElseThrow();
          String mode = c.given().path("assistant_llm_mode").asString("pipeline");
          Decision d = MULTI.evaluate(req, Fixtures.inMode(mode));
          int want = c.expect() == RuleCase.Expect.ACCEPT ? op.successStatus() : r.status();
          assertEquals(want, d.status(Profile.STRICT), () -> c.id() + ": " + d);
        }
      }
    }
    assertEquals(Optional.empty(), MULTI.operation("nope"));
  }
}
