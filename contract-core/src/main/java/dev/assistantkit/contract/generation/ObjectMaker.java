package dev.assistantkit.contract.generation;

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
 * Objects: every required property (but those the direction hides), optional ones by seed while
 * shallow and not recursive, {@code dependentRequired} and {@code dependentSchemas} followed, the
 * property counts met with declared or additional names, and a discriminator's property set to the
 * value that names the branch taken. Under a twist it leaves out a required property, adds one the
 * object does not allow, or misses a count.
 */
final class ObjectMaker {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ValueMaker maker;

  ObjectMaker(ValueMaker maker) {
    this.maker = maker;
  }

  /**
   * An object for the conjunction.
   *
   * @param variant 0 sets a discriminator's property to the mapping key, 1 to the schema name
   */
  JsonNode make(Conjunction c, String path, long seed, CallState st, int variant) {
    st.enter();
    int pushed = 0;
    for (String t : c.refTargets()) {
      st.expanding().push(t);
      pushed++;
    }
    try {
      Conjunction now = c;
      Set<String> applied = new LinkedHashSet<>();
      for (int round = 0; round < 4; round++) {
        ObjectNode out = attempt(now, path, seed, st, variant);
        if (out == null) {
          return null;
        }
        List<SchemaAt> more = new ArrayList<>();
        for (SchemaAt d : now.dependentSchemas(new LinkedHashSet<>(out.propertyNames()))) {
          if (applied.add(d.location())) {
            more.add(d);
          }
        }
        if (more.isEmpty()) {
          return out;
        }
        now = now.with(more);
      }
      return null;
    } finally {
      for (int i = 0; i < pushed; i++) {
        st.expanding().pop();
      }
      st.leave();
    }
  }

  private ObjectNode attempt(Conjunction c, String path, long seed, CallState st, int variant) {
    SplittableRandom r = SeedMix.random(SeedMix.child(seed, "#properties"));
    Patterns patterns = maker.patterns;
    Set<String> declared = c.declared();
    Set<String> mandatory = new LinkedHashSet<>(st.plan.included(path));
    Set<String> banned = new LinkedHashSet<>();
    twist(c, path, mandatory, banned, st);
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : c.required()) {
      if (banned.contains(name)) {
        continue;
      }
      if (!mandatory.contains(name) && hidden(c, name, st)) {
        st.omit(path, name);
        continue;
      }
      mandatory.add(name);
    }
    chosen.addAll(mandatory);
    boolean shallow = st.depth() <= CallState.OPTIONAL_DEPTH;
    for (String name : declared) {
      if (chosen.contains(name) || banned.contains(name) || !shallow || !usable(c, name, st)) {
        continue;
      }
      if (r.nextInt(100) < inclusionPercent(st.depth()) && !recursive(c, name, st)) {
        chosen.add(name);
      }
    }
    Map<String, Set<String>> dependent = c.dependentRequired();
    for (boolean grew = true; grew; ) {
      grew = false;
      for (String k : new ArrayList<>(chosen)) {
        for (String d : dependent.getOrDefault(k, Set.of())) {
          if (!banned.contains(d) && chosen.add(d)) {
            mandatory.add(d);
            grew = true;
          }
        }
      }
    }
    long max = c.upperCount("minProperties", "maxProperties");
    List<String> optional = new ArrayList<>(chosen);
    optional.removeAll(mandatory);
    for (int i = optional.size() - 1; i >= 0 && chosen.size() > max; i--) {
      chosen.remove(optional.get(i));
    }
    long min = c.lowerCount("minProperties", "maxProperties");
    if (min > ArrayMaker.MAX_ITEMS) {
      return null;
    }
    for (String name : declared) {
      if (chosen.size() >= min) {
        break;
      }
      if (!chosen.contains(name) && !banned.contains(name) && usable(c, name, st)) {
        chosen.add(name);
      }
    }
    boolean map = declared.isEmpty() && c.any("additionalProperties") && opensMap(c);
    long extras = Math.max(0, min - chosen.size());
    if (extras == 0 && map && shallow && chosen.size() < max && r.nextInt(100) < 70) {
      extras = 1;
    }
    for (int k = 0, made = 0; made < extras && k < extras + 16; k++) {
      String name = extraName(c, path, k, seed, st);
      if (name != null && !chosen.contains(name) && !c.forbidden(name, patterns)) {
        chosen.add(name);
        made++;
      }
    }
    st.tick(chosen.size());
    List<String> ordered = new ArrayList<>(declared);
    ordered.retainAll(chosen);
    for (String name : chosen) {
      if (!declared.contains(name)) {
        ordered.add(name);
      }
    }
    Map<String, JsonNode> pins = pins(c, variant);
    ObjectNode out = F.objectNode();
    for (String name : ordered) {
      List<SchemaAt> roots = c.propertyRoots(name, patterns);
      String at = path + "/" + SpecPointer.escape(name);
      JsonNode v = null;
      JsonNode pin = pins.get(name);
      if (pin != null && st.checks(at) && maker.valid(roots, pin, at, st)) {
        v = pin;
      }
      if (v == null) {
        v = maker.make(roots, at, SeedMix.child(seed, name), st);
      }
      if (v == null) {
        if (mandatory.contains(name) || chosen.size() <= min) {
          return null;
        }
        continue;
      }
      out.set(name, v);
    }
    return out;
  }

  /** What a twist at this object changes: a property it must lack, or one it must have. */
  private void twist(
      Conjunction c, String path, Set<String> mandatory, Set<String> banned, CallState st) {
    Twist t = c.twist();
    Optional<SchemaAt> m = c.twistedMember();
    if (t == null || m.isEmpty()) {
      return;
    }
    JsonNode v = c.has(m.get(), t.keyword());
    switch (t.keyword()) {
      case "required":
        List<String> names = requiredOrder(c, m.get());
        if (!names.isEmpty()) {
          banned.add(names.get(t.variant() % names.size()));
        }
        break;
      case "dependentRequired":
        List<String[]> pairs = new ArrayList<>();
        if (v != null && v.isObject()) {
          for (Map.Entry<String, JsonNode> e : v.properties()) {
            e.getValue().forEach(d -> pairs.add(new String[] {e.getKey(), d.asString()}));
          }
        }
        pairs.sort(
            (a, b) ->
                Integer.compare(c.requiredElsewhere(a[1], ""), c.requiredElsewhere(b[1], "")));
        if (!pairs.isEmpty()) {
          String[] pair = pairs.get(t.variant() % pairs.size());
          mandatory.add(pair[0]);
          banned.add(pair[1]);
        }
        break;
      case "additionalProperties":
        String extra = ExtraNames.pick(c.members(), maker, t.variant());
        if (extra != null) {
          mandatory.add(extra);
        }
        break;
      default:
        break;
    }
  }

  /** A required list's names, those no other member requires first. */
  private static List<String> requiredOrder(Conjunction c, SchemaAt member) {
    List<String> alone = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    JsonNode r = c.has(member, "required");
    if (r != null && r.isArray()) {
      for (JsonNode n : r) {
        String name = n.asString();
        (c.requiredElsewhere(name, member.location()) == 0 ? alone : shared).add(name);
      }
    }
    alone.addAll(shared);
    return alone;
  }

  /**
   * A name for an additional property: one the {@code propertyNames} schemas accept, else one a
   * pattern of {@code patternProperties} matches, else a generic one.
   */
  private String extraName(Conjunction c, String path, int k, long seed, CallState st) {
    List<SchemaAt> names = new ArrayList<>();
    for (SchemaAt m : c.members()) {
      if (c.has(m, "propertyNames") != null) {
        names.add(m.child("propertyNames"));
      }
    }
    if (!names.isEmpty()) {
      JsonNode n = maker.make(names, path, SeedMix.child(seed, "#name" + k), st);
      return n != null && n.isString() && !c.declares(n.asString()) ? n.asString() : null;
    }
    SplittableRandom r = SeedMix.random(SeedMix.child(seed, "#pattern" + k));
    for (SchemaAt m : c.members()) {
      JsonNode pp = c.has(m, "patternProperties");
      if (pp != null && pp.isObject() && pp.size() > 0) {
        String p = pp.propertyNames().iterator().next();
        Optional<String> s = RegexSampler.sample(p, r, 4, 64);
        if (s.isPresent() && !s.get().isEmpty() && !c.declares(s.get())) {
          return s.get();
        }
      }
    }
    return "additionalProp" + (k + 1);
  }

  /** Whether some member opens the object to values of a given schema (a map). */
  private static boolean opensMap(Conjunction c) {
    for (JsonNode ap : c.all("additionalProperties")) {
      if (ap.isObject()) {
        return true;
      }
    }
    return false;
  }

  private boolean usable(Conjunction c, String name, CallState st) {
    return !c.forbidden(name, maker.patterns) && !hidden(c, name, st);
  }

  private boolean hidden(Conjunction c, String name, CallState st) {
    List<SchemaAt> roots = c.propertyRoots(name, maker.patterns);
    return maker.hidden(roots, Conjunction.of(maker.spec, maker.sem, roots, Map.of(), null), st);
  }

  /** Whether a property's schema is one being expanded above (a recursive structure). */
  private boolean recursive(Conjunction c, String name, CallState st) {
    List<SchemaAt> roots = c.propertyRoots(name, maker.patterns);
    Conjunction pc = Conjunction.of(maker.spec, maker.sem, roots, Map.of(), null);
    for (String t : pc.refTargets()) {
      if (st.expanding().contains(t)) {
        return true;
      }
    }
    for (SchemaAt m : pc.members()) {
      JsonNode items = m.node().get("items");
      if (items != null
          && items.has("$ref")
          && st.expanding().contains(items.get("$ref").asString())) {
        return true;
      }
    }
    return false;
  }

  private static int inclusionPercent(int depth) {
    if (depth <= 2) {
      return 85;
    }
    return depth <= 3 ? 60 : 35;
  }

  /**
   * The values discriminators ask for: the mapping key (or schema name) of the branch taken, or of
   * the schema that extends the discriminating one through {@code allOf}.
   */
  private static Map<String, JsonNode> pins(Conjunction c, int variant) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (SchemaAt m : c.members()) {
      JsonNode d = c.has(m, "discriminator");
      if (d == null || !d.path("propertyName").isString()) {
        continue;
      }
      String property = d.get("propertyName").asString();
      String target = null;
      for (String kw : List.of("oneOf", "anyOf")) {
        Optional<SchemaAt> b = c.chosen(m.location() + "/" + kw);
        if (b.isPresent() && b.get().node() != null && b.get().node().has("$ref")) {
          target = b.get().node().get("$ref").asString();
        }
      }
      if (target == null && c.has(m, "oneOf") == null && c.has(m, "anyOf") == null) {
        for (String t : c.refTargets()) {
          if (!t.equals(m.location())) {
            target = t;
            break;
          }
        }
      }
      if (target != null) {
        String name = target.substring(target.lastIndexOf('/') + 1);
        out.put(property, F.stringNode(variant == 0 ? discriminatorValue(d, target) : name));
      }
    }
    return out;
  }

  private static String discriminatorValue(JsonNode discriminator, String target) {
    String name = target.substring(target.lastIndexOf('/') + 1);
    JsonNode mapping = discriminator.get("mapping");
    if (mapping != null && mapping.isObject()) {
      for (Map.Entry<String, JsonNode> e : mapping.properties()) {
        String v = e.getValue().asString();
        if (v.equals(target) || v.equals(name) || target.endsWith("/" + v)) {
          return e.getKey();
        }
      }
    }
    return name;
  }
}
