package dev.assistantkit.contract.generation;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An instance that breaks the asked keyword, everything else kept valid as far as possible.
 *
 * @param instance the whole instance (for the schema pointer asked about)
 * @param instancePointer the JSON Pointer of the value the validator reports the keyword at (for
 *     {@code required}, {@code additionalProperties} and other object keywords: the object)
 * @param reportedAt the schema location the validator reports: the keyword location, but for a
 *     {@code false} schema inside properties ({@code .../false}), an OpenAPI 3.0 boolean {@code
 *     exclusiveMinimum}/{@code exclusiveMaximum} (reported at its {@code minimum}/{@code maximum})
 * @param alsoBroken the locations of other keywords the instance breaks too, each once; empty when
 *     the keyword is broken alone. A keyword inside a {@code oneOf}/{@code anyOf} branch also fails
 *     the combinator and lets the validator report the other branches' failures: those are not
 *     listed here, since a valid instance fails them too
 */
public record Broken(
    JsonNode instance, String instancePointer, String reportedAt, List<String> alsoBroken)
    implements Breaking {

  public Broken {
    alsoBroken = List.copyOf(alsoBroken);
  }

  /** Whether the instance breaks the keyword and nothing else. */
  public boolean alone() {
    return alsoBroken.isEmpty();
  }
}
