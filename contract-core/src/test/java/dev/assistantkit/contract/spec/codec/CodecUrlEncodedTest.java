package dev.assistantkit.contract.spec.codec;

import static dev.assistantkit.contract.spec.codec.CodecFixtures.assertProblem;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.decodedValue;
import static dev.assistantkit.contract.spec.codec.CodecFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.contract.spec.SpecDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * application/x-www-form-urlencoded bodies, on the corpus's real media types and the OAS examples.
 */
class CodecUrlEncodedTest {

  static final String PET =
      "#/paths/~1pet/post/requestBody/content/application~1x-www-form-urlencoded";

  static UrlEncodedCodec petstore() {
    SpecDocument spec = CodecFixtures.corpus("swagger-petstore-v3/openapi.yaml");
    return UrlEncodedCodec.of(spec, spec.require(PET));
  }

  static UrlEncodedCodec codec(String mediaTypeYaml) {
    SpecDocument spec =
        SpecDocument.fromYaml("openapi: 3.1.0\nmediaType:\n" + mediaTypeYaml.indent(2));
    return UrlEncodedCodec.of(spec, spec.require("#/mediaType"));
  }

  static DecodeResult decode(UrlEncodedCodec c, String body) {
    return c.decode(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void repeated_keys_are_an_array_numbers_are_coerced_and_objects_are_json() {
    String body =
        "id=10&name=doggie+the+dog&photoUrls=a&photoUrls=b%2Bc&status=available"
            + "&category=%7B%22id%22%3A1%2C%22name%22%3A%22Dogs%22%7D&tags=%7B%22id%22%3A1%7D&tags=%7B%22id%22%3A2%7D";
    assertEquals(
        json(
            """
            {"id":10,"name":"doggie the dog","category":{"id":1,"name":"Dogs"},"photoUrls":["a","b+c"],
             "tags":[{"id":1},{"id":2}],"status":"available"}
            """),
        decodedValue(decode(petstore(), body), "pet"));
  }

  @Test
  void the_specifications_own_example_body_reads_as_its_json() {
    // OAS 3.1.1, "Example: URL Encoded Form with JSON Values"
    UrlEncodedCodec c =
        codec(
            """
            schema:
              type: object
              properties:
                id: {type: string, format: uuid}
                address: {type: object, properties: {}}
            """);
    String body =
        "id=f81d4fae-7dec-11d0-a765-00a0c91e6bf6&address=%7B%22streetAddress%22:%22123+Example+Dr.%22,"
            + "%22city%22:%22Somewhere%22,%22state%22:%22CA%22,%22zip%22:%2299999%2B1234%22%7D";
    JsonNode expected =
        json(
            """
            {"id":"f81d4fae-7dec-11d0-a765-00a0c91e6bf6","address":{"streetAddress":"123 Example Dr.",
             "city":"Somewhere","state":"CA","zip":"99999+1234"}}
            """);
    assertEquals(expected, decodedValue(decode(c, body), "oas example"));
  }

  @Test
  void an_encoding_object_chooses_styles_and_json_per_property() {
    UrlEncodedCodec c =
        codec(
            """
            schema:
              type: object
              properties:
                tags: {type: array, items: {type: integer}}
                address: {type: object, properties: {city: {type: string}, zip: {type: integer}}}
                label: {type: string}
                words: {type: array, items: {type: string}}
            encoding:
              tags: {style: form, explode: false}
              address: {style: deepObject, explode: true}
              label: {contentType: application/json}
              words: {style: pipeDelimited}
            """);
    JsonNode value =
        json(
            "{\"tags\":[1,2],\"address\":{\"city\":\"Köln\",\"zip\":50667},\"label\":\"x\",\"words\":[\"a b\",\"c\"]}");
    String body =
        "tags=1,2&address%5Bcity%5D=K%C3%B6ln&address%5Bzip%5D=50667&label=%22x%22&words=a%20b%7Cc";
    assertEquals(value, decodedValue(decode(c, body), body));
    assertEquals(
        value,
        decodedValue(
            decode(
                c, "words=a+b|c&label=\"x\"&tags=1,2&address[zip]=50667&address[city]=K%C3%B6ln"),
            "raw"));
  }

  @Test
  void fields_no_property_declares_are_kept_for_validation_to_judge() {
    assertEquals(
        json("{\"name\":\"rex\",\"photoUrls\":[\"u\"],\"extra\":[\"1\",\"2\"],\"other\":\"x\"}"),
        decodedValue(decode(petstore(), "name=rex&photoUrls=u&extra=1&extra=2&other=x"), "extra"));
  }

  @Test
  void a_value_that_does_not_coerce_stays_a_string() {
    assertEquals(json("{\"id\":\"ten\"}"), decodedValue(decode(petstore(), "id=ten"), "id"));
    assertEquals(json("{}"), decodedValue(decode(petstore(), ""), "empty body"));
  }

  @ParameterizedTest(name = "''{0}'' is {1} at {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          name=a%zz                     | PERCENT_ENCODING | /name
          name=%C3%28                   | INVALID_TEXT     | /name
          name=a&name=b                 | DUPLICATE        | /name
          category=%7B%22id%22          | CONTENT_SYNTAX   | /category
          tags=%7B%7D&tags=not-json     | CONTENT_SYNTAX   | /tags/1
          """)
  void malformed_fields_are_problems_with_pointers(String body, ProblemKind kind, String pointer) {
    assertProblem(decode(petstore(), body), kind, pointer);
  }

  @Test
  void a_body_that_is_not_utf8_or_has_too_many_fields_is_refused_whole() {
    assertProblem(
        petstore().decode(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}),
        ProblemKind.INVALID_TEXT,
        "");
    assertProblem(decode(petstore(), "a=1&".repeat(1 << 18)), ProblemKind.TOO_MANY_PAIRS, "");
  }

  @Test
  void every_urlencoded_media_type_of_the_corpus_builds() {
    int built = 0;
    for (String d :
        List.of(
            "swagger-petstore-v3/openapi.yaml",
            "deepl-api/openapi.yaml",
            "readme-request-examples-3.0/request-examples.yaml")) {
      SpecDocument spec = CodecFixtures.corpus(d);
      for (String at :
          spec.expand("#/paths/*/*/requestBody/content/application~1x-www-form-urlencoded")) {
        UrlEncodedCodec.of(spec, spec.require(at));
        built++;
      }
    }
    assertEquals(14, built);
  }

  @Test
  void deepl_translate_reads_repeated_text_fields_as_its_array() {
    SpecDocument spec = CodecFixtures.corpus("deepl-api/openapi.yaml");
    UrlEncodedCodec c =
        UrlEncodedCodec.of(
            spec,
            spec.require(
                "#/paths/~1v2~1translate/post/requestBody/content/application~1x-www-form-urlencoded"));
    JsonNode v =
        decodedValue(
            decode(c, "text=Hello%2C+world&text=Bye&target_lang=DE&show_billed_characters=true"),
            "deepl");
    assertEquals(json("[\"Hello, world\",\"Bye\"]"), v.get("text"));
    assertEquals(json("\"DE\""), v.get("target_lang"));
    assertEquals(json("true"), v.get("show_billed_characters"));
  }
}
