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

  /**
   * An assertion keyword and the instance it constrains.
   *
   * @param location the keyword's spec location; for {@code required} and {@code
   *     dependentRequired}, one entry of its list ({@code .../required/0}); for a {@code false}
   *     schema, the schema itself
   * @param keyword the keyword ({@code false} for a false schema)
   * @param instancePath where in the instance: property names, {@code []} for the items of an
   *     array, {@code *} for any other property; for a required entry, the property it requires
   */
  public record Assertion(String location, String keyword, List<String> instancePath) {}

  /** How many instance paths to try for one location before taking the least. */
  private static final int PATHS_PER_LOCATION = 8;

  private static final int MAX_INSTANCE_DEPTH = 32;

  /**
   * Every assertion keyword under a root, each location once, with the least instance path that
   * reaches it (so that the path does not depend on the order properties are written in); the
   * combinators that fail on their own ({@code oneOf}, {@code anyOf}) count as assertions.
   */
  public List<Assertion> assertions(String root) {
    Map<String, Assertion> best = new java.util.TreeMap<>();
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (String at : spec.expand(root)) {
      walk(spec.require(at), at, new ArrayList<>(), best, seen);
    }
    return List.copyOf(best.values());
  }

  private void walk(
      JsonNode schema,
      String at,
      List<String> path,
      Map<String, Assertion> best,
      Map<String, Integer> seen) {
    if (path.size() > MAX_INSTANCE_DEPTH || seen.merge(at, 1, Integer::sum) > PATHS_PER_LOCATION) {
      return;
    }
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) {
        offer(best, new Assertion(at, "false", List.copyOf(path)));
      }
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    for (String k : ASSERTIONS) {
      JsonNode v = schema.get(k);
      if (v == null) {
        continue;
      }
      if (k.equals("required") && v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          offer(best, new Assertion(at + "/required/" + i, k, with(path, v.get(i).asString())));
        }
      } else if (k.equals("dependentRequired") && v.isObject()) {
        for (Map.Entry<String, JsonNode> d : v.properties()) {
          for (int i = 0; i < d.getValue().size(); i++) {
            offer(
                best,
                new Assertion(
                    at + "/dependentRequired/" + SpecPointer.escape(d.getKey()) + "/" + i,
                    k,
                    with(path, d.getValue().get(i).asString())));
          }
        }
      } else {
        offer(best, new Assertion(at + "/" + k, k, List.copyOf(path)));
      }
    }
    for (String k : List.of("oneOf", "anyOf")) {
      if (schema.path(k).isArray()) {
        offer(best, new Assertion(at + "/" + k, k, List.copyOf(path)));
      }
    }
    JsonNode ap = schema.get("additionalProperties");
    if (ap != null && ap.isBoolean() && !ap.asBoolean()) {
      offer(
          best,
          new Assertion(at + "/additionalProperties", "additionalProperties", List.copyOf(path)));
    }
    if (schema.has("$ref")) {
      String target = schema.get("$ref").asString();
      spec.node(target).ifPresent(t -> walk(t, target, path, best, seen));
    }
    JsonNode props = schema.get("properties");
    if (props != null && props.isObject()) {
      for (Map.Entry<String, JsonNode> p : props.properties()) {
        walk(
            p.getValue(),
            at + "/properties/" + SpecPointer.escape(p.getKey()),
            with(path, p.getKey()),
            best,
            seen);
      }
    }
    for (String map : List.of("patternProperties", "dependentSchemas")) {
      JsonNode children = schema.get(map);
      if (children != null && children.isObject()) {
        for (Map.Entry<String, JsonNode> p : children.properties()) {
          walk(
              p.getValue(),
              at + "/" + map + "/" + SpecPointer.escape(p.getKey()),
              map.equals("patternProperties") ? with(path, "*") : path,
              best,
              seen);
        }
      }
    }
    for (String list : CHILD_LISTS) {
      JsonNode items = schema.get(list);
      if (items != null && items.isArray()) {
        for (int i = 0; i < items.size(); i++) {
          walk(items.get(i), at + "/" + list + "/" + i, path, best, seen);
        }
      }
    }
    JsonNode prefix = schema.get("prefixItems");
    if (prefix != null && prefix.isArray()) {
      for (int i = 0; i < prefix.size(); i++) {
        walk(prefix.get(i), at + "/prefixItems/" + i, with(path, "[" + i + "]"), best, seen);
      }
    }
    for (String single : List.of("then", "else")) {
      JsonNode child = schema.get(single);
      if (child != null && (child.isObject() || child.isBoolean())) {
        walk(child, at + "/" + single, path, best, seen);
      }
    }
    JsonNode items = schema.get("items");
    if (items != null && (items.isObject() || items.isBoolean())) {
      walk(items, at + "/items", with(path, "[]"), best, seen);
    }
    if (ap != null && ap.isObject()) {
      walk(ap, at + "/additionalProperties", with(path, "*"), best, seen);
    }
    JsonNode contains = schema.get("contains");
    if (contains != null && contains.isObject()) {
      walk(contains, at + "/contains", with(path, "[]"), best, seen);
    }
  }

  private static void offer(Map<String, Assertion> best, Assertion a) {
    Assertion had = best.get(a.location());
    if (had == null || comparePaths(a.instancePath(), had.instancePath()) < 0) {
      best.put(a.location(), a);
    }
  }

  /** Shorter paths first, then segment by segment. */
  private static int comparePaths(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return Integer.compare(a.size(), b.size());
    }
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static List<String> with(List<String> path, String segment) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(segment);
    return List.copyOf(out);
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
