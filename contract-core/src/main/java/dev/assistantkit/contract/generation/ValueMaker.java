package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one value for the schemas that apply to it: takes the branches of its choice points ({@code
 * oneOf}, {@code anyOf}, {@code if}), prefers the document's own values ({@code const}, {@code
 * enum}, {@code examples}, {@code example}, {@code default}), else generates by type, and checks
 * each candidate with the validator before it is kept, trying other branches, types and seeds a
 * bounded number of times.
 */
final class ValueMaker {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Candidates one value may try (across branches and types). */
  private static final int MAX_TRIES = 12;

  private static final List<String> TYPES =
      List.of("string", "integer", "number", "boolean", "object", "array", "null");

  final SpecDocument spec;
  final Semantics sem;
  final Patterns patterns;
  private final CandidateValidator validator;
  private final StringMaker strings;
  private final NumberMaker numbers = new NumberMaker();
  private final ObjectMaker objects;
  private final ArrayMaker arrays;
  private final Separator separator;

  ValueMaker(SpecDocument spec, Semantics sem, CandidateValidator validator) {
    this.spec = spec;
    this.sem = sem;
    this.validator = validator;
    this.patterns = new Patterns();
    this.strings = new StringMaker(patterns);
    this.objects = new ObjectMaker(this);
    this.arrays = new ArrayMaker(this);
    this.separator = new Separator(this);
  }

  /** A value for the schemas at a path, or null when none was found within the bounds. */
  JsonNode make(List<SchemaAt> roots, String path, long seed, CallState st) {
    st.tick();
    if (st.depth() > CallState.MAX_DEPTH) {
      return null;
    }
    int[] tries = {MAX_TRIES};
    return solve(roots, Map.of(), path, seed, st, tries);
  }

  /** The schemas flattened with the given choices, as seen at a path (twisted there or not). */
  Conjunction conjunction(
      List<SchemaAt> roots, Map<String, Integer> choices, String path, CallState st) {
    Twist here = st.twist != null && st.twist.at(path) ? st.twist : null;
    return Conjunction.of(spec, sem, roots, choices, here, st.twist);
  }

  private JsonNode solve(
      List<SchemaAt> roots,
      Map<String, Integer> choices,
      String path,
      long seed,
      CallState st,
      int[] tries) {
    Conjunction c = conjunction(roots, choices, path, st);
    if (c.impossible()) {
      return null;
    }
    Optional<Conjunction.Group> open = c.openGroup();
    if (open.isPresent()) {
      Conjunction.Group g = open.get();
      for (int alternative : order(g, path, seed, st)) {
        if (tries[0] <= 0) {
          break;
        }
        Map<String, Integer> next = new LinkedHashMap<>(choices);
        next.put(g.location(), alternative);
        JsonNode v = solve(roots, next, path, seed, st, tries);
        if (v != null) {
          return v;
        }
      }
      return null;
    }
    tries[0]--;
    return fill(c, roots, choices, path, seed, st);
  }

  /** The alternatives of a choice point in the order to try them: the plan's, else by seed. */
  private static List<Integer> order(Conjunction.Group g, String path, long seed, CallState st) {
    int forced = st.plan.choice(path, g.location());
    if (forced >= 0) {
      return List.of(forced);
    }
    int start = SeedMix.random(SeedMix.child(seed, g.location())).nextInt(g.size());
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < g.size(); i++) {
      out.add((start + i) % g.size());
    }
    return out;
  }

  private JsonNode fill(
      Conjunction c,
      List<SchemaAt> roots,
      Map<String, Integer> choices,
      String path,
      long seed,
      CallState st) {
    SplittableRandom r = SeedMix.random(seed);
    boolean checks = st.checks(path);
    boolean enumerated = c.twist() == null && (c.any("enum") || c.any("const"));
    if (enumerated || st.mayUseExamples(path)) {
      for (JsonNode d : documented(c, r)) {
        JsonNode v = adapt(d, c, path, st, 0);
        if (v != null && (!checks || valid(roots, v, path, st))) {
          return v;
        }
      }
    }
    if (enumerated) {
      return null;
    }
    for (String type : types(c)) {
      for (int k = 0; k < 2; k++) {
        long s = SeedMix.child(seed, type + "#" + k);
        JsonNode v = generate(type, c, path, s, st, checks ? k : st.discriminatorVariant);
        if (v == null) {
          break;
        }
        if (!checks) {
          return v.isObject() ? separator.isolate(choices, (ObjectNode) v, path, s, st) : v;
        }
        if (valid(roots, v, path, st)) {
          return v;
        }
        if (v.isObject()) {
          JsonNode separated = separator.separate(c, roots, choices, (ObjectNode) v, path, s, st);
          if (separated != null) {
            return separated;
          }
        }
        if (type.equals("boolean") || type.equals("null") || type.equals("array")) {
          break;
        }
      }
    }
    return null;
  }

  private JsonNode generate(
      String type, Conjunction c, String path, long seed, CallState st, int variant) {
    SplittableRandom r = SeedMix.random(seed);
    switch (type) {
      case "null":
        return F.nullNode();
      case "boolean":
        return F.booleanNode(r.nextBoolean());
      case "string":
        String s = strings.make(c, r, st);
        return s == null ? null : F.stringNode(s);
      case "integer":
        return numbers.make(c, true, r);
      case "number":
        return numbers.make(c, false, r);
      case "fraction":
        JsonNode n = numbers.make(c, false, r);
        return n == null || !n.isIntegralNumber()
            ? n
            : NumberMaker.node(n.decimalValue().add(new java.math.BigDecimal("0.5")));
      case "object":
        return objects.make(c, path, seed, st, variant);
      case "array":
        return arrays.make(c, path, seed, st);
      default:
        return null;
    }
  }

  /** The types to try, in order: the allowed (or implied) ones, null last; a twist's one only. */
  private List<String> types(Conjunction c) {
    Set<String> allowed = c.types();
    if (c.twist() != null && c.twist().keyword().equals("type")) {
      return List.of(breakingType(c, allowed));
    }
    Set<String> out = new LinkedHashSet<>(implied(c));
    if (allowed != null) {
      out.retainAll(allowed);
      out.addAll(allowed);
    } else {
      out.addAll(TYPES);
    }
    if (out.remove("null")) {
      out.add("null");
    }
    return new ArrayList<>(out);
  }

  /**
   * A type the twisted {@code type} keyword refuses (the variant-th of them, those the other
   * members allow first); "fraction" is a number that is no integer.
   */
  private static String breakingType(Conjunction c, Set<String> allowed) {
    Set<String> banned = c.twistedTypes();
    List<String> preferred = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String t : TYPES) {
      String breaking = t;
      if (t.equals("integer") && banned.contains("number")) {
        continue;
      }
      if (t.equals("number")) {
        if (banned.contains("number")) {
          continue;
        }
        breaking = banned.contains("integer") ? "fraction" : "number";
      } else if (banned.contains(t)) {
        continue;
      }
      boolean fits = allowed == null || allowed.contains(t);
      (fits ? preferred : rest).add(breaking);
    }
    preferred.addAll(rest);
    return preferred.isEmpty() ? "none" : preferred.get(c.twist().variant() % preferred.size());
  }

  /** The types the keywords present imply, when no type is given. */
  private static List<String> implied(Conjunction c) {
    List<String> out = new ArrayList<>();
    if (c.any("properties")
        || c.any("required")
        || c.any("additionalProperties")
        || c.any("patternProperties")
        || c.any("minProperties")
        || c.any("maxProperties")
        || c.any("discriminator")) {
      out.add("object");
    }
    if (c.any("items") || c.any("prefixItems") || c.any("minItems") || c.any("maxItems")) {
      out.add("array");
    }
    if (c.any("minimum") || c.any("maximum") || c.any("multipleOf")) {
      out.add("number");
    }
    if (c.any("pattern") || c.any("minLength") || c.any("maxLength") || c.any("format")) {
      out.add("string");
    }
    return out;
  }

  /**
   * The document's own values for a value, most binding first: {@code const}, the {@code enum}
   * values (from a seeded start), then each member's {@code examples}, {@code example} and {@code
   * default}.
   */
  List<JsonNode> documented(Conjunction c, SplittableRandom r) {
    List<JsonNode> out = new ArrayList<>();
    List<JsonNode> consts = c.all("const");
    if (!consts.isEmpty()) {
      out.add(consts.get(0));
      return out;
    }
    List<JsonNode> enums = c.all("enum");
    if (!enums.isEmpty() && enums.get(0).isArray() && enums.get(0).size() > 0) {
      JsonNode first = enums.get(0);
      int start = r.nextInt(first.size());
      for (int i = 0; i < first.size(); i++) {
        out.add(first.get((start + i) % first.size()));
      }
      if (sem.v30()) {
        out.add(F.nullNode());
      }
      return out;
    }
    for (SchemaAt m : c.members()) {
      JsonNode examples = c.has(m, "examples");
      if (examples != null && examples.isArray() && !sem.v30()) {
        examples.forEach(out::add);
      }
      JsonNode example = m.node().get("example");
      if (example != null) {
        out.add(example);
      }
      JsonNode dflt = m.node().get("default");
      if (dflt != null) {
        out.add(dflt);
      }
    }
    return out;
  }

  /**
   * A document value with the properties the direction hides taken out (an example of a pet carries
   * its read-only id; a request must not).
   */
  JsonNode adapt(JsonNode value, Conjunction c, String path, CallState st, int depth) {
    if (depth > CallState.MAX_DEPTH) {
      return value;
    }
    if (value.isObject()) {
      ObjectNode out = F.objectNode();
      Set<String> required = c.required();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        String name = e.getKey();
        List<SchemaAt> roots = c.propertyRoots(name, patterns);
        Conjunction pc = Conjunction.of(spec, sem, roots, Map.of(), null);
        if (hidden(roots, pc, st)) {
          if (required.contains(name)) {
            st.omit(path, name);
          }
          continue;
        }
        out.set(
            name, adapt(e.getValue(), pc, path + "/" + SpecPointer.escape(name), st, depth + 1));
      }
      return out;
    }
    if (value.isArray()) {
      var out = F.arrayNode();
      for (int i = 0; i < value.size(); i++) {
        Conjunction ic = Conjunction.of(spec, sem, c.itemRoots(i), Map.of(), null);
        out.add(adapt(value.get(i), ic, path + "/" + i, st, depth + 1));
      }
      return out;
    }
    return value;
  }

  /**
   * Whether the direction hides a property ({@code readOnly} in requests, writeOnly in answers).
   */
  boolean hidden(List<SchemaAt> roots, Conjunction pc, CallState st) {
    String kw = st.direction.hidingKeyword();
    for (SchemaAt r : roots) {
      if (r.node() != null && r.node().path(kw).asBoolean(false)) {
        return true;
      }
    }
    for (SchemaAt m : pc.members()) {
      if (m.node().path(kw).asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the value satisfies every root (but for what the direction excuses). */
  boolean valid(List<SchemaAt> roots, JsonNode v, String path, CallState st) {
    for (SchemaAt root : roots) {
      if (root.node() == null || (root.node().isBoolean() && root.node().asBoolean())) {
        continue;
      }
      Optional<List<Problem>> problems = validator.problems(root.location(), v);
      if (problems.isEmpty()) {
        return false;
      }
      for (Problem p : problems.get()) {
        if (!st.excused(p, path)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The problems of a value against one schema, empty when too complex to validate. */
  Optional<List<Problem>> problems(String location, JsonNode v) {
    return validator.problems(location, v);
  }
}
