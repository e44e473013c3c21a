package dev.assistantkit.contract.generation;

import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes an object match exactly one branch of a {@code oneOf} when the branch it was made from is
 * not the only one it matches (branches that differ only in optional properties, as with a
 * discriminator's alternatives). For each other matching branch it tries, in turn: a property only
 * the taken branch declares, a property only the other branch declares with a value it refuses, a
 * shared property made anew, and leaving out a property the other branch requires; each change is
 * kept only if the taken branch still holds.
 */
final class Separator {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Values of each JSON type, to find one a branch refuses. */
  private static final List<JsonNode> PALETTE =
      List.of(
          F.stringNode("x"),
          F.numberNode(0.5),
          F.booleanNode(true),
          F.nullNode(),
          F.objectNode(),
          F.arrayNode());

  private final ValueMaker maker;

  Separator(ValueMaker maker) {
    this.maker = maker;
  }

  /** The object changed so that every oneOf matches only its taken branch, or null. */
  ObjectNode separate(
      Conjunction c,
      List<SchemaAt> roots,
      Map<String, Integer> choices,
      ObjectNode v,
      String path,
      long seed,
      CallState st) {
    ObjectNode now = apart(choices, v, path, seed, st, true);
    return now != null && now != v && maker.valid(roots, now, path, st) ? now : null;
  }

  /**
   * The object changed so that no branch but the taken one matches, for every {@code oneOf} and
   * {@code anyOf}, without asking the taken branch to hold: a value that breaks a keyword inside a
   * branch must fail the other branches too, or the combinator passes and the validator reports
   * nothing. Best effort: the object as it is when no change helps.
   */
  ObjectNode isolate(
      Map<String, Integer> choices, ObjectNode v, String path, long seed, CallState st) {
    ObjectNode now = apart(choices, v, path, seed, st, false);
    return now == null ? v : now;
  }

  private ObjectNode apart(
      Map<String, Integer> choices,
      ObjectNode v,
      String path,
      long seed,
      CallState st,
      boolean keepTaken) {
    List<Map.Entry<String, Integer>> groups = new ArrayList<>(choices.entrySet());
    Collections.reverse(groups);
    ObjectNode now = v;
    for (Map.Entry<String, Integer> choice : groups) {
      String group = choice.getKey();
      boolean oneOf = group.endsWith("/oneOf");
      if (!oneOf && !(group.endsWith("/anyOf") && !keepTaken)) {
        continue;
      }
      JsonNode branches = maker.spec.node(group).orElse(null);
      if (branches == null || !branches.isArray()) {
        continue;
      }
      SchemaAt taken =
          new SchemaAt(branches.get(choice.getValue()), group + "/" + choice.getValue());
      for (int j = 0; j < branches.size(); j++) {
        SchemaAt other = new SchemaAt(branches.get(j), group + "/" + j);
        if (j == choice.getValue() || !holds(other, now, path, st)) {
          continue;
        }
        ObjectNode apart = apart(taken, other, now, path, seed, st, keepTaken);
        if (apart == null) {
          if (keepTaken) {
            return null;
          }
          continue;
        }
        now = apart;
      }
    }
    return now;
  }

  /** The object changed so that the other branch refuses it and the taken one still holds. */
  private ObjectNode apart(
      SchemaAt taken,
      SchemaAt other,
      ObjectNode v,
      String path,
      long seed,
      CallState st,
      boolean keepTaken) {
    Conjunction tc = Conjunction.of(maker.spec, maker.sem, List.of(taken), Map.of(), null);
    Conjunction oc = Conjunction.of(maker.spec, maker.sem, List.of(other), Map.of(), null);
    for (ObjectNode candidate : candidates(tc, oc, v, path, seed, st)) {
      if (!holds(other, candidate, path, st) && (!keepTaken || holds(taken, candidate, path, st))) {
        return candidate;
      }
    }
    return null;
  }

  private List<ObjectNode> candidates(
      Conjunction tc, Conjunction oc, ObjectNode v, String path, long seed, CallState st) {
    List<ObjectNode> out = new ArrayList<>();
    for (String name : tc.declared()) {
      if (!v.has(name) && !oc.declares(name)) {
        String at = path + "/" + SpecPointer.escape(name);
        JsonNode value =
            maker.make(tc.propertyRoots(name, maker.patterns), at, SeedMix.child(seed, name), st);
        if (value != null) {
          out.add(with(v, name, value));
        }
      }
    }
    for (String name : oc.declared()) {
      if (!v.has(name) && !tc.declares(name)) {
        Optional<JsonNode> refused = refused(oc.propertyRoots(name, maker.patterns), path, st);
        refused.ifPresent(value -> out.add(with(v, name, value)));
      }
    }
    for (String name : tc.declared()) {
      if (v.has(name) && oc.declares(name)) {
        for (int k = 1; k <= 3; k++) {
          String at = path + "/" + SpecPointer.escape(name);
          long s = SeedMix.child(seed, name + "#apart" + k);
          JsonNode value = maker.make(tc.propertyRoots(name, maker.patterns), at, s, st);
          if (value != null && !value.equals(v.get(name))) {
            out.add(with(v, name, value));
          }
        }
      }
    }
    for (String name : oc.required()) {
      if (v.has(name) && !tc.required().contains(name)) {
        ObjectNode less = v.deepCopy();
        less.remove(name);
        out.add(less);
      }
    }
    return out;
  }

  /** A value of some type the schemas refuse. */
  private Optional<JsonNode> refused(List<SchemaAt> roots, String path, CallState st) {
    for (JsonNode value : PALETTE) {
      if (!maker.valid(roots, value, path, st)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private boolean holds(SchemaAt branch, JsonNode v, String path, CallState st) {
    return maker.valid(List.of(branch), v, path, st);
  }

  private static ObjectNode with(ObjectNode v, String name, JsonNode value) {
    ObjectNode copy = v.deepCopy();
    copy.set(name, value);
    return copy;
  }
}
