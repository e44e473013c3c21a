package dev.assistantkit.contract.spec;

import tools.jackson.databind.JsonNode;

/** The OpenAPI versions the kit reads, from the document's {@code openapi} field. */
public enum OpenApiVersion {
  /** {@code openapi: 3.0.x}: schemas are OpenAPI's JSON Schema subset. */
  V3_0,
  /** {@code openapi: 3.1.x}: schemas are JSON Schema 2020-12. */
  V3_1;

  /**
   * The version a document declares.
   *
   * @throws SpecLoadException ({@link SpecLoadException.Reason#UNSUPPORTED_VERSION}) for Swagger
   *     2.0, a missing or malformed {@code openapi} field, or any other version
   * @param name the document's file name for messages ({@code ""} for a text)
   */
  static OpenApiVersion of(JsonNode root, String name) {
    JsonNode field = root.get("openapi");
    if (field == null) {
      String swagger = root.has("swagger") ? root.get("swagger").asString("") : null;
      throw new SpecLoadException(
          SpecLoadException.Reason.UNSUPPORTED_VERSION,
          name + "#/" + (swagger != null ? "swagger" : "openapi"),
          swagger != null
              ? "the document is Swagger "
                  + swagger
                  + " (field 'swagger'); only OpenAPI 3.0 and 3.1 are read: convert it first"
              : "the document has no 'openapi' field; only OpenAPI 3.0 and 3.1 are read");
    }
    String v = field.isString() ? field.asString() : "";
    if (v.matches("3\\.0\\.\\d+(-[0-9A-Za-z.-]+)?")) {
      return V3_0;
    }
    if (v.matches("3\\.1\\.\\d+(-[0-9A-Za-z.-]+)?")) {
      return V3_1;
    }
    throw new SpecLoadException(
        SpecLoadException.Reason.UNSUPPORTED_VERSION,
        name + "#/openapi",
        "the field 'openapi' is "
            + (field.isString() ? "'" + v + "'" : field.toString() + " (not a string)")
            + "; only OpenAPI 3.0.x and 3.1.x are read");
  }
}
