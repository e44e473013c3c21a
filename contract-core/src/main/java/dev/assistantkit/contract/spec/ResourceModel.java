package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource the spec's operations act on ({@code components/x-resources/<name>}): its state schema
 * and defaults, the seed present after a mock starts, how updates merge, and how the rules that
 * depend on its state see it.
 */
public final class ResourceModel {

  /** How an update applies one property. */
  enum Merge {
    REPLACE,
    MERGE
  }

  /**
   * How a state rule schema sees the resource.
   *
   * @param schemaLocation the context schema
   * @param updateProperty the property of the context that holds the update body
   * @param stateMap context property name to state property name
   */
  public record Context(
      String schemaLocation, String updateProperty, Map<String, String> stateMap) {}

  private final String name;
  private final String schemaLocation;
  private final String idProperty;
  private final String collection;
  private final List<String> seeds;
  private final Map<String, Merge> merge;
  private final Optional<Context> context;
  private final ObjectNode defaults;

  private ResourceModel(
      String name,
      String schemaLocation,
      String idProperty,
      String collection,
      List<String> seeds,
      Map<String, Merge> merge,
      Optional<Context> context,
      ObjectNode defaults) {
    this.name = name;
    this.schemaLocation = schemaLocation;
    this.idProperty = idProperty;
    this.collection = collection;
    this.seeds = List.copyOf(seeds);
    this.merge = Map.copyOf(merge);
    this.context = context;
    this.defaults = defaults;
  }

  public static Map<String, ResourceModel> parse(SpecDocument spec, SchemaWalker walker) {
    Map<String, ResourceModel> out = new LinkedHashMap<>();
    Optional<JsonNode> all = spec.node("#/components/x-resources");
    if (all.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : all.get().properties()) {
      out.put(e.getKey(), parse(e.getKey(), e.getValue(), walker));
    }
    return out;
  }

  private static ResourceModel parse(String name, JsonNode r, SchemaWalker walker) {
    String at = "#/components/x-resources/" + name;
    String schema = required(r, "schema", at);
    List<String> seeds = new ArrayList<>();
    r.path("seed").forEach(s -> seeds.add(s.asString()));
    Map<String, Merge> merge = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> m : r.path("merge").properties()) {
      merge.put(
          m.getKey(), Merge.valueOf(m.getValue().asString().toUpperCase(java.util.Locale.ROOT)));
    }
    Optional<Context> context = Optional.empty();
    JsonNode c = r.get("context");
    if (c != null) {
      Map<String, String> stateMap = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> s : c.path("state").properties()) {
        stateMap.put(s.getKey(), s.getValue().asString());
      }
      context =
          Optional.of(
              new Context(
                  required(c, "schema", at + "/context"), required(c, "update", at), stateMap));
    }
    ObjectNode defaults = JsonNodeFactory.instance.objectNode();
    for (SchemaWalker.Property p : walker.properties(schema, 1)) {
      JsonNode d = p.schema().get("default");
      if (d != null) {
        defaults.set(p.path().get(0), d);
      }
    }
    return new ResourceModel(
        name,
        schema,
        required(r, "id-property", at),
        r.path("collection").asString(name + "s"),
        seeds,
        merge,
        context,
        defaults);
  }

  private static String required(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) {
      throw new IllegalStateException(at + " needs " + field);
    }
    return v.asString();
  }

  public String name() {
    return name;
  }

  public String schemaLocation() {
    return schemaLocation;
  }

  /** The property that names the resource in views and seeds. */
  public String idProperty() {
    return idProperty;
  }

  /** The plural name the mock's admin paths use ({@code /__mock/<collection>}). */
  public String collection() {
    return collection;
  }

  /** Pointers to the examples present after a mock starts. */
  public List<String> seeds() {
    return seeds;
  }

  Merge mergeOf(String property) {
    return merge.getOrDefault(property, Merge.REPLACE);
  }

  public Optional<Context> context() {
    return context;
  }

  /** The state of a new resource: the state schema's defaults. */
  public ObjectNode defaults() {
    return defaults.deepCopy();
  }

  /** One default of the state schema, not copied: the caller must not modify it. */
  public JsonNode defaultOf(String property) {
    return defaults.get(property);
  }

  /** The state properties the state rules read (for the judge: what to learn, what to branch). */
  public List<String> contextStateProperties() {
    return context.map(c -> List.copyOf(c.stateMap().values())).orElse(List.of());
  }

  /**
   * How an accepted update changes a resource, by the resource's {@code merge} map: a property
   * named {@code merge} merges key by key into the stored object; every other property replaces the
   * stored value whole. Fields not sent are kept.
   */
  public ObjectNode merge(ObjectNode current, ObjectNode update) {
    ObjectNode next = current.deepCopy();
    for (Map.Entry<String, JsonNode> e : update.properties()) {
      String name = e.getKey();
      JsonNode value = e.getValue();
      JsonNode old = next.get(name);
      if (mergeOf(name) == Merge.MERGE && old != null && old.isObject() && value.isObject()) {
        ObjectNode merged = ((ObjectNode) old).deepCopy();
        for (Map.Entry<String, JsonNode> k : value.properties()) {
          merged.set(k.getKey(), k.getValue().deepCopy());
        }
        next.set(name, merged);
      } else {
        next.set(name, value.deepCopy());
      }
    }
    return next;
  }
}
