package dev.assistantkit.contract.spec;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Where a node stands, as far as references care. OpenAPI gives {@code $ref} its meaning in schemas
 * and in the places a Reference Object may stand; an example is data ({@code example}, an Example
 * Object's {@code value}, a schema's {@code examples} list), where Redocly and Prism still replace
 * a reference to a file by the file's content (NHS PDS keeps its example bodies in {@code .json}
 * files that way). Names of maps ({@code properties}, {@code components/schemas}, ...) are names,
 * never keywords: a property called {@code example} is a schema.
 */
enum RefPosition {
  /** A node whose keys are keywords. */
  NORMAL,
  /** A map whose keys are names; each value is {@link #NORMAL}. */
  NAMES,
  /** A map of Example Objects ({@code examples} of a media type, parameter or components). */
  EXAMPLES,
  /** An Example Object: its {@code value} is data. */
  EXAMPLE,
  /** Data: a {@code $ref} here is replaced by what it names, or kept as data. */
  LITERAL;

  private static final Set<String> NAME_MAPS =
      Set.of(
          "properties",
          "patternProperties",
          "dependentSchemas",
          "$defs",
          "definitions",
          "schemas",
          "responses",
          "parameters",
          "requestBodies",
          "headers",
          "securitySchemes",
          "links",
          "callbacks",
          "pathItems",
          "paths",
          "webhooks",
          "content",
          "encoding",
          "variables",
          "mapping");

  /** The position of the value under {@code key} of an object at this position. */
  RefPosition child(String key, JsonNode value) {
    switch (this) {
      case LITERAL:
        return LITERAL;
      case NAMES:
        return NORMAL;
      case EXAMPLES:
        return EXAMPLE;
      case EXAMPLE:
        return key.equals("value") ? LITERAL : NORMAL;
      default:
        if (key.equals("example")) {
          return LITERAL;
        }
        if (key.equals("examples")) {
          return value.isArray() ? LITERAL : EXAMPLES;
        }
        return NAME_MAPS.contains(key) ? NAMES : NORMAL;
    }
  }

  /** The position of an item of an array at this position. */
  RefPosition item() {
    return this == LITERAL ? LITERAL : NORMAL;
  }
}
