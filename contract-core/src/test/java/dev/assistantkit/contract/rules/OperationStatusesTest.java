package dev.assistantkit.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assistantkit.contract.Contract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An operation's statuses are read from the document once, when it is loaded: every answer and
 * every judged response asks for them, and working them out on each call (a regular expression
 * compiled per response key) was half of the garbage a validated request left.
 */
class OperationStatusesTest {

  private static final String SPEC =
      """
      openapi: 3.1.0
      info: {title: statuses, version: "1"}
      paths:
        /things:
          get:
            operationId: listThings
            responses:
              "404": {description: none}
              "2XX": {description: some}
              "201": {description: made}
              "200": {description: listed}
              "x99": {description: not a status}
              default: {description: anything else}
          post:
            operationId: makeThing
            responses:
              4XX: {description: refused}
              default: {description: anything}
      """;

  private static final Contract CONTRACT = Contract.fromYaml(SPEC);

  @Test
  void exact_statuses_are_the_three_digit_keys_ascending_ranges_and_default_aside() {
    Operation list = CONTRACT.operation("listThings").orElseThrow();
    assertEquals(List.of(200, 201, 404), List.copyOf(list.declaredStatuses()));
    assertEquals(200, list.successStatus());
    Operation make = CONTRACT.operation("makeThing").orElseThrow();
    assertEquals(Set.of(), make.declaredStatuses());
    assertEquals(200, make.successStatus(), "no 2xx declared exactly: 200");
  }

  @Test
  void the_statuses_are_made_once_and_cannot_be_changed() {
    Operation list = CONTRACT.operation("listThings").orElseThrow();
    assertSame(list.declaredStatuses(), list.declaredStatuses(), "read once, not per call");
    assertThrows(UnsupportedOperationException.class, () -> list.declaredStatuses().add(500));
  }
}
