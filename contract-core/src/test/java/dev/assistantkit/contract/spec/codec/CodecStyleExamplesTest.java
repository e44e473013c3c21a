package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertSameValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decode;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI Specification's "Style Examples" table, every style and explode, both directions: the
 * value writes as the table's text, and the table's text reads as the value (coerced by the schema:
 * R, G, B are integers). Other spellings clients send read as the same value.
 */
class CodecStyleExamplesTest {

  private static final Map<String, String> VALUES =
      Map.of(
          "empty", "\"\"",
          "string", "\"blue\"",
          "array", "[\"blue\",\"black\",\"brown\"]",
          "object", "{\"R\":100,\"G\":200,\"B\":150}");

  private static final Map<String, String> SCHEMAS =
      Map.of(
          "empty",
          "{\"type\":\"string\"}",
          "string",
          "{\"type\":\"string\"}",
          "array",
          "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
          "object",
          """
          {"type":"object","properties":{"R":{"type":"integer"},"G":{"type":"integer"},"B":{"type":"integer"}}}
          """);

  static ParameterCodec color(String in, String style, String explode, String kind) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", "color");
    fields.put("in", in);
    fields.put("style", style);
    fields.put("explode", Boolean.parseBoolean(explode));
    if (in.equals("query")) {
      fields.put("allowEmptyValue", true);
    }
    return ParameterCodec.of(CodecFixtures.parameter(fields, SCHEMAS.get(kind)));
  }

  private static String name(String[] row) {
    return row[0] + " " + row[1] + " explode=" + row[2] + " " + row[3] + ": " + row[4];
  }

  @TestFactory
  Stream<DynamicTest> the_tables_text_reads_as_the_value() {
    return Stream.concat(
            CodecFixtures.table("style-examples.tsv").stream(),
            CodecFixtures.table("style-readings.tsv").stream())
        .map(
            row ->
                DynamicTest.dynamicTest(
                    name(row),
                    () -> {
                      DecodeResult r = decode(color(row[0], row[1], row[2], row[3]), row[4]);
                      assertSameValue(
                          json(VALUES.get(row[3])), decodedValue(r, name(row)), name(row));
                    }));
  }

  @Test
  void the_table_covers_every_style_the_specification_defines_for_every_location() {
    List<String[]> rows = CodecFixtures.table("style-examples.tsv");
    for (ParameterStyle style : ParameterStyle.values()) {
      for (ParameterLocation in : ParameterLocation.values()) {
        if (style.definedFor(in)) {
          assertTrue(
              rows.stream()
                  .anyMatch(r -> r[0].equals(in.wireName()) && r[1].equals(style.wireName())),
              style + " in " + in);
        }
      }
    }
  }

  @Test
  void the_3_0_3_tables_dotted_non_exploded_label_array_reads_as_one_item() {
    // The 3.0.3/3.1.0 table's ".blue.black.brown" for explode=false is an erratum (RFC 6570 and
    // OAS 3.0.4/3.1.1 use commas); a dot is not a delimiter there.
    JsonNode v =
        decodedValue(
            color("path", "label", "false", "array").decodePath(".blue.black.brown"), "label");
    assertEquals(json("[\"blue.black.brown\"]"), v);
  }
}
