package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.Evaluation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The cases derived from the request schema break what they claim to, by the core's answer. */
class DerivedCasesTest {

  private static final Contract CONTRACT = Contracts.shared();
  private static final List<DerivedCases.Derived> DERIVED = DerivedCases.derive(CONTRACT);
  private static final String KEY = "derived-key";
  private static final String ID = SuiteRuns.ASSISTANT;

  static Evaluation evaluate(DerivedCases.Derived d, String mode) {
    return CONTRACT.evaluate(
        CheckCase.jsonRequest(d.json().getBytes(StandardCharsets.UTF_8), KEY, ID),
        KEY::equals,
        id -> Optional.of(mode));
  }

  static List<DerivedCases.Derived> group(String name) {
    List<DerivedCases.Derived> list = DERIVED.stream().filter(d -> d.group().equals(name)).toList();
    assertFalse(list.isEmpty(), "no derived case in group " + name);
    return list;
  }

  @Test
  void every_property_of_the_request_schema_gets_a_wrong_type_case_nested_ones_too() {
    Set<String> typed = new TreeSet<>();
    group(DerivedCases.WRONG_TYPE).forEach(d -> typed.add(d.name().split(" as ")[0]));
    CONTRACT
        .spec()
        .node(DerivedCases.REQUEST_SCHEMA + "/properties")
        .orElseThrow()
        .propertyNames()
        .forEach(p -> assertTrue(typed.contains(p), p));
    assertTrue(typed.contains("assistant_interaction_config.speaks_first"), typed::toString);
    assertTrue(typed.contains("assistant_tts_config.voice_id"), typed::toString);
    assertTrue(typed.contains("assistant_llm_config.api_key"), typed::toString);
  }

  @Test
  void every_wrong_type_body_is_rejected_in_either_mode_naming_body_field_type() {
    for (DerivedCases.Derived d : group(DerivedCases.WRONG_TYPE)) {
      for (String mode : List.of("pipeline", "realtime")) {
        Evaluation e = evaluate(d, mode);
        assertEquals(400, e.status(), d::toString);
        assertTrue(e.report().ruleIds().contains("body.field-type"), () -> d + ": " + e.report());
      }
    }
  }

  @Test
  void every_enum_value_is_accepted_and_the_one_outside_is_rejected_by_the_enum_rule() {
    int accepted = 0;
    for (DerivedCases.Derived d : group(DerivedCases.ENUM)) {
      Evaluation e = evaluate(d, d.givenMode().orElse("pipeline"));
      if (d.name().endsWith("(outside the enum)")) {
        assertEquals(400, e.status(), d::toString);
        assertTrue(e.report().ruleIds().stream().allMatch(r -> r.startsWith("enum.")), d::toString);
      } else {
        accepted++;
        assertEquals(200, e.status(), () -> d + ": " + e.report());
        assertEquals(1, d.subjects().size(), d::toString);
        assertTrue(d.subjects().get(0).startsWith("enum."), d::toString);
      }
    }
    assertEquals(6, accepted, "2 modes and 4 TTS providers");
  }

  @Test
  void each_missing_required_nested_property_breaks_its_required_rule() {
    assertEquals(
        Set.of("llm-config.required", "tts-config.voice-id-required"),
        rulesOf(group(DerivedCases.REQUIRED)));
    assertEquals(4, group(DerivedCases.REQUIRED).size(), "provider, model, voice and voice_id");
  }

  @Test
  void each_dependent_required_pair_broken_alone_breaks_only_tts_pair() {
    for (DerivedCases.Derived d : group(DerivedCases.DEPENDENT)) {
      assertEquals(Set.of("tts.pair"), evaluate(d, "pipeline").report().ruleIds(), d::toString);
    }
    assertEquals(2, group(DerivedCases.DEPENDENT).size());
  }

  @Test
  void each_if_then_broken_names_the_mode_rule_of_its_branch() {
    Set<String> rules = rulesOf(group(DerivedCases.IF_THEN));
    assertTrue(rules.contains("mode.pipeline-requires-tts"), rules::toString);
    assertTrue(rules.contains("mode.realtime-requires-llm-config"), rules::toString);
    for (DerivedCases.Derived d : group(DerivedCases.IF_THEN)) {
      assertEquals(400, evaluate(d, "pipeline").status(), d::toString);
    }
  }

  @Test
  void derived_bodies_start_from_the_specs_examples_where_they_can() {
    Map<String, String> examples = CONTRACT.spec().requestExamples();
    assertTrue(
        DERIVED.stream().anyMatch(d -> d.json().equals(examples.get("switchToRealtime"))),
        "the realtime enum value is the page's own switch example");
  }

  private static Set<String> rulesOf(List<DerivedCases.Derived> list) {
    Set<String> out = new TreeSet<>();
    list.forEach(d -> out.addAll(evaluate(d, "pipeline").report().ruleIds()));
    return out;
  }
}
