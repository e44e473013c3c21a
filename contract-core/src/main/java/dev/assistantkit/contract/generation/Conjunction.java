package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * All the schemas that apply to one value, flattened: the roots, the targets of their {@code
 * $ref}s, their {@code allOf} members and the branches chosen for their {@code oneOf}, {@code
 * anyOf} and {@code if}. A value is valid when it satisfies every member; the facets below read a
 * keyword across all of them (the tightest bound wins), with the {@link Twist} inverted where it
 * applies.
 */
final class Conjunction {

  /** More members than this is a hostile document: the value is not generated. */
  private static final int MAX_MEMBERS = 512;

  /**
   * A choice point: {@code oneOf}, {@code anyOf} (one alternative per branch) or {@code if}
   * (alternative 0 takes {@code if} and {@code then}, 1 takes {@code else}).
   *
   * @param location the keyword's location, e.g. {@code #/components/schemas/Pet/oneOf}
   * @param holder the member schema holding the keyword
   * @param size how many alternatives
   */
  record Group(String location, SchemaAt holder, String keyword, int size) {}

  private final SpecDocument spec;
  private final Semantics sem;
  private final Twist twist;
  private final Twist callTwist;
  private final Map<String, Integer> choices;
  private final List<SchemaAt> members = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>();
  private final List<String> refTargets = new ArrayList<>();
  private final Map<String, SchemaAt> chosen = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private boolean impossible;

  private Conjunction(
      SpecDocument spec,
      Semantics sem,
      Twist twist,
      Twist callTwist,
      Map<String, Integer> choices) {
    this.spec = spec;
    this.sem = sem;
    this.twist = twist;
    this.callTwist = callTwist;
    this.choices = choices;
  }

  /**
   * Flattens the roots with the choices taken so far ({@code group location -> alternative}).
   *
   * @param twist the twist when it applies to this very value, else null
   */
  static Conjunction of(
      SpecDocument spec,
      Semantics sem,
      List<SchemaAt> roots,
      Map<String, Integer> choices,
      Twist twist) {
    return of(spec, sem, roots, choices, twist, twist);
  }

  /**
   * Flattens the roots with the choices taken so far.
   *
   * @param twist the twist when it applies to this very value, else null
   * @param callTwist the call's twist wherever it applies: a false schema it names for an item or a
   *     property of this value does not close the value
   */
  static Conjunction of(
      SpecDocument spec,
      Semantics sem,
      List<SchemaAt> roots,
      Map<String, Integer> choices,
      Twist twist,
      Twist callTwist) {
    Conjunction c = new Conjunction(spec, sem, twist, callTwist, choices);
    for (SchemaAt r : roots) {
      c.add(r);
    }
    return c;
  }

  private void add(SchemaAt s) {
    if (impossible || s.node() == null) {
      return;
    }
    if (members.size() > MAX_MEMBERS) {
      impossible = true;
      return;
    }
    if (s.node().isBoolean()) {
      if (!s.node().asBoolean() && !(twist != null && twist.on(s, "false"))) {
        impossible = true;
      }
      return;
    }
    if (!s.node().isObject() || !seen.add(s.location())) {
      return;
    }
    JsonNode ref = s.node().get("$ref");
    if (ref != null && ref.isString()) {
      String target = ref.asString();
      refTargets.add(target);
      Optional<JsonNode> node = target.startsWith("#") ? spec.node(target) : Optional.empty();
      if (sem.refSiblingsApply()) {
        members.add(s);
      }
      if (node.isPresent()) {
        add(new SchemaAt(node.get(), target));
      }
      if (!sem.refSiblingsApply()) {
        return;
      }
    } else {
      members.add(s);
    }
    JsonNode allOf = has(s, "allOf");
    if (allOf != null && allOf.isArray()) {
      for (int i = 0; i < allOf.size(); i++) {
        add(s.child("allOf", Integer.toString(i)));
      }
    }
    for (String kw : List.of("oneOf", "anyOf")) {
      JsonNode branches = has(s, kw);
      if (branches != null && branches.isArray() && branches.size() > 0) {
        String at = s.location() + "/" + kw;
        Integer chosen = choices.get(at);
        if (chosen == null) {
          groups.add(new Group(at, s, kw, branches.size()));
        } else {
          SchemaAt branch = s.child(kw, Integer.toString(chosen));
          this.chosen.put(at, branch);
          add(branch);
        }
      }
    }
    if (has(s, "if") != null) {
      String at = s.location() + "/if";
      Integer chosen = choices.get(at);
      if (chosen == null) {
        groups.add(new Group(at, s, "if", 2));
      } else if (chosen == 0) {
        add(s.child("if"));
        if (has(s, "then") != null) {
          add(s.child("then"));
        }
      } else if (has(s, "else") != null) {
        add(s.child("else"));
      }
    }
    if (twist != null && twist.on(s, "not") && has(s, "not") != null) {
      add(s.child("not"));
    }
  }

  /** The keyword's value in a member when the dialect gives it a meaning, else null. */
  JsonNode has(SchemaAt member, String keyword) {
    return sem.applies(keyword) ? member.node().get(keyword) : null;
  }

  /** The keyword's value in a member unless the twist inverts it there. */
  JsonNode value(SchemaAt member, String keyword) {
    if (twist != null && twist.on(member, keyword)) {
      return null;
    }
    return has(member, keyword);
  }

  /** Every (non-twisted) value of a keyword across the members, in order. */
  List<JsonNode> all(String keyword) {
    List<JsonNode> out = new ArrayList<>();
    for (SchemaAt m : members) {
      JsonNode v = value(m, keyword);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  boolean any(String keyword) {
    return !all(keyword).isEmpty();
  }

  List<SchemaAt> members() {
    return members;
  }

  boolean impossible() {
    return impossible;
  }

  /** The same members with more schemas laid over them (a present property's dependentSchemas). */
  Conjunction with(List<SchemaAt> more) {
    Conjunction c = new Conjunction(spec, sem, twist, callTwist, choices);
    for (SchemaAt m : members) {
      c.add(m);
    }
    c.chosen.putAll(chosen);
    for (SchemaAt m : more) {
      c.add(m);
    }
    return c;
  }

  /** The branch taken for a {@code oneOf}/{@code anyOf} at its location, if one was. */
  Optional<SchemaAt> chosen(String groupLocation) {
    return Optional.ofNullable(chosen.get(groupLocation));
  }

  /** The first choice point still open, if any. */
  Optional<Group> openGroup() {
    return groups.isEmpty() ? Optional.empty() : Optional.of(groups.get(0));
  }

  List<String> refTargets() {
    return refTargets;
  }

  Twist twist() {
    return twist;
  }

  Semantics semantics() {
    return sem;
  }

  SpecDocument spec() {
    return spec;
  }

  /** The twist's keyword value in its member, when the twist applies here. */
  Optional<JsonNode> twisted() {
    if (twist == null) {
      return Optional.empty();
    }
    for (SchemaAt m : members) {
      if (m.location().equals(twist.member())) {
        return Optional.ofNullable(has(m, twist.keyword()));
      }
    }
    return Optional.empty();
  }

  /** The member the twist applies to, when it is one of these. */
  Optional<SchemaAt> twistedMember() {
    if (twist == null) {
      return Optional.empty();
    }
    return members.stream().filter(m -> m.location().equals(twist.member())).findFirst();
  }

  // ---- types -------------------------------------------------------------------------------

  /** The JSON types allowed by every member, or null when no member restricts the type. */
  Set<String> types() {
    Set<String> out = null;
    for (SchemaAt m : members) {
      JsonNode t = value(m, "type");
      if (t == null) {
        continue;
      }
      Set<String> s = new LinkedHashSet<>();
      if (t.isString()) {
        s.add(t.asString());
      } else if (t.isArray()) {
        t.forEach(x -> s.add(x.asString()));
      }
      if (sem.v30() && m.node().path("nullable").asBoolean(false)) {
        s.add("null");
      }
      out = out == null ? s : intersect(out, s);
    }
    return out;
  }

  /** The types the twisted {@code type} keyword allows (so that a breaking value avoids them). */
  Set<String> twistedTypes() {
    Optional<SchemaAt> m = twistedMember();
    if (m.isEmpty() || has(m.get(), "type") == null) {
      return Set.of();
    }
    JsonNode t = has(m.get(), "type");
    Set<String> s = new LinkedHashSet<>();
    if (t.isString()) {
      s.add(t.asString());
    } else {
      t.forEach(x -> s.add(x.asString()));
    }
    if (sem.v30() && m.get().node().path("nullable").asBoolean(false)) {
      s.add("null");
    }
    return s;
  }

  static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>();
    for (String x : a) {
      if (b.contains(x)) {
        out.add(x);
      }
    }
    if ((a.contains("integer") && b.contains("number"))
        || (a.contains("number") && b.contains("integer"))) {
      out.add("integer");
    }
    return out;
  }

  // ---- counts --------------------------------------------------------------------------------

  /** The largest of a keyword's integer values (a lower bound), or the default. */
  long largest(String keyword, long otherwise) {
    long out = otherwise;
    for (JsonNode v : all(keyword)) {
      if (v.isNumber()) {
        out = Math.max(out, clampLong(v));
      }
    }
    return out;
  }

  /** The smallest of a keyword's integer values (an upper bound), or the default. */
  long smallest(String keyword, long otherwise) {
    long out = otherwise;
    for (JsonNode v : all(keyword)) {
      if (v.isNumber()) {
        out = Math.min(out, clampLong(v));
      }
    }
    return out;
  }

  /**
   * A lower bound on a count ({@code minLength}, {@code minItems}, {@code minProperties}), with the
   * twist's inversion of the upper keyword applied.
   */
  long lowerCount(String minKeyword, String maxKeyword) {
    long lo = largest(minKeyword, 0);
    Optional<JsonNode> t = twistedOn(maxKeyword);
    if (t.isPresent() && t.get().isNumber()) {
      lo = Math.max(lo, saturatedIncrement(clampLong(t.get())));
    }
    return lo;
  }

  /** An upper bound on a count, with the twist's inversion of the lower keyword applied. */
  long upperCount(String minKeyword, String maxKeyword) {
    long hi = smallest(maxKeyword, Long.MAX_VALUE);
    Optional<JsonNode> t = twistedOn(minKeyword);
    if (t.isPresent() && t.get().isNumber()) {
      hi = Math.min(hi, clampLong(t.get()) - 1);
    }
    return hi;
  }

  /** The twisted keyword's value when the twist is on this keyword here. */
  Optional<JsonNode> twistedOn(String keyword) {
    if (twist == null || !twist.keyword().equals(keyword)) {
      return Optional.empty();
    }
    return twisted();
  }

  private static long saturatedIncrement(long v) {
    return v == Long.MAX_VALUE ? v : v + 1;
  }

  static long clampLong(JsonNode v) {
    if (v.canConvertToLong()) {
      return v.asLong();
    }
    return v.decimalValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  // ---- objects -------------------------------------------------------------------------------

  /** The property names the members declare, in document order, each once. */
  Set<String> declared() {
    Set<String> out = new LinkedHashSet<>();
    for (SchemaAt m : members) {
      JsonNode props = has(m, "properties");
      if (props != null && props.isObject()) {
        out.addAll(props.propertyNames());
      }
    }
    return out;
  }

  /** The names some member requires, in order, each once. */
  Set<String> required() {
    Set<String> out = new LinkedHashSet<>();
    for (SchemaAt m : members) {
      JsonNode r = has(m, "required");
      if (r != null && r.isArray()) {
        r.forEach(n -> out.add(n.asString()));
      }
    }
    return out;
  }

  /** How many members other than the given one require the name. */
  int requiredElsewhere(String name, String besides) {
    int n = 0;
    for (SchemaAt m : members) {
      JsonNode r = has(m, "required");
      if (m.location().equals(besides) || r == null || !r.isArray()) {
        continue;
      }
      for (JsonNode x : r) {
        if (x.asString().equals(name)) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * The schemas a property's value must satisfy: per member, its {@code properties} entry and the
   * {@code patternProperties} its name matches, or else its {@code additionalProperties}.
   */
  List<SchemaAt> propertyRoots(String name, Patterns patterns) {
    List<SchemaAt> out = new ArrayList<>();
    for (SchemaAt m : members) {
      boolean matched = false;
      JsonNode props = has(m, "properties");
      if (props != null && props.isObject() && props.has(name)) {
        out.add(m.child("properties", name));
        matched = true;
      }
      JsonNode pp = has(m, "patternProperties");
      if (pp != null && pp.isObject()) {
        for (String p : pp.propertyNames()) {
          if (patterns.finds(p, name)) {
            out.add(m.child("patternProperties", p));
            matched = true;
          }
        }
      }
      JsonNode ap = value(m, "additionalProperties");
      if (!matched && ap != null) {
        out.add(m.child("additionalProperties"));
      }
    }
    return out;
  }

  /** Whether some member forbids the name (a closed object not declaring it, a false schema). */
  boolean forbidden(String name, Patterns patterns) {
    for (SchemaAt r : propertyRoots(name, patterns)) {
      if (r.isFalse() && !(callTwist != null && callTwist.on(r, "false"))) {
        return true;
      }
    }
    return false;
  }

  /** The members' {@code dependentRequired}, merged. */
  Map<String, Set<String>> dependentRequired() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (SchemaAt m : members) {
      JsonNode d = value(m, "dependentRequired");
      if (d != null && d.isObject()) {
        for (Map.Entry<String, JsonNode> e : d.properties()) {
          Set<String> deps = out.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
          e.getValue().forEach(x -> deps.add(x.asString()));
        }
      }
    }
    return out;
  }

  /** The {@code dependentSchemas} a set of present names brings in. */
  List<SchemaAt> dependentSchemas(Set<String> present) {
    List<SchemaAt> out = new ArrayList<>();
    for (SchemaAt m : members) {
      JsonNode d = has(m, "dependentSchemas");
      if (d != null && d.isObject()) {
        for (String k : d.propertyNames()) {
          if (present.contains(k)) {
            out.add(m.child("dependentSchemas", k));
          }
        }
      }
    }
    return out;
  }

  /** Whether a new property name is declared nowhere (so it is an additional property). */
  boolean declares(String name) {
    return declared().contains(name);
  }

  // ---- arrays --------------------------------------------------------------------------------

  /** The schemas the item at an index must satisfy. */
  List<SchemaAt> itemRoots(int index) {
    List<SchemaAt> out = new ArrayList<>();
    for (SchemaAt m : members) {
      JsonNode prefix = has(m, "prefixItems");
      if (prefix != null && prefix.isArray() && index < prefix.size()) {
        out.add(m.child("prefixItems", Integer.toString(index)));
        continue;
      }
      JsonNode items = has(m, "items");
      if (items != null && (items.isObject() || items.isBoolean())) {
        out.add(m.child("items"));
      }
    }
    return out;
  }

  /** The most items any member allows by closing its tuple ({@code items: false}). */
  long closedLength() {
    long out = Long.MAX_VALUE;
    for (SchemaAt m : members) {
      JsonNode items = has(m, "items");
      if (items != null && items.isBoolean() && !items.asBoolean()) {
        if (callTwist != null && callTwist.on(m.child("items"), "false")) {
          continue;
        }
        JsonNode prefix = has(m, "prefixItems");
        out = Math.min(out, prefix != null && prefix.isArray() ? prefix.size() : 0);
      }
    }
    return out;
  }

  /** The {@code contains} schemas. */
  List<SchemaAt> contains() {
    List<SchemaAt> out = new ArrayList<>();
    for (SchemaAt m : members) {
      if (has(m, "contains") != null) {
        out.add(m.child("contains"));
      }
    }
    return out;
  }

  /** Whether some member asks for unique items (and the twist does not invert it). */
  boolean unique() {
    for (JsonNode u : all("uniqueItems")) {
      if (u.asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the twist asks for a repeated item. */
  boolean repeat() {
    return twistedOn("uniqueItems").map(n -> n.asBoolean(false)).orElse(false);
  }
}
