package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.codec.SchemaShape.ShapeKind;
import tools.jackson.databind.JsonNode;

/**
 * How one property of a form body is serialized, from its Encoding Object (OAS 3.0.4/3.1.1
 * "Encoding Object"): style-based when the Encoding Object gives {@code style}, {@code explode} or
 * {@code allowReserved} (and styles apply to the media type), else content-based with {@code
 * contentType} or its default by type: {@code application/json} for objects, {@code
 * application/octet-stream} for binary strings ({@code format: binary|byte}, {@code
 * contentEncoding}) and schemas without a type, {@code text/plain} for other scalars, the items'
 * default for arrays. An array is sent as one pair (or part) per item.
 *
 * @param name the property
 * @param shape the property's schema
 * @param style the style, or null when content-based
 * @param explode style-based only
 * @param contentType content-based only: the media type (or comma-separated list) of one value
 * @param contentTypeDeclared whether the Encoding Object states {@code contentType} (a multipart
 *     part sent with another Content-Type is then refused) rather than its default applying
 */
record FieldRule(
    String name,
    SchemaShape shape,
    ParameterStyle style,
    boolean explode,
    String contentType,
    boolean contentTypeDeclared) {

  static FieldRule of(String name, JsonNode encoding, SchemaShape shape, boolean stylesApply) {
    JsonNode e =
        encoding == null ? tools.jackson.databind.node.MissingNode.getInstance() : encoding;
    boolean styled = e.has("style") || e.has("explode") || e.has("allowReserved");
    if (styled && stylesApply) {
      ParameterStyle style = ParameterStyle.of(e.path("style").asString("form"));
      if (style == null || !(style.definedFor(ParameterLocation.QUERY))) {
        throw new IllegalArgumentException(
            "encoding of '" + name + "': style " + e.get("style") + " is not a query style");
      }
      return new FieldRule(
          name, shape, style, e.path("explode").asBoolean(style.defaultExplode()), null, false);
    }
    String contentType = e.path("contentType").asString("");
    return new FieldRule(
        name,
        shape,
        null,
        false,
        contentType.isBlank() ? defaultContentType(shape) : contentType,
        !contentType.isBlank());
  }

  static String defaultContentType(SchemaShape s) {
    return switch (s.kind()) {
      case ARRAY -> defaultContentType(s.items());
      case OBJECT -> "application/json";
      case PRIMITIVE ->
          s.binary() || s.textEncoded() || s.scalars().isEmpty()
              ? "application/octet-stream"
              : "text/plain";
    };
  }

  /** Whether one value is JSON text: every media type listed is JSON. */
  boolean json() {
    if (contentType == null) {
      return false;
    }
    for (String t : contentType.split(",")) {
      if (!MediaTypes.isJson(t)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a part sent with a Content-Type is one the Encoding Object's {@code contentType} names
   * (a type, {@code type/*} or {@code *}{@code /*}); always when the document states none.
   */
  boolean accepts(String partContentType) {
    if (!contentTypeDeclared) {
      return true;
    }
    String sent = MediaTypes.essence(partContentType);
    for (String t : contentType.split(",")) {
      String named = MediaTypes.essence(t);
      if (named.equals(sent)
          || named.equals("*/*")
          || (named.endsWith("/*") && sent.startsWith(named.substring(0, named.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether one value is a file: a binary string, or an array of them. */
  boolean binary() {
    return shape.kind() == ShapeKind.ARRAY ? shape.items().binary() : shape.binary();
  }
}
