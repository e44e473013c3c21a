package dev.assistantkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.judging.Observed;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers of any size and exponent, and text that is not valid Unicode, as the contract reads them.
 * Jackson's tree reader threw a NumberFormatException for {@code 1E+2147483648} and {@code
 * 1e-2147483649} (past what BigDecimal holds), far from the parser: the mock answered 500 and every
 * view that judged the exchange failed. Now such a number is judged against the ranges the document
 * states (a fixture operation with integer and number ranges and a multipleOf) and, where the
 * document allows it, kept as sent. An unpaired surrogate ({@code "\ud800"}) is refused by the
 * strict reading with {@code text.unicode}, as a NUL is refused; the documented reading takes it,
 * as a common JSON library does.
 */
class NumbersAndTextTest {

  static final Contract RATE =
      Contract.fromYaml(MultiOperationSpec.withFixture("fixtures/numeric-operation.yaml"));

  /** Past BigDecimal's exponent, both ways, both signs. */
  static final List<String> OUT_OF_RANGE =
      List.of("1E+2147483648", "1e-2147483649", "-1E+2147483649", "-1e-2147483649");

  static ApiRequest rate(String json) {
    return new ApiRequest(
        "PATCH",
        "/assistant/rate/" + Fixtures.GIVEN,
        Headers.of(
            Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Fixtures.KEY)),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static Decision decideRate(String json) {
    // a hang guard only: a stand-in that made BigDecimal spell out 10^2147483647 would never end
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> RATE.evaluate(rate(json), Fixtures.inMode("pipeline")),
        "judging " + json + " did not end");
  }

  static List<Arguments> ranges() {
    return List.of(
        // count: integer, 1..10
        Arguments.of("{\"count\":1E+2147483648}", "rate.count-range"),
        Arguments.of("{\"count\":-1E+2147483649}", "rate.count-range"),
        Arguments.of("{\"count\":1e-2147483649}", "rate.count-range"),
        // past 64 bits but within BigDecimal: the validator read it as a long and threw
        Arguments.of("{\"count\":1E+30}", "rate.count-range"),
        Arguments.of("{\"count\":-1E+999999999}", "rate.count-range"),
        // ratio: number, (0, 1]
        Arguments.of("{\"ratio\":1E+2147483648}", "rate.ratio-range"),
        Arguments.of("{\"ratio\":-1e-2147483649}", "rate.ratio-range"),
        Arguments.of("{\"ratio\":0E+99999999999}", "rate.ratio-range"),
        // step: multipleOf 0.5
        Arguments.of("{\"step\":1e-2147483649}", "rate.step-multiple"));
  }

  @ParameterizedTest(name = "{0} breaks {1}")
  @MethodSource("ranges")
  void a_number_past_bigdecimal_out_of_a_stated_range_is_a_400_naming_the_rule(
      String body, String rule) {
    for (Profile profile : Profile.values()) {
      Decision d = decideRate(body);
      assertEquals(400, d.status(profile), body + " " + d.report(profile));
      assertTrue(d.report(profile).ruleIds().contains(rule), body + " " + d.report(profile));
      d.answer(profile, d.resourceSeen()); // and it can be answered
    }
  }

  @org.junit.jupiter.api.Test
  void a_fraction_past_64_bits_against_an_integer_bound_is_a_400_the_validator_cannot_judge() {
    // the validator compares it as a long: it cannot, so the body is too complex to judge
    Decision d = decideRate("{\"count\":12345678901234567890.5}");
    assertEquals(400, d.status(Profile.STRICT));
    assertEquals(Set.of("body.limits"), d.report(Profile.STRICT).ruleIds());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inRange")
  void a_number_past_bigdecimal_within_the_stated_ranges_is_accepted(String body) {
    for (Profile profile : Profile.values()) {
      Decision d = decideRate(body);
      assertEquals(Set.of(), d.report(profile).ruleIds(), body);
    }
  }

  static List<String> inRange() {
    return List.of(
        "{\"ratio\":1e-2147483649}",
        "{\"step\":1E+2147483648}",
        "{\"step\":-1E+2147483649}",
        "{\"extra\":{\"a\":1E+2147483648,\"b\":[1e-2147483649,-1e-2147483649]}}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void in_a_text_or_boolean_field_it_is_the_wrong_type(String number) {
    for (String field : List.of("assistant_name", "assistant_end_call_enabled")) {
      for (Profile profile : Profile.values()) {
        Decision d = Fixtures.decide("{\"" + field + "\":" + number + "}", "pipeline");
        assertEquals(400, d.status(profile), field + " " + number);
        assertEquals(Set.of("body.field-type"), d.report(profile).ruleIds(), field + number);
      }
    }
  }

  static List<String> outOfRange() {
    return OUT_OF_RANGE;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void in_a_provider_option_it_is_stored_as_sent(String number) {
    String body =
        """
        {"assistant_llm_mode":"pipeline","assistant_tts_model":"cartesia",
         "assistant_tts_config":{"voice_id":"v","speed":%s,"list":[%s,1.50]}}"""
            .formatted(number, number);
    for (Profile profile : Profile.values()) {
      Decision d = Fixtures.decide(body, "realtime");
      assertEquals(200, d.status(profile), number + " " + d.report(profile));
      String stored =
          JsonMappers.plain()
              .writeValueAsString(
                  d.applied(profile).orElseThrow().fields().get("assistant_tts_config"));
      assertEquals(
          "{\"voice_id\":\"v\",\"speed\":" + number + ",\"list\":[" + number + ",1.50]}", stored);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void the_traffic_judge_reads_it_too(String number) {
    ApiRequest request = Fixtures.update(Fixtures.GIVEN, "{\"assistant_name\":" + number + "}");
    var judge = Fixtures.CONTRACT.trafficJudge(List.of(Fixtures.KEY));
    var verdict =
        judge.next(
            request,
            java.util.Optional.empty(),
            new Observed(
                200,
                "application/json",
                "{\"success\":true,\"message\":\"ok\",\"data\":{\"assistant_id\":\"%s\"}}"
                    .formatted(Fixtures.GIVEN)
                    .getBytes(StandardCharsets.UTF_8),
                false),
            Set.of());
    assertTrue(
        verdict.judgement().failures(Profile.STRICT).stream()
            .anyMatch(f -> f.ruleId().equals("body.field-type")),
        "a 200 to a number in a text field breaks body.field-type");
  }

  static List<String> notUnicode() {
    return List.of(
        "{\"assistant_name\":\"x\\ud800\"}",
        "{\"assistant_name\":\"\\udc00x\"}",
        "{\"assistant_name\":\"\\udc00\\ud800\"}",
        "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"cartesia\","
            + "\"assistant_tts_config\":{\"voice_id\":\"v\",\"x\":[\"\\udc00\"]}}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notUnicode")
  void text_that_is_not_valid_unicode_is_refused_by_the_strict_reading_only(String body) {
    Decision d = Fixtures.decide(body, "realtime");
    assertEquals(400, d.status(Profile.STRICT));
    assertEquals(
        Set.of("text.unicode"),
        d.report(Profile.STRICT).ruleIds(),
        d.report(Profile.STRICT)::toString);
    assertEquals(200, d.status(Profile.DOCUMENTED), d.report(Profile.DOCUMENTED)::toString);
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"\\ud83c", "\\udc00", "a\\udc00b"})
  void a_name_that_is_not_valid_unicode_is_text_unicode_and_for_the_parser_json_syntax(
      String name) {
    Decision d = Fixtures.decide("{\"assistant_name\":\"x\",\"" + name + "\":1}", "pipeline");
    assertTrue(d.report(Profile.STRICT).ruleIds().contains("text.unicode"), name);
    // Jackson refuses such a name itself: the lenient reading cannot read the body at all
    assertEquals(Set.of("body.json-syntax"), d.report(Profile.DOCUMENTED).ruleIds());
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void a_surrogate_pair_is_text_like_any_other(Profile profile) {
    Decision d = Fixtures.decide("{\"assistant_name\":\"Nova \\ud83c\\udf1f\"}", "pipeline");
    assertEquals(200, d.status(profile));
  }

  @org.junit.jupiter.api.Test
  void an_operation_whose_catalogue_has_no_unicode_rule_reports_json_syntax() {
    Decision d = RATE.evaluate(rate("{\"extra\":\"\\ud800\"}"), Fixtures.inMode("pipeline"));
    assertEquals(Set.of("body.json-syntax"), d.report(Profile.STRICT).ruleIds());
  }

  @org.junit.jupiter.api.Test
  void masking_keeps_such_numbers_and_text_as_sent() {
    byte[] body =
        "{\"api_key\":\"sk-secret-1\",\"n\":1E+2147483648,\"m\":-1e-2147483649,\"t\":\"x\\ud800\"}"
            .getBytes(StandardCharsets.UTF_8);
    String masked =
        new String(
            Fixtures.CONTRACT.masker().maskJsonBody(body).orElseThrow(), StandardCharsets.UTF_8);
    assertEquals(
        "{\"api_key\":\"***\",\"n\":1E+2147483648,\"m\":-1e-2147483649,\"t\":\"x\\uD800\"}",
        masked);
  }
}
