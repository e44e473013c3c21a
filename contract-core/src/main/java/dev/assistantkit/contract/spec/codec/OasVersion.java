package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.SpecDocument;

/**
 * The OpenAPI line a document belongs to, where the codecs read 3.0 and 3.1 differently. The one
 * difference: an Encoding Object's {@code style}, {@code explode} and {@code allowReserved} apply
 * to {@code multipart/form-data} in 3.1 (3.1.0 and 3.1.1 "SHALL be ignored if the request body
 * media type is not application/x-www-form-urlencoded or multipart/form-data") and are ignored for
 * it in 3.0 (3.0.3 and 3.0.4: "... is not application/x-www-form-urlencoded").
 */
public enum OasVersion {
  V3_0,
  V3_1;

  /** The line of a document's {@code openapi} field; 3.1 for anything not starting with 3.0. */
  public static OasVersion of(SpecDocument spec) {
    String v = spec.root().path("openapi").asString("");
    return v.startsWith("3.0") ? V3_0 : V3_1;
  }
}
