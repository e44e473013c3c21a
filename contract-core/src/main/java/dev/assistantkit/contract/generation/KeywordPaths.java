package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;

/**
 * The way from a schema to a keyword somewhere below it, through {@code $ref}, {@code allOf},
 * {@code oneOf}/{@code anyOf} branches, {@code then}/{@code else}, {@code properties}, {@code
 * patternProperties}, {@code additionalProperties}, {@code items}/{@code prefixItems} and {@code
 * dependentSchemas}: the shortest one, found breadth first. Along it, the instance path grows and
 * the {@link Plan} collects what an instance must hold for the keyword to apply.
 */
final class KeywordPaths {

  /** Schemas visited looking for a keyword, at most. */
  private static final int MAX_VISITS = 20_000;

  /**
   * A keyword and the way to it.
   *
   * @param schema the location of the schema holding the keyword (of the false schema itself)
   * @param keyword the keyword, or "false" for a false schema
   * @param path the instance path of the value the holding schema applies to
   * @param reported the instance path the validator reports the keyword at
   * @param plan what an instance must hold for the keyword to apply
   * @param branches the oneOf/anyOf branches on the way, outermost first
   */
  record Route(
      String schema,
      String keyword,
      String path,
      String reported,
      Plan plan,
      List<Branch> branches) {}

  /**
   * A branch of a {@code oneOf}/{@code anyOf} on the way to a keyword.
   *
   * @param group the combinator's location ({@code .../oneOf})
   * @param index the branch taken
   * @param path the instance path the combinator applies to
   */
  record Branch(String group, int index, String path) {}

  private record Step(String location, String path, Step parent, Edge edge) {}

  /** One move along the way and what it asks of the instance. */
  private record Edge(String kind, String group, int alternative, String name, int items) {}

  private final SpecDocument spec;
  private final Semantics sem;
  private final Patterns patterns;
  private final ValueMaker maker;

  KeywordPaths(ValueMaker maker) {
    this.spec = maker.spec;
    this.sem = maker.sem;
    this.patterns = maker.patterns;
    this.maker = maker;
  }

  /** The holding schema and keyword a keyword location names, if it names one. */
  Optional<String[]> split(String keywordLocation) {
    Optional<JsonNode> node = spec.node(keywordLocation);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    int slash = keywordLocation.lastIndexOf('/');
    String parent = slash <= 0 ? "#" : keywordLocation.substring(0, slash);
    String last =
        SpecPointer.segments(keywordLocation).isEmpty() ? "" : lastSegment(keywordLocation);
    if (node.get().isBoolean() && !node.get().asBoolean() && schemaPosition(keywordLocation)) {
      if (last.equals("additionalProperties") && isSchemaAt(parent)) {
        return Optional.of(new String[] {parent, "additionalProperties"});
      }
      return Optional.of(new String[] {keywordLocation, "false"});
    }
    return Optional.of(new String[] {parent, last});
  }

  private static final java.util.Set<String> SCHEMA_SLOTS =
      java.util.Set.of(
          "items",
          "additionalProperties",
          "not",
          "if",
          "then",
          "else",
          "contains",
          "propertyNames",
          "additionalItems",
          "unevaluatedItems",
          "unevaluatedProperties",
          "schema");

  private static final java.util.Set<String> SCHEMA_MAPS =
      java.util.Set.of(
          "properties", "patternProperties", "dependentSchemas", "$defs", "definitions", "schemas");

  private static final java.util.Set<String> SCHEMA_LISTS =
      java.util.Set.of("allOf", "anyOf", "oneOf", "prefixItems");

  /** Whether a location holds a schema (so a false there is a false schema, not a flag). */
  static boolean schemaPosition(String location) {
    List<String> segs = SpecPointer.segments(location);
    if (segs.isEmpty()) {
      return false;
    }
    String last = segs.get(segs.size() - 1);
    String container = segs.size() > 1 ? segs.get(segs.size() - 2) : "";
    return SCHEMA_SLOTS.contains(last)
        || SCHEMA_MAPS.contains(container)
        || SCHEMA_LISTS.contains(container);
  }

  private boolean isSchemaAt(String location) {
    return spec.node(location).map(JsonNode::isObject).orElse(false);
  }

  /** The route from the schema at the pointer to the keyword location, if there is one. */
  Optional<Route> find(String root, String keywordLocation) {
    Optional<String[]> split = split(keywordLocation);
    if (split.isEmpty() || spec.node(root).isEmpty()) {
      return Optional.empty();
    }
    String target = split.get()[0];
    String keyword = split.get()[1];
    Deque<Step> queue = new ArrayDeque<>();
    Map<String, Boolean> seen = new HashMap<>();
    queue.add(new Step(root, "", null, null));
    seen.put(root, true);
    int visits = 0;
    while (!queue.isEmpty() && visits++ < MAX_VISITS) {
      Step s = queue.poll();
      if (s.location().equals(target)) {
        return Optional.of(route(s, keyword));
      }
      for (Step next : next(s)) {
        if (seen.putIfAbsent(next.location(), true) == null) {
          queue.add(next);
        }
      }
    }
    return Optional.empty();
  }

  private Route route(Step end, String keyword) {
    Plan plan = new Plan(end.path());
    List<Branch> branches = new ArrayList<>();
    List<Step> way = new ArrayList<>();
    for (Step s = end; s.parent() != null; s = s.parent()) {
      way.add(0, s);
    }
    for (Step s : way) {
      Edge e = s.edge();
      String from = s.parent().path();
      if (e.group() != null) {
        plan.choose(from, e.group(), e.alternative());
        if (!e.kind().equals("then") && !e.kind().equals("else")) {
          branches.add(new Branch(e.group(), e.alternative(), from));
        }
      }
      if (e.name() != null) {
        plan.include(from, e.name());
      }
      if (e.items() > 0) {
        plan.items(from, e.items());
      }
    }
    String reported = end.path();
    boolean closes =
        keyword.equals("false") && end.edge() != null && end.edge().kind().equals("items");
    if (closes) {
      reported = end.parent().path();
    }
    return new Route(end.location(), keyword, end.path(), reported, plan, List.copyOf(branches));
  }

  private List<Step> next(Step s) {
    List<Step> out = new ArrayList<>();
    JsonNode n = spec.node(s.location()).orElse(null);
    if (n == null || !n.isObject()) {
      return out;
    }
    String at = s.location();
    JsonNode ref = n.get("$ref");
    if (ref != null && ref.isString() && ref.asString().startsWith("#")) {
      out.add(new Step(ref.asString(), s.path(), s, new Edge("$ref", null, -1, null, 0)));
      if (!sem.refSiblingsApply()) {
        return out;
      }
    }
    JsonNode allOf = has(n, "allOf");
    for (int i = 0; allOf != null && allOf.isArray() && i < allOf.size(); i++) {
      out.add(new Step(at + "/allOf/" + i, s.path(), s, new Edge("allOf", null, -1, null, 0)));
    }
    for (String kw : List.of("oneOf", "anyOf")) {
      JsonNode b = has(n, kw);
      for (int i = 0; b != null && b.isArray() && i < b.size(); i++) {
        Edge e = new Edge(kw, at + "/" + kw, i, null, 0);
        out.add(new Step(at + "/" + kw + "/" + i, s.path(), s, e));
      }
    }
    if (has(n, "if") != null) {
      if (has(n, "then") != null) {
        out.add(new Step(at + "/then", s.path(), s, new Edge("then", at + "/if", 0, null, 0)));
      }
      if (has(n, "else") != null) {
        out.add(new Step(at + "/else", s.path(), s, new Edge("else", at + "/if", 1, null, 0)));
      }
    }
    JsonNode props = has(n, "properties");
    if (props != null && props.isObject()) {
      for (String name : props.propertyNames()) {
        String child = at + "/properties/" + SpecPointer.escape(name);
        out.add(property(s, child, name, "properties"));
      }
    }
    JsonNode pp = has(n, "patternProperties");
    if (pp != null && pp.isObject()) {
      for (String p : pp.propertyNames()) {
        String name = patternName(p);
        if (name != null) {
          out.add(property(s, at + "/patternProperties/" + SpecPointer.escape(p), name, "pattern"));
        }
      }
    }
    JsonNode ap = has(n, "additionalProperties");
    if (ap != null && (ap.isObject() || ap.isBoolean())) {
      String name = ExtraNames.pick(List.of(new SchemaAt(n, at)), maker, 0);
      if (name != null) {
        out.add(property(s, at + "/additionalProperties", name, "additionalProperties"));
      }
    }
    JsonNode deps = has(n, "dependentSchemas");
    if (deps != null && deps.isObject()) {
      for (String k : deps.propertyNames()) {
        Edge e = new Edge("dependentSchemas", null, -1, k, 0);
        out.add(new Step(at + "/dependentSchemas/" + SpecPointer.escape(k), s.path(), s, e));
      }
    }
    JsonNode prefix = has(n, "prefixItems");
    for (int i = 0; prefix != null && prefix.isArray() && i < prefix.size(); i++) {
      Edge e = new Edge("prefixItems", null, -1, null, i + 1);
      out.add(new Step(at + "/prefixItems/" + i, s.path() + "/" + i, s, e));
    }
    JsonNode items = has(n, "items");
    if (items != null && (items.isObject() || items.isBoolean())) {
      int index = prefix != null && prefix.isArray() ? prefix.size() : 0;
      if (has(n, "contains") != null) {
        // the first items are the ones that satisfy contains: break one after them
        index = Math.max(index, has(n, "minContains") != null ? has(n, "minContains").asInt(1) : 1);
      }
      Edge e = new Edge("items", null, -1, null, index + 1);
      out.add(new Step(at + "/items", s.path() + "/" + index, s, e));
    }
    return out;
  }

  private static Step property(Step s, String child, String name, String kind) {
    Edge e = new Edge(kind, null, -1, name, 0);
    return new Step(child, s.path() + "/" + SpecPointer.escape(name), s, e);
  }

  /** The property name a breaking instance uses for a pattern property (fixed, so repeatable). */
  private String patternName(String pattern) {
    for (int seed = 0; seed < 8; seed++) {
      Optional<String> s = RegexSampler.sample(pattern, new SplittableRandom(seed), 3, 64);
      if (s.isPresent() && !s.get().isEmpty() && patterns.finds(pattern, s.get())) {
        return s.get();
      }
    }
    return null;
  }

  private JsonNode has(JsonNode n, String keyword) {
    return sem.applies(keyword) ? n.get(keyword) : null;
  }

  private static String lastSegment(String pointer) {
    List<String> segs = SpecPointer.segments(pointer);
    return segs.get(segs.size() - 1);
  }
}
