package dev.assistantkit.contract.spec.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * What decoding needs to know of a schema: primitive, array or object; the scalar types a text may
 * be coerced to; whether a string is binary; and, on demand, the shapes of items and properties.
 *
 * <p>{@code type} (a string or, in 3.1, an array) and 3.0 {@code nullable} give the types; without
 * {@code type}, {@code items} makes an array and {@code properties}/{@code additionalProperties} an
 * object. {@code allOf}, {@code oneOf} and {@code anyOf} members add their types and properties (a
 * union: any branch may be the one that applies, so a text is coerced only where no branch takes it
 * as a string). When a type list names array or object besides scalars, the container wins. {@code
 * $ref}s are followed by the resolver given; a reference it cannot follow, or nesting deeper than
 * {@value #MAX_DEPTH}, reads as "any": values stay strings.
 */
final class SchemaShape {

  enum ShapeKind {
    PRIMITIVE,
    ARRAY,
    OBJECT
  }

  enum Scalar {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    NULL
  }

  static final int MAX_DEPTH = 12;

  static final SchemaShape ANY =
      new SchemaShape(
          ShapeKind.PRIMITIVE,
          EnumSet.noneOf(Scalar.class),
          false,
          false,
          List.of(),
          Map.of(),
          List.of(),
          true,
          null,
          0);

  private final ShapeKind kind;
  private final Set<Scalar> scalars;
  private final boolean binary;
  private final boolean textEncoded;
  private final List<JsonNode> itemSchemas;
  private final Map<String, List<JsonNode>> propertySchemas;
  private final List<JsonNode> additionalSchemas;
  private final boolean claimsUnknownKeys;
  private final UnaryOperator<JsonNode> resolve;
  private final int depth;
  private final Map<String, SchemaShape> children = new ConcurrentHashMap<>();

  private SchemaShape(
      ShapeKind kind,
      Set<Scalar> scalars,
      boolean binary,
      boolean textEncoded,
      List<JsonNode> itemSchemas,
      Map<String, List<JsonNode>> propertySchemas,
      List<JsonNode> additionalSchemas,
      boolean claimsUnknownKeys,
      UnaryOperator<JsonNode> resolve,
      int depth) {
    this.kind = kind;
    this.scalars = Collections.unmodifiableSet(scalars);
    this.binary = binary;
    this.textEncoded = textEncoded;
    this.itemSchemas = itemSchemas;
    this.propertySchemas = propertySchemas;
    this.additionalSchemas = additionalSchemas;
    this.claimsUnknownKeys = claimsUnknownKeys;
    this.resolve = resolve;
    this.depth = depth;
  }

  /** The shape of a schema (null or missing: any). */
  static SchemaShape of(JsonNode schema, UnaryOperator<JsonNode> resolve) {
    return read(List.of(schema == null ? missing() : schema), resolve, 0);
  }

  ShapeKind kind() {
    return kind;
  }

  /** The scalar types named; empty when the schema names none (values then stay strings). */
  Set<Scalar> scalars() {
    return scalars;
  }

  /**
   * A string holding raw bytes: {@code format: binary} (3.0), or {@code contentMediaType} without
   * {@code contentEncoding} (3.1). Such a multipart field is a file.
   */
  boolean binary() {
    return binary;
  }

  /** A string carrying bytes as text: {@code format: byte} or {@code contentEncoding}. */
  boolean textEncoded() {
    return textEncoded;
  }

  /** The shape of the items (any when the schema says nothing of them). */
  SchemaShape items() {
    return children.computeIfAbsent("i", k -> read(itemSchemas, resolve, depth + 1));
  }

  /** The shape of a property: declared, else {@code additionalProperties}, else any. */
  SchemaShape property(String name) {
    List<JsonNode> declared = propertySchemas.get(name);
    if (declared != null) {
      return children.computeIfAbsent("p:" + name, k -> read(declared, resolve, depth + 1));
    }
    return children.computeIfAbsent("a", k -> read(additionalSchemas, resolve, depth + 1));
  }

  /** The declared property names, in the schema's order. */
  Set<String> propertyNames() {
    return propertySchemas.keySet();
  }

  /**
   * Whether keys it does not declare belong to it when its properties are spread among other names
   * (form explode objects): only for a free-form map, one that declares no properties or declares
   * {@code additionalProperties} explicitly (true or a schema).
   */
  boolean claimsUnknownKeys() {
    return claimsUnknownKeys;
  }

  private static SchemaShape read(
      List<JsonNode> schemas, UnaryOperator<JsonNode> resolve, int depth) {
    if (depth > MAX_DEPTH || schemas.isEmpty()) {
      return ANY;
    }
    Gathered g = new Gathered();
    for (JsonNode s : schemas) {
      g.gather(s, resolve, 0);
    }
    return g.shape(resolve, depth);
  }

  private static JsonNode missing() {
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  /** The keywords of a schema and its allOf/oneOf/anyOf members, gathered in one place. */
  private static final class Gathered {
    private final Set<String> types = new java.util.LinkedHashSet<>();
    private boolean nullable;
    private boolean binary;
    private boolean textEncoded;
    private boolean structuredKeywordsOnly;
    private boolean objectKeywords;
    private boolean explicitAdditional;
    private final List<JsonNode> items = new ArrayList<>();
    private final Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
    private final List<JsonNode> additional = new ArrayList<>();

    void gather(JsonNode node, UnaryOperator<JsonNode> resolve, int hops) {
      JsonNode s = resolveSafely(node, resolve);
      if (s == null || !s.isObject() || hops > MAX_DEPTH) {
        return;
      }
      JsonNode type = s.get("type");
      if (type != null && type.isString()) {
        types.add(type.stringValue());
      } else if (type != null && type.isArray()) {
        type.forEach(t -> types.add(t.asString("")));
      }
      nullable |= s.path("nullable").asBoolean(false);
      String format = s.path("format").asString("");
      binary |= format.equals("binary") || (s.has("contentMediaType") && !s.has("contentEncoding"));
      textEncoded |= format.equals("byte") || s.has("contentEncoding");
      gatherChildren(s);
      for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
        s.path(combinator).forEach(member -> gather(member, resolve, hops + 1));
      }
    }

    private void gatherChildren(JsonNode s) {
      if (s.has("items")) {
        items.add(s.get("items"));
        structuredKeywordsOnly = true;
      }
      s.path("properties")
          .properties()
          .forEach(
              e ->
                  properties.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      if (s.has("properties") || s.has("additionalProperties") || s.has("patternProperties")) {
        objectKeywords = true;
      }
      JsonNode ap = s.get("additionalProperties");
      if (ap != null && !(ap.isBoolean() && !ap.booleanValue())) {
        explicitAdditional = true;
        if (ap.isObject()) {
          additional.add(ap);
        }
      }
    }

    SchemaShape shape(UnaryOperator<JsonNode> resolve, int depth) {
      ShapeKind kind = kind();
      EnumSet<Scalar> scalars = EnumSet.noneOf(Scalar.class);
      for (String t : types) {
        switch (t) {
          case "string" -> scalars.add(Scalar.STRING);
          case "integer" -> scalars.add(Scalar.INTEGER);
          case "number" -> scalars.add(Scalar.NUMBER);
          case "boolean" -> scalars.add(Scalar.BOOLEAN);
          case "null" -> scalars.add(Scalar.NULL);
          default -> {}
        }
      }
      if (nullable && !scalars.isEmpty()) {
        scalars.add(Scalar.NULL);
      }
      boolean claims = properties.isEmpty() || explicitAdditional;
      return new SchemaShape(
          kind,
          scalars,
          binary,
          textEncoded,
          List.copyOf(items),
          Collections.unmodifiableMap(properties),
          List.copyOf(additional),
          claims,
          resolve,
          depth);
    }

    private ShapeKind kind() {
      if (types.contains("object") && !types.contains("array")) {
        return ShapeKind.OBJECT;
      }
      if (types.contains("array")) {
        return ShapeKind.ARRAY;
      }
      if (types.isEmpty() && objectKeywords) {
        return ShapeKind.OBJECT;
      }
      if (types.isEmpty() && structuredKeywordsOnly) {
        return ShapeKind.ARRAY;
      }
      return ShapeKind.PRIMITIVE;
    }
  }

  /** Follows a $ref with the resolver; a reference it cannot follow reads as nothing. */
  static JsonNode resolveSafely(JsonNode node, UnaryOperator<JsonNode> resolve) {
    if (node == null) {
      return null;
    }
    try {
      JsonNode r = resolve.apply(node);
      return r == null || (r.isObject() && r.has("$ref")) ? null : r;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
