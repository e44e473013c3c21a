package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encoding parameters: percent-encoding, reserved characters, undefined values, refusals. */
class CodecEncodingTest {

  static ParameterCodec param(String json) {
    return ParameterCodec.of(json(json));
  }

  static String wire(ParameterCodec p, String value) {
    EncodeResult r = p.encode(json(value));
    assertTrue(r.ok(), r.problems().toString());
    return r.wire().orElse("<nothing>");
  }

  static void refused(ParameterCodec p, String value, String pointer) {
    EncodeResult r = p.encode(json(value));
    assertEquals(1, r.problems().size(), "refusal expected for " + value + ", got " + r);
    assertEquals(ProblemKind.UNREPRESENTABLE, r.problems().get(0).kind());
    assertEquals(pointer, r.problems().get(0).pointer());
  }

  @Test
  void everything_outside_the_unreserved_set_is_percent_encoded_as_utf8() {
    ParameterCodec q = param("{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}");
    assertEquals(
        "q=a%20b%2Bc%26d%3De%25f%C3%A9%F0%9F%98%80-._~", wire(q, "\"a b+c&d=e%fé😀-._~\""));
    ParameterCodec path =
        param("{\"name\":\"p\",\"in\":\"path\",\"schema\":{\"type\":\"string\"}}");
    assertEquals("a%2Fb%3Fc%23d", wire(path, "\"a/b?c#d\""));
    ParameterCodec named =
        param("{\"name\":\"a b[]\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}");
    assertEquals("a%20b%5B%5D=x", wire(named, "\"x\""));
  }

  @Test
  void allow_reserved_lets_reserved_characters_and_percent_triples_pass_but_not_form_delimiters() {
    ParameterCodec r =
        param(
            "{\"name\":\"r\",\"in\":\"query\",\"allowReserved\":true,\"schema\":{\"type\":\"string\"}}");
    assertEquals(
        "r=/a/b?c:d@e!$'()*;,%41%25%25%26%3D%2B%23%5B%5D%20",
        wire(r, "\"/a/b?c:d@e!$'()*;,%41%25%&=+#[] \""));
    ParameterCodec list =
        param(
            "{\"name\":\"r\",\"in\":\"query\",\"allowReserved\":true,\"explode\":false,\"schema\":{\"type\":\"array\"}}");
    assertEquals("r=a/b,c%2Cd", wire(list, "[\"a/b\",\"c,d\"]"));
    assertEquals(json("[\"a/b\",\"c,d\"]"), decodedValue(list.decodeQuery("r=a/b,c%2Cd"), "list"));
  }

  @ParameterizedTest(name = "{0} {1}: {2} writes nothing")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          query  | form   | null
          query  | form   | []
          query  | form   | {}
          header | simple | null
          header | simple | []
          cookie | form   | {}
          """)
  void undefined_values_write_nothing(String in, String style, String value) {
    ParameterCodec p =
        param("{\"name\":\"u\",\"in\":\"" + in + "\",\"style\":\"" + style + "\",\"schema\":{}}");
    EncodeResult r = p.encode(json(value));
    assertTrue(r.ok() && r.wire().isEmpty(), r.toString());
  }

  @Test
  void an_undefined_path_value_is_an_empty_segment() {
    ParameterCodec p = param("{\"name\":\"u\",\"in\":\"path\",\"style\":\"label\",\"schema\":{}}");
    assertEquals("", wire(p, "[]"));
    assertEquals("", wire(p, "null"));
  }

  @Test
  void nested_containers_and_nulls_inside_a_value_are_refused_with_their_pointer() {
    ParameterCodec simple =
        param("{\"name\":\"c\",\"in\":\"path\",\"schema\":{\"type\":\"array\"}}");
    refused(simple, "[\"a\",[\"b\"]]", "/c/1");
    refused(simple, "[\"a\",null]", "/c/1");
    ParameterCodec form =
        param("{\"name\":\"c\",\"in\":\"query\",\"schema\":{\"type\":\"object\"}}");
    refused(form, "{\"k\":{\"x\":1}}", "/c/k");
  }

  @Test
  void a_header_refuses_what_it_cannot_carry_literally() {
    ParameterCodec h = param("{\"name\":\"h\",\"in\":\"header\",\"schema\":{\"type\":\"string\"}}");
    assertEquals("a, b; c=\"d\"", wire(h, "\"a, b; c=\\\"d\\\"\""));
    refused(h, "\"caf\u00e9\"", "/h");
    refused(h, "\"a\\nb\"", "/h");
    refused(h, "\" padded\"", "/h");
    ParameterCodec list =
        param("{\"name\":\"h\",\"in\":\"header\",\"schema\":{\"type\":\"array\"}}");
    refused(list, "[\"a,b\"]", "/h/0");
    ParameterCodec map =
        param(
            "{\"name\":\"h\",\"in\":\"header\",\"explode\":true,\"schema\":{\"type\":\"object\"}}");
    assertEquals("k=a=b", wire(map, "{\"k\":\"a=b\"}"));
    refused(map, "{\"k=\":\"v\"}", "/h/k=");
  }

  @Test
  void a_lone_surrogate_has_no_utf8_and_is_refused() {
    ParameterCodec q = param("{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}");
    refused(q, "\"a\\ud800b\"", "/q");
  }

  @Test
  void deep_objects_write_nested_keys_and_indexed_arrays_with_encoded_brackets() {
    ParameterCodec d =
        param(
            "{\"name\":\"f\",\"in\":\"query\",\"style\":\"deepObject\",\"explode\":true,\"schema\":{\"type\":\"object\"}}");
    String w = wire(d, "{\"r\":{\"min\":1},\"tags\":[\"a\",\"b\"]}");
    assertEquals("f%5Br%5D%5Bmin%5D=1&f%5Btags%5D%5B0%5D=a&f%5Btags%5D%5B1%5D=b", w);
    assertEquals(
        json("{\"r\":{\"min\":\"1\"},\"tags\":[\"a\",\"b\"]}"),
        decodedValue(d.decodeQuery(w), "deep"));
    refused(d, "[\"a\"]", "/f");
    refused(d, "{\"a]\":1}", "/f/a]");
  }

  @Test
  void a_label_value_escapes_the_dot_its_delimiter() {
    ParameterCodec l =
        param(
            "{\"name\":\"l\",\"in\":\"path\",\"style\":\"label\",\"explode\":true,\"schema\":{\"type\":\"array\"}}");
    assertEquals(".1%2E5.2", wire(l, "[\"1.5\",\"2\"]"));
  }

  @Test
  void a_content_parameter_writes_compact_json() {
    ParameterCodec q =
        param(
            "{\"name\":\"f\",\"in\":\"query\",\"content\":{\"application/json\":{\"schema\":{}}}}");
    assertEquals("f=%7B%22a%22%3A%5B1%2C%22x%20y%22%5D%7D", wire(q, "{\"a\": [1, \"x y\"]}"));
    ParameterCodec h =
        param(
            "{\"name\":\"X-Filter\",\"in\":\"header\",\"content\":{\"application/json\":{\"schema\":{}}}}");
    assertEquals("{\"a\":[1,\"x y\"]}", wire(h, "{\"a\": [1, \"x y\"]}"));
    ParameterCodec text =
        param("{\"name\":\"t\",\"in\":\"query\",\"content\":{\"text/plain\":{\"schema\":{}}}}");
    assertEquals("t=x%20y", wire(text, "\"x y\""));
  }

  @Test
  void numbers_and_booleans_write_as_json_writes_them_and_read_back_typed() {
    ParameterCodec n =
        param(
            "{\"name\":\"n\",\"in\":\"query\",\"explode\":false,\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}}}");
    String w = wire(n, "[1, -2.5, 1e3, 12345678901234567890]");
    CodecFixtures.assertSameValue(
        json("[1, -2.5, 1000, 12345678901234567890]"), decodedValue(n.decodeQuery(w), w), w);
  }
}
