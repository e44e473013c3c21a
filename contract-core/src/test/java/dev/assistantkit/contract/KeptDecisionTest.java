package dev.assistantkit.contract;

import static dev.assistantkit.contract.Fixtures.CONTRACT;
import static dev.assistantkit.contract.Fixtures.GIVEN;
import static dev.assistantkit.contract.Fixtures.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.evaluation.Prediction;
import dev.assistantkit.contract.judging.Judgement;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decision kept to be judged later (the mock's journal keeps one per exchange, without the body
 * it read or the state it made, its request's headers and its resource's state in one string each)
 * is judged as the decision it was kept from: the same findings, rules covered, expectation and
 * request breaks, in both profiles, whether it was kept before or after either reading was made,
 * and when it was kept as one text alone and made again from it and its request.
 */
class KeptDecisionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          accepted update              | core-test-key | realtime | {"assistant_llm_mode":"pipeline","assistant_tts_model":"elevenlabs","assistant_tts_config":{"voice_id":"v"}} | 200 | OK
          state rule broken, accepted  | core-test-key | pipeline | {"assistant_tts_model":"cartesia"} | 200 | OK
          state rule broken, named     | core-test-key | pipeline | {"assistant_tts_model":"cartesia"} | 400 | {"success":false,"message":"m","errors":[{"rule":"tts.pair","in":"body","pointer":"/x","message":"m"}]}
          switch without tts           | core-test-key | realtime | {"assistant_llm_mode":"pipeline"} | 200 | OK
          valid body rejected          | core-test-key | realtime | {"assistant_interaction_config":{"speaks_first":true}} | 400 | ERR
          numbers as sent              | core-test-key | pipeline | {"assistant_tts_model":"cartesia","assistant_tts_config":{"voice_id":"v","speed":1.10,"n":1e999999}} | 400 | ERR
          unknown key                  | other-key     | pipeline | {"assistant_name":"n"} | 401 | ERR
          not JSON                     | core-test-key | pipeline | {"assistant_name": | 400 | ERR
          5xx for a valid body         | core-test-key | pipeline | {"assistant_name":"n"} | 500 | ERR
          """)
  void a_kept_decision_is_judged_as_the_decision_it_was_kept_from(
      String name, String key, String mode, String body, int status, String answer) {
    ApiRequest request = request("PATCH", "/assistant/update/" + GIVEN, key, body);
    Observed observed = observed(status, answer);

    // the request as a journal keeps it: made again each time it is asked for
    Decision.KeptRequest source =
        () ->
            new ApiRequest(
                request.method(),
                request.target(),
                Headers.compact(request.headers().entries()),
                request.body().clone());

    // kept before either reading was made (as a prediction for a user's stub is)
    Prediction predicted = CONTRACT.predict(request, Fixtures.inMode(mode));
    Prediction keptEarly = predicted.kept(source, request);
    assertSameJudgement(name, predicted, keptEarly, observed);

    // kept after the mock answered with it (its own reading made, the update applied)
    Decision served = CONTRACT.evaluate(request, Fixtures.inMode(mode));
    served.answer(Profile.STRICT, served.applied(Profile.STRICT));
    Prediction keptLate = new Prediction(List.of(served.kept(source, request)));
    assertSameJudgement(name, CONTRACT.predict(request, Fixtures.inMode(mode)), keptLate, observed);

    // kept by a keeper that holds the state's text with its own bytes (the mock's journal does)
    TextKeeper keeper = new TextKeeper(source);
    Prediction keptByKeeper = new Prediction(List.of(served.kept(keeper, request)));
    assertEquals(served.resourceSeen().isPresent() ? 1 : 0, keeper.asked, name);
    assertSameJudgement(
        name, CONTRACT.predict(request, Fixtures.inMode(mode)), keptByKeeper, observed);
    assertEquals(served.assumption(), keptByKeeper.single().assumption(), name);

    // kept as one text alone, made again when judged (the mock's journal does, most often)
    Decision fresh = CONTRACT.evaluate(request, Fixtures.inMode(mode));
    fresh.answer(Profile.STRICT, fresh.applied(Profile.STRICT));
    TextKeeper texts = new TextKeeper(source);
    assertTrue(fresh.keptAsText(texts, request), name);
    assertEquals(1, texts.asked, name);
    Decision again = CONTRACT.keptDecision(texts);
    assertSameJudgement(
        name,
        CONTRACT.predict(request, Fixtures.inMode(mode)),
        new Prediction(List.of(again)),
        observed);
    assertEquals(served.route(), again.route(), name);
    assertEquals(served.resourceSeen(), again.resourceSeen(), name);
    assertEquals(served.assumption(), again.assumption(), name);
    assertEquals(served.parameters(), again.parameters(), name);
    assertTrue(again.body(Profile.STRICT).isEmpty(), "made again, it holds no body read");
    assertTrue(again.applied(Profile.STRICT).isEmpty(), "nor the state an update made");

    Decision kept = keptLate.single();
    assertEquals(served.route(), kept.route(), name);
    assertEquals(served.resourceSeen(), kept.resourceSeen(), name);
    assertEquals(served.assumption(), kept.assumption(), name);
    assertEquals(served.parameters(), kept.parameters(), name);
    assertTrue(kept.body(Profile.STRICT).isEmpty(), "a kept decision holds no body read");
    assertTrue(kept.applied(Profile.STRICT).isEmpty(), "nor the state an update made");
  }

  @Test
  void kept_fixed_decisions_and_routes_outside_the_contract_are_judged_alike() {
    List<ApiRequest> requests =
        List.of(
            request("PATCH", "/assistant/nowhere", KEY, "{}"),
            request("DELETE", "/assistant/update/" + GIVEN, KEY, "{}"),
            withPrefer(request("PATCH", "/assistant/update/" + GIVEN, KEY, "{}"), "code=404"),
            withPrefer(request("PATCH", "/assistant/update/" + GIVEN, KEY, "{}"), "code=999"));
    for (ApiRequest r : requests) {
      Decision d = CONTRACT.evaluate(r, Fixtures.inMode("pipeline"));
      int status = d.status(Profile.STRICT);
      Prediction kept = new Prediction(List.of(d.kept(() -> r, r)));
      assertEquals(status, kept.single().status(Profile.STRICT), r::toString);
      TextKeeper texts = new TextKeeper(() -> r);
      assertTrue(!d.keptAsText(texts, r) && texts.asked == 0, "a fixed decision is no text");
      assertSameJudgement(r.toString(), new Prediction(List.of(d)), kept, observed(status, "ERR"));
    }
  }

  @Test
  void a_decision_kept_as_text_sees_again_the_very_state_it_saw() {
    // ids with the text's own separators and digits, versions of many digits, states known in part
    String[] ids = {GIVEN, "12:3:x", "7"};
    long[] versions = {0, 1_234_567_890_123L, 9};
    for (int i = 0; i < ids.length; i++) {
      String id = ids[i];
      ApiRequest r = request("PATCH", "/assistant/update/" + id, KEY, "{\"assistant_name\":\"n\"}");
      for (boolean complete : new boolean[] {true, false}) {
        ResourceState st =
            new ResourceState(
                id,
                (ObjectNode) TestKnowledge.JSON.readTree("{\"assistant_llm_mode\":\"pipeline\"}"),
                versions[i],
                complete);
        Knowledge k = new TestKnowledge(KEY).with(id, new Knowledge.Present(st));
        String name = id + ", version " + versions[i] + ", complete: " + complete;
        Decision again = keptAndMadeAgain(CONTRACT, r, k, name);
        assertEquals(Optional.of(st), again.resourceSeen(), name);
      }
    }
  }

  @Test
  void a_decision_kept_as_text_assumes_again_what_it_assumed() {
    ApiRequest held =
        request("PATCH", "/assistant/update/" + GIVEN, KEY, "{\"assistant_name\":\"n\"}");
    ApiRequest other =
        request("PATCH", "/assistant/update/" + GIVEN, "not-a-key", "{\"assistant_name\":\"n\"}");
    ApiRequest absent =
        request("PATCH", "/assistant/update/nobody-here", KEY, "{\"assistant_name\":\"n\"}");
    ApiRequest none =
        new ApiRequest(
            "PATCH",
            "/assistant/update/" + GIVEN,
            Headers.of(List.of(Map.entry("Content-Type", "application/json"))),
            "{}".getBytes(StandardCharsets.UTF_8));
    for (ApiRequest r : List.of(held, other, absent, none)) {
      keptAndMadeAgain(CONTRACT, r, Fixtures.inMode("realtime"), r.toString());
    }
    // an operation of no security and no resource: no key, no view
    Contract plain =
        Contract.fromYaml(
            """
            openapi: 3.1.0
            info: {title: plain, version: '1'}
            paths:
              /things/{id}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: one thing
                      content: {application/json: {schema: {type: object}}}
            """);
    ApiRequest get = new ApiRequest("GET", "/things/a:1", Headers.of(List.of()), new byte[0]);
    Decision again = keptAndMadeAgain(plain, get, new TestKnowledge(KEY), "plain");
    assertEquals(new Decision.Assumption(null, null), again.assumption());
  }

  /** Keeps the decision on a request as text, makes it again, and requires the same judgement. */
  private static Decision keptAndMadeAgain(
      Contract contract, ApiRequest r, Knowledge k, String name) {
    Decision d = contract.evaluate(r, k);
    TextKeeper texts = new TextKeeper(() -> r);
    assertTrue(d.keptAsText(texts, r), name);
    Decision again = contract.keptDecision(texts);
    assertEquals(d.assumption(), again.assumption(), name);
    assertEquals(d.route(), again.route(), name);
    for (int status : new int[] {200, 400, 401, 404}) {
      assertSameJudgement(
          contract,
          name + " answered " + status,
          new Prediction(List.of(d)),
          new Prediction(List.of(again)),
          observed(status, status == 200 ? "OK" : "ERR"));
    }
    return again;
  }

  @Test
  void a_decision_on_a_request_other_than_the_one_kept_keeps_its_own() {
    ApiRequest sent = request("PATCH", "/assistant/update/" + GIVEN, "other-key", "{}");
    ApiRequest decided = sent.withHeaders(sent.headers().with("Authorization", "Bearer " + KEY));
    Decision d = CONTRACT.evaluate(decided, Fixtures.inMode("pipeline"));
    TextKeeper texts = new TextKeeper(() -> sent);
    assertTrue(!d.keptAsText(texts, sent) && texts.asked == 0, "another request is no text");
    Decision kept = d.kept(() -> sent, sent);
    assertEquals(
        List.of("Bearer " + KEY), kept.request().headers().all("Authorization"), "its own");
    assertSameJudgement(
        "changed header",
        new Prediction(List.of(d)),
        new Prediction(List.of(kept)),
        observed(200, "OK"));
  }

  @Test
  void compact_headers_hold_the_same_entries_in_order() {
    List<Map.Entry<String, String>> sent =
        List.of(
            Map.entry("Authorization", "Bearer " + KEY),
            Map.entry("X-Twice", "one"),
            Map.entry("Content-Type", "application/json"),
            Map.entry("x-twice", ""),
            Map.entry("X-Odd", "a:b;c{d}[e] \u00e9\ud800"));
    Headers compact = Headers.compact(sent);
    assertEquals(sent, new ArrayList<>(compact.entries()));
    assertEquals(sent.get(3), compact.entries().get(3));
    assertEquals(List.of("one", ""), compact.all("X-TWICE"));
    assertEquals("application/json", compact.first("content-type").orElseThrow());
    assertTrue(compact.sameEntries(Headers.of(sent)));
    assertTrue(Headers.of(sent).sameEntries(compact));
    assertTrue(compact.sameEntries(Headers.of(compact.entries())));
    assertTrue(!compact.sameEntries(Headers.of(sent.subList(0, 4))));
    assertTrue(!compact.sameEntries(Headers.of(Map.of("Authorization", "Bearer other"))));
    // a line break (which HTTP does not carry) cannot be held in one string: kept as it came
    List<Map.Entry<String, String>> odd = List.of(Map.entry("X-Odd", "a\nb"));
    assertEquals(odd, Headers.compact(odd).entries());
  }

  /** A keeper that holds the text of the state seen itself, as a copy made char by char. */
  private static final class TextKeeper implements Decision.KeptRequest {
    private final Decision.KeptRequest requests;
    private char[] seen;
    private int asked;

    TextKeeper(Decision.KeptRequest requests) {
      this.requests = requests;
    }

    @Override
    public ApiRequest request() {
      return requests.request();
    }

    @Override
    public boolean keepSeen(String text) {
      asked++;
      seen = text.toCharArray();
      return true;
    }

    @Override
    public String seen() {
      return new String(seen);
    }
  }

  private static void assertSameJudgement(
      String name, Prediction original, Prediction kept, Observed observed) {
    assertSameJudgement(CONTRACT, name, original, kept, observed);
  }

  private static void assertSameJudgement(
      Contract contract, String name, Prediction original, Prediction kept, Observed observed) {
    Judgement a = contract.judge(original, observed, Set.of(), Set.of());
    Judgement b = contract.judge(kept, observed, Set.of(), Set.of());
    assertEquals(a.findings(), b.findings(), name);
    assertEquals(a.covered(), b.covered(), name);
    assertEquals(a.expected(), b.expected(), name);
    for (Profile p : Profile.values()) {
      assertEquals(
          a.explaining().report(p).violations(), b.explaining().report(p).violations(), name);
      assertEquals(a.explaining().status(p), b.explaining().status(p), name);
      assertEquals(original.acceptable(p), kept.acceptable(p), name);
      for (Stage s : Stage.values()) {
        assertEquals(
            a.explaining().stage(p, s).violations(), b.explaining().stage(p, s).violations(), name);
      }
    }
    assertEquals(a.explaining().open().violations(), b.explaining().open().violations(), name);
  }

  private static ApiRequest request(String method, String target, String key, String body) {
    return new ApiRequest(
        method,
        target,
        Headers.of(
            List.of(
                Map.entry("Content-Type", "application/json"),
                Map.entry("Authorization", "Bearer " + key))),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiRequest withPrefer(ApiRequest r, String prefer) {
    return r.withHeaders(r.headers().with("Prefer", prefer));
  }

  private static Observed observed(int status, String answer) {
    String text = Fixtures.answerText(answer);
    return Observed.of(status, "application/json", text.getBytes(StandardCharsets.UTF_8));
  }
}
