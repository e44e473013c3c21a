package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.Set;

/**
 * The schema dialect of one document, as the validator applies it: OpenAPI 3.0 (a JSON Schema draft
 * 4 subset with {@code nullable}, boolean {@code exclusiveMinimum}/{@code exclusiveMaximum}, and
 * {@code $ref} siblings ignored) or 3.1 (JSON Schema 2020-12).
 */
final class Semantics {

  /** The keywords OpenAPI 3.0 gives a meaning (any other is an annotation the validator skips). */
  private static final Set<String> OPENAPI_30 =
      Set.of(
          "type",
          "format",
          "pattern",
          "required",
          "enum",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minProperties",
          "maxProperties",
          "items",
          "properties",
          "additionalProperties",
          "allOf",
          "oneOf",
          "anyOf",
          "not",
          "discriminator",
          "nullable",
          "readOnly",
          "writeOnly",
          "$ref",
          "example",
          "default");

  private final boolean v30;

  private Semantics(boolean v30) {
    this.v30 = v30;
  }

  static Semantics of(SpecDocument spec) {
    return new Semantics(SchemaSet.openApi30(spec));
  }

  /** True for an OpenAPI 3.0 document. */
  boolean v30() {
    return v30;
  }

  /** Whether the keyword means something in this dialect. */
  boolean applies(String keyword) {
    if (v30) {
      return OPENAPI_30.contains(keyword);
    }
    return !keyword.equals("nullable");
  }

  /** Whether the keywords beside a {@code $ref} apply too (3.1) or are ignored (3.0). */
  boolean refSiblingsApply() {
    return !v30;
  }
}
