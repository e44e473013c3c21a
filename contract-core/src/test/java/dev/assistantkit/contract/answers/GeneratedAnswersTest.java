package dev.assistantkit.contract.answers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.Headers;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SecretNames;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An answer generated from a schema is the same for the same request, and so is made once: the
 * generator walks the schema and validates its candidate, work a repeated request need not pay
 * again. A request the document gives an example for never generates.
 */
class GeneratedAnswersTest {

  private static final String DOC =
      """
      openapi: 3.0.3
      info: {title: t, version: '1'}
      paths:
        /things/{id}:
          get:
            operationId: getThing
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses:
              '200':
                description: one
                content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}
        /example:
          get:
            operationId: getExample
            responses:
              '200':
                description: one
                content:
                  application/json:
                    schema: {type: object, properties: {n: {type: integer}}}
                    example: {n: 1}
      """;

  private final SpecDocument spec = SpecDocument.fromYaml(DOC);
  private final List<String> made = new ArrayList<>();
  private final Answers answers =
      new Answers(
          spec,
          new SchemaSet(spec),
          new ResourceViews(SecretNames.parse(spec)),
          (location, seed) -> {
            made.add(location + " " + seed);
            return Optional.of(
                JsonNodeFactory.instance.objectNode().put("id", Long.toString(seed)));
          });
  private final List<Operation> operations =
      dev.assistantkit.contract.Contract.fromYaml(DOC).operations();

  private Answer answer(String operationId, String target) {
    Operation op =
        operations.stream().filter(o -> o.id().equals(operationId)).findFirst().orElseThrow();
    ApiRequest request = new ApiRequest("GET", target, Headers.of(List.of()), new byte[0]);
    return answers.documented(op, 200, request, Optional.empty()).orElseThrow();
  }

  @Test
  void the_same_request_is_generated_once_and_answered_alike() {
    Answer first = answer("getThing", "/things/1");
    Answer again = answer("getThing", "/things/1");
    assertArrayEquals(first.body(), again.body());
    assertEquals(1, made.size(), made::toString);
    answer("getThing", "/things/2");
    assertEquals(2, made.size(), "another request, another body: " + made);
  }

  @Test
  void an_example_is_answered_without_generating() {
    Answer a = answer("getExample", "/example");
    assertEquals("{\"n\":1}", a.bodyText());
    assertEquals("application/json", a.contentType());
    answer("getExample", "/example");
    assertEquals(List.of(), made);
  }

  @Test
  void what_is_kept_stays_bounded() {
    // more distinct requests than are kept: each is generated, the first again after the bound
    for (int i = 0; i < 1100; i++) {
      answer("getThing", "/things/" + i);
    }
    answer("getThing", "/things/0");
    assertEquals(1101, made.size());
  }
}
