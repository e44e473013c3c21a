package dev.assistantkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SchemaWalker;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies derived through the contract's schema walker break what they claim to, by the engine's
 * own answer (the page's fields named here only as test data).
 */
class DerivedBodiesTest {

  static final Operation UPDATE = SuiteRuns.CONTRACT.operations().get(0);
  static final List<DerivedBodies.Derived> DERIVED =
      DerivedBodies.derive(SuiteRuns.CONTRACT, UPDATE, SpecBodies.of(SuiteRuns.CONTRACT, UPDATE));

  static Decision decide(DerivedBodies.Derived d, String mode) {
    ApiRequest r = CaseRequests.json(UPDATE, SuiteRuns.ASSISTANT, SpecBodies.bytes(d.body()), "k");
    ObjectNode state = d.given().deepCopy();
    if (!state.has("assistant_llm_mode")) {
      state.put("assistant_llm_mode", mode);
    }
    Knowledge k =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String id) {
            return new Present(ResourceState.of(id, state, 0));
          }
        };
    return SuiteRuns.CONTRACT.predict(r, k).single();
  }

  static List<DerivedBodies.Derived> group(String name) {
    List<DerivedBodies.Derived> list =
        DERIVED.stream().filter(d -> d.group().equals(name)).toList();
    assertFalse(list.isEmpty(), "no derived case in group " + name);
    return list;
  }

  @Test
  void every_typed_property_at_any_depth_gets_a_value_of_every_other_json_type() {
    java.util.Map<String, Set<String>> typed = new java.util.TreeMap<>();
    for (DerivedBodies.Derived d : group(DerivedBodies.WRONG_TYPE)) {
      String[] parts = d.name().split(" as ");
      typed.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
    }
    for (SchemaWalker.Property p :
        SuiteRuns.CONTRACT
            .walker()
            .properties(UPDATE.bodySchemaLocation().orElseThrow(), DerivedBodies.MAX_DEPTH)) {
      if (!p.type().isEmpty()) {
        Set<String> want = new TreeSet<>(DerivedBodies.WRONG_VALUES.keySet());
        want.remove(p.type());
        if (p.type().equals("number")) {
          want.remove("integer");
        }
        assertEquals(want, typed.get(String.join(".", p.path())), p::toString);
      }
    }
    assertTrue(typed.containsKey("assistant_interaction_config.speaks_first"), typed::toString);
    assertTrue(typed.containsKey("assistant_llm_config.api_key"), typed::toString);
    assertTrue(typed.get("assistant_tts_config").contains("string"), typed::toString);
    assertTrue(typed.get("assistant_llm_config").contains("string"), typed::toString);
  }

  /**
   * Each body breaks the type and nothing else of the request: a wrong type is body.field-type (and
   * an enum's own rule, which no value of another type meets), a null is body.null-value; the base
   * body around it is valid in the state it is sent in.
   */
  @Test
  void every_wrong_type_body_is_rejected_in_either_mode_for_its_type_alone() {
    for (DerivedBodies.Derived d : group(DerivedBodies.WRONG_TYPE)) {
      for (String mode : List.of("pipeline", "realtime")) {
        Decision e = decide(d, mode);
        assertEquals(400, e.status(Profile.STRICT), d::toString);
        Set<String> named = new TreeSet<>(e.report(Profile.STRICT).ruleIds());
        String rule = d.name().endsWith(" as null") ? "body.null-value" : "body.field-type";
        assertTrue(named.remove(rule), () -> d + ": " + e.report(Profile.STRICT));
        named.removeIf(r -> r.startsWith("enum."));
        if (rule.equals("body.null-value")) {
          // the documented reading takes a null for an absent field: a field the page requires
          // is then missing, which the strict answer names too
          named.removeAll(
              Set.of(
                  "tts.pair",
                  "mode.pipeline-requires-tts",
                  "mode.realtime-requires-llm-config",
                  "llm-config.required"));
        }
        Set<String> rest = named;
        assertEquals(Set.of(), rest, () -> d + " in " + mode + ": " + e.report(Profile.STRICT));
      }
    }
  }

  @Test
  void every_enum_value_is_accepted_naming_the_enums_rule_and_the_one_outside_is_rejected() {
    int accepted = 0;
    for (DerivedBodies.Derived d : group(DerivedBodies.ENUM)) {
      Decision e = decide(d, "pipeline");
      if (d.name().endsWith("(outside the enum)")) {
        assertEquals(400, e.status(Profile.STRICT), d::toString);
      } else {
        accepted++;
        assertEquals(200, e.status(Profile.STRICT), () -> d + ": " + e.report(Profile.STRICT));
        // sent with nothing whose contents the page leaves open: every server following the page
        // accepts it, so one that refuses the value itself fails
        assertEquals(Set.of(200), e.acceptable(Profile.DOCUMENTED), () -> d + ": " + e.open());
        assertTrue(d.subjects().stream().anyMatch(s -> s.startsWith("enum.")), d::toString);
      }
    }
    assertEquals(6, accepted, "2 modes and 4 TTS providers");
  }

  @Test
  void each_missing_required_property_breaks_its_required_rule() {
    Set<String> rules = new TreeSet<>();
    group(DerivedBodies.REQUIRED)
        .forEach(d -> rules.addAll(decide(d, "pipeline").report(Profile.STRICT).ruleIds()));
    assertTrue(rules.contains("llm-config.required"), rules::toString);
    assertEquals(3, group(DerivedBodies.REQUIRED).size(), "provider, model and voice");
  }

  @Test
  void each_dependent_required_pair_broken_alone_breaks_tts_pair() {
    for (DerivedBodies.Derived d : group(DerivedBodies.DEPENDENT)) {
      assertTrue(
          decide(d, "pipeline").report(Profile.STRICT).ruleIds().contains("tts.pair"), d::toString);
    }
    assertEquals(2, group(DerivedBodies.DEPENDENT).size());
  }

  @Test
  void each_if_then_broken_is_rejected_and_names_the_mode_rules() {
    Set<String> rules = new TreeSet<>();
    for (DerivedBodies.Derived d : group(DerivedBodies.IF_THEN)) {
      Decision e = decide(d, "pipeline");
      assertEquals(400, e.status(Profile.STRICT), d::toString);
      rules.addAll(e.report(Profile.STRICT).ruleIds());
    }
    assertTrue(rules.contains("mode.pipeline-requires-tts"), rules::toString);
    assertTrue(rules.contains("mode.realtime-requires-llm-config"), rules::toString);
  }

  @Test
  void an_operation_without_a_json_body_derives_nothing() {
    Operation get =
        dev.assistantkit.contract.MultiOperationSpec.contract()
            .operation("getAssistant")
            .orElseThrow();
    assertEquals(
        List.of(),
        DerivedBodies.derive(SuiteRuns.CONTRACT, get, SpecBodies.of(SuiteRuns.CONTRACT, get)));
  }
}
