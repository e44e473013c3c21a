package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertProblem;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decode;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Decoding parameters: malformed and hostile input ends in a problem, never an exception. */
class CodecParameterDecodingTest {

  static ParameterCodec param(String json) {
    return ParameterCodec.of(json(json));
  }

  static final String STRING = "{\"type\":\"string\"}";
  static final String ARRAY = "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}";
  static final String OBJECT =
      "{\"type\":\"object\",\"properties\":{\"R\":{\"type\":\"integer\"},\"G\":{\"type\":\"integer\"}}}";

  static ParameterCodec p(String in, String style, boolean explode, String schema) {
    return param(
        "{\"name\":\"color\",\"in\":\""
            + in
            + "\",\"style\":\""
            + style
            + "\",\"explode\":"
            + explode
            + ",\"schema\":"
            + schema
            + "}");
  }

  /** Malformed wire text, its location and style, and the problem it must give. */
  @ParameterizedTest(name = "{0} {1} explode={2} {3}: ''{4}'' is {5} at {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          query  | form       | true  | string | color=%zz             | PERCENT_ENCODING | /color
          query  | form       | true  | string | color=abc%            | PERCENT_ENCODING | /color
          query  | form       | true  | string | color=abc%4           | PERCENT_ENCODING | /color
          query  | form       | true  | string | color=%C3%28          | INVALID_TEXT     | /color
          query  | form       | true  | string | color=%ED%A0%80       | INVALID_TEXT     | /color
          query  | form       | true  | string | color=%C3             | INVALID_TEXT     | /color
          query  | form       | true  | string | color=a&color=b       | DUPLICATE        | /color
          query  | form       | true  | string | color=                | EMPTY_VALUE      | /color
          query  | form       | true  | string | color                 | EMPTY_VALUE      | /color
          query  | form       | false | array  | color=a&color=b       | DUPLICATE        | /color
          query  | form       | false | object | color=R,1,G           | STYLE_SYNTAX     | /color
          query  | form       | false | object | color=R,1,R,2         | DUPLICATE        | /color/R
          query  | form       | true  | object | R=1&R=2               | DUPLICATE        | /color/R
          query  | deepObject | true  | object | color=1               | STYLE_SYNTAX     | /color
          query  | deepObject | true  | object | color[R=1             | STYLE_SYNTAX     | /color
          query  | deepObject | true  | object | color[R]x=1           | STYLE_SYNTAX     | /color
          query  | deepObject | true  | object | color[R]]=1           | STYLE_SYNTAX     | /color
          query  | deepObject | true  | object | color[[R]]=1          | STYLE_SYNTAX     | /color
          query  | deepObject | true  | object | color[]=1             | STYLE_SYNTAX     | /color/
          query  | deepObject | true  | object | color[R]=1&color[R]=2 | DUPLICATE        | /color/R
          query  | deepObject | true  | object | color[R]=1&color[R][x]=2 | STYLE_SYNTAX  | /color/R
          query  | deepObject | true  | object | color[R]=%GG          | PERCENT_ENCODING | /color/R
          path   | label      | false | string | blue                  | STYLE_PREFIX     | /color
          path   | label      | true  | array  | ;blue                 | STYLE_PREFIX     | /color
          path   | matrix     | false | string | color=blue            | STYLE_PREFIX     | /color
          path   | matrix     | false | string | ;colour=blue          | STYLE_PREFIX     | /color
          path   | matrix     | true  | array  | ;color=a;colour=b     | STYLE_PREFIX     | /color
          path   | matrix     | false | string | ;color=a;color=b      | STYLE_SYNTAX     | /color
          path   | simple     | false | object | R,1,G                 | STYLE_SYNTAX     | /color
          path   | simple     | true  | object | R=1,G                 | STYLE_SYNTAX     | /color
          path   | simple     | false | string | %E2%82                | INVALID_TEXT     | /color
          path   | simple     | true  | array  | a,%FF,b               | INVALID_TEXT     | /color
          header | simple     | true  | object | R=1,G                 | STYLE_SYNTAX     | /color
          cookie | form       | false | string | color=%zz             | PERCENT_ENCODING | /color
          cookie | form       | false | object | color=R               | STYLE_SYNTAX     | /color
          """)
  void malformed_input_is_a_problem_with_a_pointer(
      String in,
      String style,
      boolean explode,
      String kind,
      String wire,
      ProblemKind problem,
      String pointer) {
    String schema =
        switch (kind) {
          case "array" -> ARRAY;
          case "object" -> OBJECT;
          default -> STRING;
        };
    assertProblem(decode(p(in, style, explode, schema), wire), problem, pointer);
  }

  @Test
  void absent_and_present_but_empty_are_told_apart() {
    ParameterCodec q =
        param(
            "{\"name\":\"q\",\"in\":\"query\",\"allowEmptyValue\":true,\"schema\":" + STRING + "}");
    assertFalse(q.decodeQuery("other=1").present());
    assertTrue(q.decodeQuery("other=1").ok());
    assertEquals(json("\"\""), decodedValue(q.decodeQuery("q="), "q="));
    ParameterCodec h = p("header", "simple", false, STRING);
    assertFalse(h.decodeHeader(List.of()).present());
    assertEquals(json("\"\""), decodedValue(h.decodeHeader(List.of("")), "empty header"));
  }

  @Test
  void a_value_is_coerced_only_where_the_schema_does_not_take_the_text_as_a_string() {
    String[][] cases = {
      {"{\"type\":\"integer\"}", "5", "5"},
      {"{\"type\":\"integer\"}", "-12", "-12"},
      {"{\"type\":\"integer\"}", "5.5", "5.5"},
      {"{\"type\":\"integer\"}", "05", "\"05\""},
      {"{\"type\":\"integer\"}", "five", "\"five\""},
      {"{\"type\":\"integer\"}", "%2B5", "\"+5\""},
      {
        "{\"type\":\"integer\"}", "123456789012345678901234567890", "123456789012345678901234567890"
      },
      {"{\"type\":\"number\"}", "1e3", "1000"},
      {"{\"type\":\"number\"}", "1E%2B2147483648", "\"1E+2147483648\""},
      {"{\"type\":\"boolean\"}", "true", "true"},
      {"{\"type\":\"boolean\"}", "True", "\"True\""},
      {"{\"type\":[\"integer\",\"string\"]}", "5", "\"5\""},
      {"{\"type\":[\"integer\",\"null\"]}", "null", "null"},
      {"{\"type\":\"integer\",\"nullable\":true}", "null", "null"},
      {"{\"type\":\"string\"}", "5", "\"5\""},
      {"{}", "5", "\"5\""},
      {"{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"boolean\"}]}", "false", "false"},
      {"{\"allOf\":[{\"type\":\"integer\"},{\"minimum\":1}]}", "7", "7"},
    };
    for (String[] c : cases) {
      ParameterCodec q = param("{\"name\":\"n\",\"in\":\"query\",\"schema\":" + c[0] + "}");
      JsonNode v = decodedValue(q.decodeQuery("n=" + c[1]), c[0] + " " + c[1]);
      CodecFixtures.assertSameValue(json(c[2]), v, c[0] + " " + c[1]);
      assertEquals(json(c[2]).isString(), v.isString(), c[0] + " " + c[1]);
    }
  }

  @Test
  void a_schema_reached_through_refs_gives_the_types() {
    var spec =
        dev.assistantkit.contract.spec.SpecDocument.fromYaml(
            """
            openapi: 3.0.3
            components:
              parameters:
                Ids:
                  name: ids
                  in: query
                  explode: false
                  schema: {$ref: '#/components/schemas/Ids'}
              schemas:
                Ids: {type: array, items: {$ref: '#/components/schemas/Id'}}
                Id: {type: integer}
            """);
    ParameterCodec ids =
        ParameterCodec.of(spec, json("{\"$ref\":\"#/components/parameters/Ids\"}"));
    assertEquals(json("[1,2,3]"), decodedValue(ids.decodeQuery("ids=1,2,3"), "ids"));
  }

  @Test
  void plus_in_a_query_is_a_space_by_default_and_itself_when_asked() {
    String def = "{\"name\":\"q\",\"in\":\"query\",\"schema\":" + STRING + "}";
    assertEquals(json("\"a b+c\""), decodedValue(param(def).decodeQuery("q=a+b%2Bc"), "plus"));
    ParameterCodec literal =
        ParameterCodec.of(
            json(def), n -> n, CodecSettings.defaults().withPlusIsSpaceInQuery(false));
    assertEquals(json("\"a+b+c\""), decodedValue(literal.decodeQuery("q=a+b%2Bc"), "literal"));
    ParameterCodec path = p("path", "simple", false, STRING);
    assertEquals(json("\"a+b\""), decodedValue(path.decodePath("a+b"), "path plus"));
    ParameterCodec cookie = p("cookie", "form", false, STRING);
    assertEquals(
        json("\"a+b\""), decodedValue(cookie.decodeCookie(List.of("color=a+b")), "cookie plus"));
  }

  @Test
  void a_delimiter_sent_percent_encoded_stays_inside_its_item() {
    assertEquals(
        json("[\"a,b\",\"c\"]"),
        decodedValue(p("path", "simple", false, ARRAY).decodePath("a%2Cb,c"), "simple"));
    assertEquals(
        json("[\"a,b\",\"c\"]"),
        decodedValue(decode(p("query", "form", false, ARRAY), "color=a%2Cb,c"), "form"));
    assertEquals(
        json("[\"a.b\",\"c\"]"),
        decodedValue(p("path", "label", true, ARRAY).decodePath(".a%2Eb.c"), "label"));
  }

  @Test
  void reserved_characters_sent_raw_are_read_as_themselves() {
    ParameterCodec q =
        param("{\"name\":\"r\",\"in\":\"query\",\"allowReserved\":true,\"schema\":" + STRING + "}");
    assertEquals(
        json("\"/a/b?c:d@e!$'()*;\""),
        decodedValue(q.decodeQuery("r=/a/b?c:d@e!$'()*;"), "reserved"));
  }

  @Test
  void a_header_sent_twice_is_one_list_for_arrays_and_a_duplicate_for_a_primitive() {
    assertEquals(
        json("[\"a\",\"b\",\"c\"]"),
        decodedValue(
            p("header", "simple", false, ARRAY).decodeHeader(List.of("a, b", "c")), "list"));
    assertProblem(
        p("header", "simple", false, STRING).decodeHeader(List.of("a", "b")),
        ProblemKind.DUPLICATE,
        "/color");
  }

  @Test
  void a_header_is_not_percent_decoded() {
    assertEquals(
        json("\"a%20b\""),
        decodedValue(p("header", "simple", false, STRING).decodeHeader(List.of("a%20b")), "h"));
  }

  @Test
  void the_first_of_two_cookies_of_one_name_wins() {
    assertEquals(
        json("\"first\""),
        decodedValue(
            p("cookie", "form", false, STRING).decodeCookie(List.of("color=first; color=second")),
            "c"));
  }

  @Test
  void a_free_form_exploded_object_takes_only_what_no_other_parameter_names() {
    var spec =
        dev.assistantkit.contract.spec.SpecDocument.fromYaml(
            """
            openapi: 3.1.0
            parameters:
              - {name: formulas, in: query, explode: true, schema: {type: object, additionalProperties: {type: string}}}
              - {name: words, in: query, schema: {type: array, items: {type: string}}, explode: false}
              - {name: filter, in: query, style: deepObject, schema: {type: object}}
            """);
    ParameterSet set =
        ParameterSet.of(spec, spec.expand("#/parameters/*").stream().map(spec::require).toList());
    var values =
        set.decode(
            java.util.Map.of(),
            "a=x%2By&b=x/y&c=x%5Ey&words=math,is,fun&filter[k]=v",
            dev.assistantkit.contract.spec.Headers.none());
    assertEquals(
        json("{\"a\":\"x+y\",\"b\":\"x/y\",\"c\":\"x^y\"}"),
        decodedValue(values.get(0).result(), "formulas"));
    assertEquals(json("[\"math\",\"is\",\"fun\"]"), decodedValue(values.get(1).result(), "words"));
    assertEquals(json("{\"k\":\"v\"}"), decodedValue(values.get(2).result(), "filter"));
  }

  @Test
  void deep_objects_nest_and_index_arrays_as_prism_reads_them() {
    ParameterCodec d =
        param(
            """
            {"name":"f","in":"query","style":"deepObject","explode":true,"schema":{"type":"object","properties":{
              "range":{"type":"object","properties":{"min":{"type":"integer"},"max":{"type":"integer"}}},
              "tags":{"type":"array","items":{"type":"string"}},
              "pairs":{"type":"array","items":{"type":"object","properties":{"k":{"type":"string"},"n":{"type":"integer"}}}}}}}
            """);
    String q =
        "f[range][min]=1&f[range][max]=9&f[tags]=a&f[tags]=b&f[tags][]=c"
            + "&f%5Bpairs%5D%5B0%5D%5Bk%5D=x&f[pairs][0][n]=1&f[pairs][1][k]=y";
    assertEquals(
        json(
            "{\"range\":{\"min\":1,\"max\":9},\"tags\":[\"a\",\"b\",\"c\"],\"pairs\":[{\"k\":\"x\",\"n\":1},{\"k\":\"y\"}]}"),
        decodedValue(d.decodeQuery(q), "deep"));
    assertProblem(d.decodeQuery("f[tags][2]=x"), ProblemKind.STYLE_SYNTAX, "/f/tags/2");
    assertProblem(d.decodeQuery("f[a][b][c][d][e][f][g][h][i]=1"), ProblemKind.STYLE_SYNTAX, "/f");
  }

  @Test
  void a_content_parameter_carries_json_in_a_query() {
    ParameterCodec c =
        param(
            "{\"name\":\"filter\",\"in\":\"query\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}}");
    assertEquals(
        json("{\"a\":[1,2]}"),
        decodedValue(c.decodeQuery("filter=%7B%22a%22%3A%5B1%2C2%5D%7D"), "json"));
    assertProblem(c.decodeQuery("filter=%7B%22a%22"), ProblemKind.CONTENT_SYNTAX, "/filter");
    assertProblem(c.decodeQuery("filter={}{}"), ProblemKind.CONTENT_SYNTAX, "/filter");
    assertEquals(
        "{\"a\":[1,2]}",
        c.decodeQuery("filter=%7B%22a%22%3A%5B1%2C2%5D%7D").value().orElseThrow().toString());
  }

  @Test
  void a_parameter_object_the_specification_does_not_define_fails_at_build_time() {
    assertThrows(IllegalArgumentException.class, () -> param("{\"in\":\"query\"}"));
    assertThrows(IllegalArgumentException.class, () -> param("{\"name\":\"a\",\"in\":\"body\"}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> param("{\"name\":\"a\",\"in\":\"query\",\"style\":\"matrix\"}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> param("{\"name\":\"a\",\"in\":\"header\",\"style\":\"form\"}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> param("{\"name\":\"a\",\"in\":\"query\",\"style\":\"csv\"}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> param("{\"name\":\"a\",\"in\":\"query\",\"content\":{}}"));
    assertThrows(
        IllegalStateException.class, () -> p("path", "simple", false, STRING).decodeQuery("a=1"));
  }
}
