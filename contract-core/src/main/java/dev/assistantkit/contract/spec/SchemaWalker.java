package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one walker over the spec's schemas, shared by the catalogue lint, the derived and fuzzed
 * cases, and the merge that keeps only declared fields.
 *
 * <p>Two views: {@link #locations} visits every schema node reachable from a root, each spec
 * location once, following {@code $ref}s (for "which keywords can fire?"); {@link #properties}
 * lists the instance properties a schema declares, with their effective schema (the {@code $ref}
 * target with the sibling keywords laid over it), to a depth (for "what can a body hold?").
 */
public final class SchemaWalker {

  /** Keywords that can fail on their own (as opposed to applicators such as allOf). */
  public static final Set<String> ASSERTIONS =
      Set.of(
          "type",
          "enum",
          "const",
          "required",
          "dependentRequired",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minItems",
          "maxItems",
          "uniqueItems",
          "not");

  private static final List<String> CHILD_MAPS =
      List.of("properties", "dependentSchemas", "patternProperties");
  private static final List<String> CHILD_LISTS = List.of("allOf", "anyOf", "oneOf");
  private static final List<String> CHILD_SINGLES =
      List.of("then", "else", "items", "additionalProperties", "contains", "propertyNames");

  /**
   * A schema node at a spec location.
   *
   * @param schema the node as written
   * @param location its {@code #/...} pointer
   */
  public record Located(JsonNode schema, String location) {}

  /**
   * An instance property a schema declares.
   *
   * @param path the property names from the root object down to it
   * @param schema its effective schema
   * @param location the spec location of the declaration
   */
  public record Property(List<String> path, JsonNode schema, String location) {

    /** The declared type when it is a single string, else empty. */
    public String type() {
      JsonNode t = schema.get("type");
      return t != null && t.isString() ? t.asString() : "";
    }
  }

  private final SpecDocument spec;

  public SchemaWalker(SpecDocument spec) {
    this.spec = spec;
  }

  /** Every schema node reachable from the root location, each location once. */
  public void locations(String root, Consumer<Located> visitor) {
    Set<String> visited = new HashSet<>();
    for (String at : spec.expand(root)) {
      visit(spec.require(at), at, visitor, visited);
    }
  }

  private void visit(JsonNode schema, String at, Consumer<Located> visitor, Set<String> visited) {
    if (!visited.add(at)) {
      return;
    }
    visitor.accept(new Located(schema, at));
    if (!schema.isObject()) {
      return;
    }
    if (schema.has("$ref")) {
      String target = schema.get("$ref").asString();
      visit(spec.require(target), target, visitor, visited);
    }
    for (String container : CHILD_MAPS) {
      JsonNode children = schema.get(container);
      if (children != null && children.isObject()) {
        for (Map.Entry<String, JsonNode> p : children.properties()) {
          String child = at + "/" + container + "/" + SpecPointer.escape(p.getKey());
          visit(p.getValue(), child, visitor, visited);
        }
      }
    }
    for (String list : CHILD_LISTS) {
      JsonNode items = schema.get(list);
      if (items != null && items.isArray()) {
        for (int i = 0; i < items.size(); i++) {
          visit(items.get(i), at + "/" + list + "/" + i, visitor, visited);
        }
      }
    }
    for (String single : CHILD_SINGLES) {
      JsonNode child = schema.get(single);
      if (child != null && (child.isObject() || child.isBoolean())) {
        visit(child, at + "/" + single, visitor, visited);
      }
    }
  }

  /** The locations of every assertion keyword (and every {@code false} schema) under a root. */
  public List<String> assertionLocations(String root) {
    List<String> out = new ArrayList<>();
    locations(
        root,
        n -> {
          if (n.schema().isBoolean() && !n.schema().asBoolean()) {
            out.add(n.location());
          } else if (n.schema().isObject()) {
            for (String k : ASSERTIONS) {
              if (n.schema().has(k)) {
                out.add(n.location() + "/" + k);
              }
            }
            JsonNode ap = n.schema().get("additionalProperties");
            if (ap != null && ap.isBoolean() && !ap.asBoolean()) {
              out.add(n.location() + "/additionalProperties");
            }
          }
        });
    return out;
  }

  /** The schema with its {@code $ref} resolved and the sibling keywords laid over it. */
  public JsonNode effective(JsonNode schema) {
    if (schema == null || !schema.isObject() || !schema.has("$ref")) {
      return schema;
    }
    JsonNode target = effective(spec.require(schema.get("$ref").asString()));
    if (!target.isObject()) {
      return target;
    }
    ObjectNode merged = ((ObjectNode) target).deepCopy();
    for (Map.Entry<String, JsonNode> p : schema.properties()) {
      if (!p.getKey().equals("$ref")) {
        merged.set(p.getKey(), p.getValue());
      }
    }
    return merged;
  }

  /** The effective schema at a location. */
  public JsonNode effectiveAt(String location) {
    return effective(spec.require(location));
  }

  /**
   * The properties the schema at {@code root} declares, depth first, nested objects' own properties
   * included down to {@code maxDepth} levels.
   */
  public List<Property> properties(String root, int maxDepth) {
    List<Property> out = new ArrayList<>();
    collect(effectiveAt(root), root, List.of(), maxDepth, out);
    return List.copyOf(out);
  }

  private void collect(
      JsonNode schema, String at, List<String> path, int depthLeft, List<Property> out) {
    JsonNode props = schema == null ? null : schema.get("properties");
    if (props == null || !props.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : props.properties()) {
      List<String> childPath = Stream.concat(path.stream(), Stream.of(p.getKey())).toList();
      String location = at + "/properties/" + SpecPointer.escape(p.getKey());
      JsonNode eff = effective(p.getValue());
      out.add(new Property(childPath, eff, location));
      if (depthLeft > 1) {
        collect(eff, location, childPath, depthLeft - 1, out);
      }
    }
  }

  /**
   * Whether an object schema closes its properties ({@code additionalProperties: false}), so that
   * only declared names belong in it.
   */
  public boolean closed(JsonNode effectiveSchema) {
    JsonNode ap = effectiveSchema == null ? null : effectiveSchema.get("additionalProperties");
    return ap != null && ap.isBoolean() && !ap.asBoolean();
  }
}
