package dev.assistantkit.contract;

import static dev.assistantkit.contract.Fixtures.CONTRACT;
import static dev.assistantkit.contract.Fixtures.GIVEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Finding;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers as data: a request (body, the assistant's mode), what the server answered, and the rules
 * each profile fails and advises on. Covers both profiles, the order of checks, the error-shape
 * group and the response checks.
 */
class JudgeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          page example accepted        | realtime | {"assistant_llm_mode":"pipeline","assistant_tts_model":"elevenlabs","assistant_tts_config":{"voice_id":"v"}} | 200 | OK  |  |
          extra fields in success      | pipeline | {"assistant_name":"n"} | 200 | {"success":true,"message":"ok","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000","x":1},"y":2} | |
          pair broken but accepted     | pipeline | {"assistant_tts_model":"cartesia"} | 200 | OK | tts.pair |
          pair broken named            | pipeline | {"assistant_tts_model":"cartesia"} | 400 | {"success":false,"message":"m","errors":[{"rule":"tts.pair","in":"body","pointer":"/x","message":"m"}]} | |
          pair broken unnamed          | pipeline | {"assistant_tts_model":"cartesia"} | 400 | ERR | | response.error-body
          pair broken error not json   | pipeline | {"assistant_tts_model":"cartesia"} | 400 | oops | | response.error-body
          unknown field accepted       | pipeline | {"assistant_name":"n","zz":1} | 200 | OK | | body.unknown-field
          null name accepted           | pipeline | {"assistant_name":null} | 200 | OK | | body.null-value
          null tts config accepted     | pipeline | {"assistant_tts_model":"cartesia","assistant_tts_config":null} | 200 | OK | tts.pair |
          resend accepted              | pipeline | {"assistant_llm_mode":"pipeline"} | 200 | OK | | mode.pipeline-requires-tts
          switch without tts accepted  | realtime | {"assistant_llm_mode":"pipeline"} | 200 | OK | mode.pipeline-requires-tts |
          voice id number accepted     | realtime | {"assistant_llm_mode":"pipeline","assistant_tts_model":"cartesia","assistant_tts_config":{"voice_id":5}} | 200 | OK | | body.field-type
          name number accepted         | pipeline | {"assistant_name":5} | 200 | OK | body.field-type |
          valid body rejected          | realtime | {"assistant_interaction_config":{"speaks_first":true}} | 400 | ERR | request.accepted-by-contract |
          5xx for a valid body         | pipeline | {"assistant_name":"n"} | 500 | ERR | server.internal-error,request.accepted-by-contract |
          422 for a broken pair        | pipeline | {"assistant_tts_model":"cartesia"} | 422 | ERR | response.status-declared,tts.pair |
          201 instead of 200           | pipeline | {"assistant_name":"n"} | 201 | OK | response.status-declared |
          success as string            | pipeline | {"assistant_name":"n"} | 200 | {"success":"true","message":"ok","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000"}} | response.success-body |
          success false on a 200       | pipeline | {"assistant_name":"n"} | 200 | {"success":false,"message":"ok","data":{"assistant_id":"550e8400-e29b-41d4-a716-446655440000"}} | response.success-body |
          decided rule's case rejected | pipeline | {"assistant_name":"n"} | 400 | {"success":false,"message":"m","errors":[{"rule":"body.unknown-field","in":"body","pointer":"/x","message":"m"}]} | request.accepted-by-contract |
          other assistant id           | pipeline | {"assistant_name":"n"} | 200 | {"success":true,"message":"ok","data":{"assistant_id":"11111111-1111-4111-8111-111111111111"}} | response.assistant-id-echo |
          success not json             | pipeline | {"assistant_name":"n"} | 200 | updated | response.json |
          tts settings refused         | realtime | {"assistant_llm_mode":"pipeline","assistant_tts_model":"sarvam","assistant_tts_config":{"speaker":"anushka"}} | 400 | ERR | | tts-config.provider-settings
          tts extra setting refused    | pipeline | {"assistant_tts_model":"cartesia","assistant_tts_config":{"voice_id":"v","speed":1.1}} | 400 | ERR | | tts-config.provider-settings
          tts page shape refused       | pipeline | {"assistant_tts_model":"mistral","assistant_tts_config":{"voice_id":"m1"}} | 400 | ERR | request.accepted-by-contract |
          llm other provider refused   | pipeline | {"assistant_llm_mode":"realtime","assistant_llm_config":{"provider":"openai","model":"gpt-realtime","voice":"alloy"}} | 400 | ERR | | llm-config.provider-settings
          page's tts settings refused  | realtime | {"assistant_llm_mode":"pipeline","assistant_tts_model":"elevenlabs","assistant_tts_config":{"voice_id":"JBFqnCBv7z4s9ByuOnH"}} | 400 | ERR | request.accepted-by-contract |
          tts config string accepted   | realtime | {"assistant_llm_mode":"pipeline","assistant_tts_model":"cartesia","assistant_tts_config":"x"} | 200 | OK | body.field-type |
          """)
  void each_answer_fails_and_advises_on_the_rules_it_breaks(
      String name,
      String mode,
      String body,
      int status,
      String answer,
      String fails,
      String advises) {
    String text = Fixtures.answerText(answer);
    Prediction p = CONTRACT.predict(Fixtures.update(GIVEN, body), Fixtures.inMode(mode));
    Judgement j =
        CONTRACT.judge(
            p,
            Observed.of(
                status,
                text.startsWith("{") ? "application/json" : "text/plain",
                text.getBytes(StandardCharsets.UTF_8)),
            Set.of(),
            Set.of());
    assertEquals(
        ids(fails), ruleIds(j.failures(Profile.DOCUMENTED)), () -> name + ": " + j.findings());
    assertEquals(
        ids(advises), ruleIds(j.advice(Profile.DOCUMENTED)), () -> name + ": " + j.findings());
    Set<String> all = new java.util.TreeSet<>(ids(fails));
    all.addAll(ids(advises));
    assertEquals(
        all, ruleIds(j.failures(Profile.STRICT)), () -> name + " (strict): " + j.findings());
  }

  @ParameterizedTest(name = "a server checking {0} first")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          the body before credentials   | other-key   | {"assistant_tts_model":"cartesia"} | 550e8400-e29b-41d4-a716-446655440000 | 400 | order.auth-first
          existence before the body     | core-test-key | {"assistant_tts_model":"cartesia"} | 00000000-0000-4000-8000-00000000dead | 404 | order.validation-before-existence
          """)
  void another_order_of_checks_is_advice_in_documented_and_a_failure_in_strict(
      String name, String key, String body, String id, int status, String rule) {
    ApiRequest r =
        new ApiRequest(
            "PATCH",
            "/assistant/update/" + id,
            Headers.of(
                java.util.Map.of(
                    "Content-Type", "application/json", "Authorization", "Bearer " + key)),
            body.getBytes(StandardCharsets.UTF_8));
    Judgement j =
        CONTRACT.judge(
            CONTRACT.predict(r, Fixtures.inMode("pipeline")),
            Observed.of(
                status, "application/json", Fixtures.ERR_BODY.getBytes(StandardCharsets.UTF_8)),
            Set.of(),
            Set.of("error-shape"));
    assertEquals(Set.of(), ruleIds(j.failures(Profile.DOCUMENTED)), j::toString);
    assertEquals(Set.of(rule), ruleIds(j.failures(Profile.STRICT)), j::toString);
  }

  /**
   * Where the page requires no particular answer (a malformed Authorization header's status, what
   * to do with a body sent as another media type), every reasonable answer passes documented; the
   * answer this project decided is the only one strict takes, and the other is named by the decided
   * rule, in both profiles alike.
   */
  @ParameterizedTest(name = "{0} answered {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a second Authorization header       | Bearer other-key  | application/json                  | {"assistant_name":"n"} | 401 |
          a second Authorization header       | Bearer other-key  | application/json                  | {"assistant_name":"n"} | 400 | auth.malformed
          the key twice in one header         | Bearer core-test-key core-test-key | application/json | {"assistant_name":"n"} | 400 | auth.malformed
          an empty bearer token               | Bearer            | application/json                  | {"assistant_name":"n"} | 400 | auth.malformed
          a form-encoded body                 |                   | application/x-www-form-urlencoded | assistant_name=Nova    | 400 |
          a form-encoded body                 |                   | application/x-www-form-urlencoded | assistant_name=Nova    | 200 | body.content-type
          a JSON body sent as text/plain      |                   | text/plain                        | {"assistant_name":"n"} | 400 |
          a JSON body sent as text/plain      |                   | text/plain                        | {"assistant_name":"n"} | 200 | body.content-type
          """)
  void where_the_page_leaves_the_answer_open_each_reasonable_one_passes_documented(
      String name, String second, String contentType, String body, int status, String decided) {
    java.util.List<java.util.Map.Entry<String, String>> h = new java.util.ArrayList<>();
    h.add(java.util.Map.entry("Content-Type", contentType));
    if (name.startsWith("a second")) {
      h.add(java.util.Map.entry("Authorization", "Bearer " + Fixtures.KEY));
      h.add(java.util.Map.entry("Authorization", second));
    } else {
      h.add(
          java.util.Map.entry("Authorization", second == null ? "Bearer " + Fixtures.KEY : second));
    }
    ApiRequest r =
        new ApiRequest(
            "PATCH",
            "/assistant/update/" + GIVEN,
            Headers.of(h),
            body.getBytes(StandardCharsets.UTF_8));
    String answer = status == 200 ? Fixtures.OK_BODY : Fixtures.ERR_BODY;
    Judgement j =
        CONTRACT.judge(
            CONTRACT.predict(r, Fixtures.inMode("pipeline")),
            Observed.of(status, "application/json", answer.getBytes(StandardCharsets.UTF_8)),
            Set.of(),
            Set.of("error-shape"));
    assertEquals(Set.of(), ruleIds(j.failures(Profile.DOCUMENTED)), j::toString);
    assertEquals(ids(decided), ruleIds(j.advice(Profile.DOCUMENTED)), j::toString);
    assertEquals(ids(decided), ruleIds(j.failures(Profile.STRICT)), j::toString);
  }

  @org.junit.jupiter.api.Test
  void leaving_out_the_error_shape_group_drops_every_error_body_check() {
    Prediction p =
        CONTRACT.predict(
            Fixtures.update(GIVEN, "{\"assistant_tts_model\":\"cartesia\"}"),
            Fixtures.inMode("pipeline"));
    Judgement j =
        CONTRACT.judge(
            p,
            Observed.of(400, "text/plain", "bad".getBytes(StandardCharsets.UTF_8)),
            Set.of(),
            Set.of("error-shape"));
    assertEquals(Set.of(), ruleIds(j.failures(Profile.STRICT)), j::toString);
    assertTrue(j.covered().contains("tts.pair"));
    assertTrue(!j.covered().contains("response.error-body"));
  }

  private static Set<String> ids(String csv) {
    return csv == null || csv.isBlank() ? Set.of() : Set.of(csv.trim().split(","));
  }

  private static Set<String> ruleIds(java.util.List<Finding> findings) {
    return findings.stream()
        .map(Finding::ruleId)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
