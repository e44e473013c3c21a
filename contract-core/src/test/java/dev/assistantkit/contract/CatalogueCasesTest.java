package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case written in the catalogue gets the answer it claims, through the whole evaluation. */
class CatalogueCasesTest {

  static final Contract CONTRACT = Contract.load();
  static final String KEY = "core-test-key";
  static final String GIVEN = "550e8400-e29b-41d4-a716-446655440000";

  static Evaluation evaluate(RuleCase c) {
    return CONTRACT.evaluate(
        CaseRequests.toRequest(c, KEY, GIVEN),
        KEY::equals,
        id -> id.equals(GIVEN) ? Optional.of(c.givenMode().orElse("pipeline")) : Optional.empty());
  }

  @TestFactory
  Stream<DynamicTest> every_catalogue_case_gets_the_answer_it_claims() {
    return CONTRACT.rules().all().stream()
        .flatMap(
            r -> r.cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(r, c))));
  }

  private static void check(Rule rule, RuleCase c) {
    Evaluation e = evaluate(c);
    if (c.expect() == RuleCase.Expect.ACCEPT) {
      assertEquals(200, e.status(), () -> c.id() + " should be accepted: " + e.report());
      assertTrue(e.report().isEmpty());
      return;
    }
    assertEquals(rule.status(), e.status(), () -> c.id() + ": " + e.report());
    if (rule.kind() != RuleKind.ORDER) {
      assertTrue(
          e.report().ruleIds().contains(rule.id()),
          () -> c.id() + " should name " + rule.id() + ": " + e.report());
    }
    for (Violation v : e.report().violations()) {
      assertTrue(CONTRACT.rules().contains(v.ruleId()), () -> "unmapped: " + v);
      assertFalse(v.message().isBlank());
    }
  }

  @Test
  void every_request_rule_is_proved_by_a_rejected_and_an_accepted_case() {
    for (Rule r : CONTRACT.rules().all()) {
      if (r.kind() == RuleKind.RESPONSE || r.kind() == RuleKind.MOCK) {
        continue;
      }
      assertTrue(
          r.cases().stream().anyMatch(c -> c.expect() == RuleCase.Expect.REJECT),
          () -> r.id() + " has no rejected case");
      if (r.kind() != RuleKind.ORDER) {
        assertTrue(
            r.cases().stream().anyMatch(c -> c.expect() == RuleCase.Expect.ACCEPT),
            () -> r.id() + " has no accepted case");
      }
    }
  }

  @Test
  void every_rule_names_enforcing_locations_that_exist() {
    for (Rule r : CONTRACT.rules().all()) {
      assertFalse(r.enforcedBy().isEmpty(), r.id());
      for (String p : r.enforcedBy()) {
        assertFalse(CONTRACT.spec().expand(p).isEmpty(), () -> r.id() + ": " + p);
      }
    }
  }

  @Test
  void every_assertion_keyword_client_input_reaches_belongs_to_a_schema_rule() {
    var locations = RuleCatalogue.assertionLocations(CONTRACT.spec());
    assertTrue(locations.size() > 20, "the walk found too few keywords: " + locations);
    assertTrue(locations.contains("#/components/schemas/AssistantUpdateRequest/dependentRequired"));
    assertTrue(
        locations.contains("#/components/schemas/AssistantUpdateRequest/allOf/0/then/required"));
    for (String at : locations) {
      assertTrue(
          CONTRACT.rules().all().stream()
              .anyMatch(
                  r ->
                      (r.kind() == RuleKind.SCHEMA || r.kind() == RuleKind.STATE)
                          && r.enforces(at)),
          at);
    }
  }

  @Test
  void the_state_rules_are_skipped_only_for_bodies_they_cannot_constrain() {
    // the shortcut is read from the spec; these prove it does not hide a state violation
    assertEquals(200, evaluateBody("{\"assistant_name\":\"x\"}", "realtime").status());
    assertEquals(
        400,
        evaluateBody(
                "{\"assistant_llm_config\":{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"}}",
                "pipeline")
            .status());
    assertEquals(
        400,
        evaluateBody(
                "{\"assistant_tts_model\":\"sarvam\",\"assistant_tts_config\":{\"voice_id\":\"v\"}}",
                "realtime")
            .status());
  }

  @Test
  void an_unknown_rule_id_fails_loudly() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> CONTRACT.rules().get("no.such-rule"));
  }

  @Test
  void the_pages_examples_are_accepted_in_the_mode_they_switch_from() {
    var examples = CONTRACT.spec().requestExamples();
    assertEquals(
        List.of("switchToPipeline", "switchToRealtime", "renameOnly"),
        List.copyOf(examples.keySet()));
    assertEquals(200, evaluateBody(examples.get("switchToPipeline"), "realtime").status());
    assertEquals(200, evaluateBody(examples.get("switchToRealtime"), "pipeline").status());
    assertEquals(200, evaluateBody(examples.get("renameOnly"), "realtime").status());
  }

  static Evaluation evaluateBody(String json, String mode) {
    var req =
        new ContractRequest(
            GIVEN,
            java.util.Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY),
            json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return CONTRACT.evaluate(req, KEY::equals, id -> Optional.of(mode));
  }
}
