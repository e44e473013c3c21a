package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertProblem;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Huge and hostile parameters end in a value or a problem, bounded by structure (pairs kept, bytes
 * looked at), never by time.
 */
class CodecHostileInputTest {

  private static final int MB = 1 << 20;

  static ParameterCodec query(String schema) {
    return ParameterCodec.of(json("{\"name\":\"a\",\"in\":\"query\",\"schema\":" + schema + "}"));
  }

  @Test
  void a_megabyte_of_pairs_stops_at_the_pair_bound() {
    String q = "a=1&".repeat(MB / 4);
    RawQuery raw = RawQuery.parse(q);
    assertEquals(CodecSettings.defaults().maxPairs(), raw.size());
    assertEquals(ProblemKind.TOO_MANY_PAIRS, raw.problems().get(0).kind());
    assertProblem(query("{\"type\":\"string\"}").decodeQuery(raw), ProblemKind.TOO_MANY_PAIRS, "");
  }

  @Test
  void a_megabyte_of_pairs_without_equals_signs_is_split_in_one_pass() {
    // each pair's '=' is looked for inside the pair only: "b&b&...&a=1" is not quadratic
    String q = "b&".repeat(9_000) + "x".repeat(MB) + "&a=1";
    assertEquals(json("\"1\""), decodedValue(query("{\"type\":\"string\"}").decodeQuery(q), "a"));
  }

  @Test
  void a_megabyte_value_decodes() {
    String q = "a=" + "%C3%A9".repeat(MB / 6);
    String v = decodedValue(query("{\"type\":\"string\"}").decodeQuery(q), "a").stringValue();
    assertEquals(MB / 6, v.length());
  }

  @Test
  void a_megabyte_of_percent_signs_is_refused_at_the_first() {
    assertProblem(
        query("{\"type\":\"string\"}").decodeQuery("a=" + "%".repeat(MB)),
        ProblemKind.PERCENT_ENCODING,
        "/a");
  }

  @Test
  void a_megabyte_of_invalid_utf8_is_refused() {
    assertProblem(
        query("{\"type\":\"string\"}").decodeQuery("a=" + "%FF".repeat(MB / 3)),
        ProblemKind.INVALID_TEXT,
        "/a");
  }

  @Test
  void a_megabyte_of_digits_stays_a_string() {
    String digits = "9".repeat(MB);
    assertEquals(
        json("\"" + digits + "\""),
        decodedValue(query("{\"type\":\"integer\"}").decodeQuery("a=" + digits), "a"));
  }

  @Test
  void an_array_of_a_megabyte_of_commas_stops_at_the_piece_bound() {
    ParameterCodec list =
        ParameterCodec.of(
            json(
                """
                {"name":"a","in":"query","explode":false,"schema":{"type":"array","items":{"type":"integer"}}}
                """));
    assertProblem(
        list.decodeQuery("a=" + "1,".repeat(MB / 2) + "1"), ProblemKind.TOO_MANY_PAIRS, "/a");
    int most = CodecSettings.defaults().maxPairs();
    assertEquals(
        most, decodedValue(list.decodeQuery("a=" + "1,".repeat(most - 1) + "1"), "a").size());
    ParameterCodec pipes =
        ParameterCodec.of(
            json(
                """
                {"name":"a","in":"query","style":"pipeDelimited","schema":{"type":"array"}}
                """));
    assertProblem(pipes.decodeQuery("a=" + "%7C".repeat(MB / 3)), ProblemKind.TOO_MANY_PAIRS, "/a");
    assertEquals(most, decodedValue(pipes.decodeQuery("a=" + "|".repeat(most - 1)), "a").size());
  }

  @Test
  void a_megabyte_deep_object_key_stops_at_the_depth_bound() {
    ParameterCodec d =
        ParameterCodec.of(
            json(
                "{\"name\":\"a\",\"in\":\"query\",\"style\":\"deepObject\",\"schema\":{\"type\":\"object\"}}"));
    assertProblem(d.decodeQuery("a" + "[x]".repeat(MB / 3) + "=1"), ProblemKind.STYLE_SYNTAX, "/a");
    assertProblem(d.decodeQuery("a" + "[".repeat(MB) + "=1"), ProblemKind.STYLE_SYNTAX, "/a");
  }

  @Test
  void a_megabyte_cookie_header_stops_at_the_pair_bound() {
    ParameterCodec c =
        ParameterCodec.of(
            json("{\"name\":\"a\",\"in\":\"cookie\",\"schema\":{\"type\":\"string\"}}"));
    RequestCookies cookies = RequestCookies.parse(List.of("x=1; ".repeat(MB / 5)));
    assertEquals(CodecSettings.defaults().maxPairs(), cookies.size());
    assertProblem(c.decodeCookie(cookies), ProblemKind.TOO_MANY_PAIRS, "");
  }

  @Test
  void a_megabyte_header_line_of_a_list_stops_at_the_piece_bound() {
    ParameterCodec h =
        ParameterCodec.of(
            json("{\"name\":\"a\",\"in\":\"header\",\"schema\":{\"type\":\"object\"}}"));
    assertProblem(
        h.decodeHeader(List.of("k,".repeat(MB / 2) + "k")), ProblemKind.TOO_MANY_PAIRS, "/a");
    assertProblem(
        h.decodeHeader(List.of("k,v,".repeat(4_000) + "k")), ProblemKind.STYLE_SYNTAX, "/a");
  }

  @Test
  void a_matrix_segment_of_a_megabyte_of_semicolons_stops_at_the_piece_bound() {
    ParameterCodec m =
        ParameterCodec.of(
            json(
                "{\"name\":\"a\",\"in\":\"path\",\"style\":\"matrix\",\"explode\":true,\"schema\":{\"type\":\"array\"}}"));
    assertProblem(m.decodePath(";".repeat(MB)), ProblemKind.TOO_MANY_PAIRS, "/a");
    assertProblem(m.decodePath(";".repeat(100)), ProblemKind.STYLE_PREFIX, "/a");
  }
}
