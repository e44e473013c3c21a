package dev.assistantkit.contract;

import static dev.assistantkit.contract.Fixtures.CONTRACT;
import static dev.assistantkit.contract.Fixtures.GIVEN;
import static dev.assistantkit.contract.Fixtures.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.answers.Answer;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one decision: routes, mock controls, both readings, partial knowledge, state changes. */
class EvaluatorTest {

  @Test
  void a_path_of_no_operation_is_404_and_another_method_is_405_with_allow() {
    Decision none =
        CONTRACT.evaluate(
            new ApiRequest("PATCH", "/assistants/x", Headers.none(), new byte[0]),
            Fixtures.inMode("pipeline"));
    assertInstanceOf(Route.NoOperation.class, none.route());
    assertEquals(404, none.status(Profile.STRICT));
    assertEquals(Set.of("route.unknown"), none.report(Profile.STRICT).ruleIds());

    Decision get =
        CONTRACT.evaluate(
            new ApiRequest("GET", "/assistant/update/" + GIVEN, Headers.none(), new byte[0]),
            Fixtures.inMode("pipeline"));
    Answer a = get.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(405, a.status());
    assertEquals(List.of(Map.entry("Allow", "PATCH")), a.headers());
    assertEquals(Set.of("request.method-not-allowed"), get.report(Profile.STRICT).ruleIds());
  }

  @Test
  void methods_are_case_sensitive() {
    ApiRequest r = Fixtures.update(GIVEN, "{\"assistant_name\":\"x\"}");
    Decision d =
        CONTRACT.evaluate(
            new ApiRequest("patch", r.target(), r.headers(), r.body()),
            Fixtures.inMode("pipeline"));
    assertEquals(405, d.status(Profile.STRICT));
  }

  @Test
  void the_sarvam_speaker_config_is_accepted_in_both_profiles() {
    Decision d =
        decide(
            "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"sarvam\","
                + "\"assistant_tts_config\":{\"speaker\":\"anushka\"}}",
            "realtime");
    assertEquals(200, d.status(Profile.STRICT));
    assertEquals(200, d.status(Profile.DOCUMENTED));
  }

  @Test
  void a_null_where_a_documented_rule_needs_a_value_breaks_that_rule_in_both_profiles() {
    Decision d =
        decide("{\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":null}", "pipeline");
    assertEquals(Set.of(400), d.acceptable(Profile.DOCUMENTED));
    assertEquals(Set.of("tts.pair"), d.report(Profile.DOCUMENTED).ruleIds());
    assertTrue(
        d.report(Profile.STRICT).ruleIds().containsAll(Set.of("body.null-value", "tts.pair")));
  }

  @Test
  void the_documented_mock_ignores_what_the_page_leaves_open_and_stores_only_declared_fields() {
    Decision d =
        decide(
            "{\"assistant_name\":\"Nova\",\"temperature\":1,\"assistant_prompt\":null}",
            "pipeline");
    assertEquals(400, d.status(Profile.STRICT));
    assertEquals(200, d.status(Profile.DOCUMENTED));
    ResourceState after = d.applied(Profile.DOCUMENTED).orElseThrow();
    assertEquals("Nova", after.fields().get("assistant_name").asString());
    assertTrue(!after.fields().has("temperature") && !after.fields().has("assistant_prompt"));
    assertEquals(1, after.version());
  }

  @Test
  void a_switch_merges_by_the_resource_merge_map_and_keeps_the_other_modes_settings() {
    TestKnowledge k =
        new TestKnowledge(Fixtures.KEY)
            .with(
                GIVEN,
                "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"elevenlabs\","
                    + "\"assistant_tts_config\":{\"voice_id\":\"a\"},"
                    + "\"assistant_interaction_config\":{\"speaks_first\":true,\"k\":1}}");
    Decision d =
        CONTRACT.evaluate(
            Fixtures.update(
                GIVEN,
                "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":"
                    + "{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"},"
                    + "\"assistant_interaction_config\":{\"speaks_first\":false}}"),
            k);
    ResourceState after = d.applied(Profile.STRICT).orElseThrow();
    assertEquals("realtime", after.fields().get("assistant_llm_mode").asString());
    assertEquals("elevenlabs", after.fields().get("assistant_tts_model").asString());
    assertEquals(
        false, after.fields().get("assistant_interaction_config").get("speaks_first").asBoolean());
    assertEquals(1, after.fields().get("assistant_interaction_config").get("k").asInt());
  }

  @Test
  void prefer_forces_a_declared_status_with_the_paths_id_and_refuses_others() {
    ApiRequest base = Fixtures.update("11111111-1111-4111-8111-111111111111", "{}");
    Decision nf =
        CONTRACT.evaluate(
            base.withHeaders(Headers.of(Map.of("Prefer", "code=404"))),
            Fixtures.inMode("pipeline"));
    Answer a = nf.answer(Profile.STRICT, java.util.Optional.empty());
    assertEquals(404, a.status());
    assertTrue(a.bodyText().contains("11111111-1111-4111-8111-111111111111"), a.bodyText());
    Decision bad =
        CONTRACT.evaluate(
            base.withHeaders(Headers.of(Map.of("Prefer", "code=abc"))),
            Fixtures.inMode("pipeline"));
    assertEquals(400, bad.status(Profile.STRICT));
    assertEquals(Set.of("mock.prefer"), bad.report(Profile.STRICT).ruleIds());
    Decision ok =
        CONTRACT.evaluate(
            base.withHeaders(Headers.of(Map.of("Prefer", "return=minimal, code=200"))),
            Fixtures.inMode("pipeline"));
    assertTrue(
        ok.answer(Profile.STRICT, java.util.Optional.empty())
            .bodyText()
            .contains("\"assistant_id\":\"11111111-1111-4111-8111-111111111111\""));
  }

  @Test
  void predict_branches_over_what_is_not_known_and_evaluate_refuses_to_guess() {
    Knowledge unknown =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.UNKNOWN;
          }

          @Override
          public ResourceView resource(String resource, String id) {
            return new Unknown();
          }
        };
    ApiRequest switchToPipeline = Fixtures.update(GIVEN, "{\"assistant_llm_mode\":\"pipeline\"}");
    Prediction p = CONTRACT.predict(switchToPipeline, unknown);
    // key accepted or not, times: present in each mode, or absent
    assertEquals(2 * 3, p.branches().size());
    assertEquals(Set.of(400, 401), p.acceptable(Profile.STRICT));
    assertTrue(
        p.acceptable(Profile.DOCUMENTED).contains(200), "a resend in pipeline may be accepted");
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> CONTRACT.evaluate(switchToPipeline, unknown));
  }

  @Test
  void numbers_are_stored_as_sent() {
    Decision d =
        decide(
            "{\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":{\"voice_id\":\"v\",\"speed\":1e999999}}",
            "pipeline");
    String stored =
        TestKnowledge.JSON.writeValueAsString(d.applied(Profile.STRICT).orElseThrow().fields());
    assertTrue(stored.contains("1E+999999"), stored);
  }

  @Test
  void ten_thousand_random_bodies_map_to_catalogue_rules_and_never_throw() {
    java.util.Random random = new java.util.Random(20261123L);
    List<String> fields =
        List.of(
            "assistant_name",
            "assistant_llm_mode",
            "assistant_tts_model",
            "assistant_tts_config",
            "assistant_llm_config",
            "assistant_interaction_config",
            "assistant_end_call_enabled",
            "assistant_end_call_url",
            "speaks_first",
            "voice_id",
            "api_key",
            "x");
    List<String> values =
        List.of(
            "null",
            "true",
            "1",
            "-0.5",
            "1e400",
            "\"\"",
            "\"pipeline\"",
            "\"realtime\"",
            "\"cartesia\"",
            "\"https://a.b/c\"",
            "[]",
            "{}",
            "{\"voice_id\":\"v\"}",
            "\"\\u0000\"",
            "{\"provider\":\"p\",\"model\":\"m\",\"voice\":\"v\"}",
            "{\"speaks_first\":true}");
    for (int i = 0; i < 10_000; i++) {
      String body = randomBody(random, fields, values, 0);
      if (random.nextInt(10) == 0 && !body.isEmpty()) {
        body = body.substring(0, random.nextInt(body.length()));
      }
      String mode = random.nextBoolean() ? "pipeline" : "realtime";
      Decision d = decide(body, mode);
      for (Profile profile : Profile.values()) {
        for (Violation v : d.report(profile).violations()) {
          String b = body;
          assertTrue(CONTRACT.rule(v.ruleId()).isPresent(), () -> v + " for " + b);
        }
        int s = d.status(profile);
        assertTrue(s == 200 || s == 400, body);
        d.answer(profile, d.applied(profile).or(d::resourceSeen))
            .bodyText()
            .getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private static String randomBody(java.util.Random r, List<String> f, List<String> v, int depth) {
    StringBuilder sb = new StringBuilder("{");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(f.get(r.nextInt(f.size()))).append("\":");
      sb.append(
          depth < 2 && r.nextInt(4) == 0
              ? randomBody(r, f, v, depth + 1)
              : v.get(r.nextInt(v.size())));
    }
    return sb.append('}').toString();
  }
}
