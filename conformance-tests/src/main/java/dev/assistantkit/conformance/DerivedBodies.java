package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.evaluation.Decision;
import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SchemaWalker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies derived from an operation's request schema when the run starts, through the contract's one
 * schema walker, so a property or rule added to the spec is checked without a line of Java: a value
 * of every other JSON type for every typed property at any depth, every enum value and one outside,
 * every required property missing, every {@code dependentRequired} and every {@code if}/{@code
 * then} broken. Each body is a valid base body ({@link SpecBodies}) with one change; the answer is
 * left to the contract.
 */
final class DerivedBodies {

  static final String WRONG_TYPE = "wrong type";
  static final String ENUM = "enum values";
  static final String REQUIRED = "required properties";
  static final String DEPENDENT = "dependentRequired";
  static final String IF_THEN = "if-then";

  /** How deep nested objects are followed. */
  static final int MAX_DEPTH = 4;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A value of each JSON type, by the name JSON Schema gives the type. */
  static final Map<String, JsonNode> WRONG_VALUES = wrongValues();

  private static Map<String, JsonNode> wrongValues() {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    out.put("string", NODES.stringNode("x"));
    out.put("number", NODES.numberNode(1.5));
    out.put("integer", NODES.numberNode(42));
    out.put("boolean", NODES.booleanNode(true));
    out.put("array", NODES.arrayNode().add("x"));
    out.put("object", NODES.objectNode().put("x", "x"));
    out.put("null", NODES.nullNode());
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A made-up id for predicting while planning: every resource exists, in the base's state. */
  private static final String PLANNING_ID = "00000000-0000-4000-8000-00000000beef";

  /**
   * One derived body.
   *
   * @param group what was derived (wrong type, enum values, ...)
   * @param name what the body does, e.g. {@code a.b as number}
   * @param body the body
   * @param given the state its base body needs
   * @param subjects the rules it is about when the body alone does not say (an accepted enum value
   *     names the enum's rule)
   */
  record Derived(
      String group, String name, ObjectNode body, ObjectNode given, Set<String> subjects) {}

  private final Contract contract;
  private final Operation op;
  private final SpecBodies bodies;
  private final List<Derived> out = new ArrayList<>();

  private DerivedBodies(Contract contract, Operation op, SpecBodies bodies) {
    this.contract = contract;
    this.op = op;
    this.bodies = bodies;
  }

  /** The derived bodies of an operation that takes a JSON body; none for one that does not. */
  static List<Derived> derive(Contract contract, Operation op, SpecBodies bodies) {
    Optional<String> root = op.bodySchemaLocation();
    if (root.isEmpty()) {
      return List.of();
    }
    DerivedBodies d = new DerivedBodies(contract, op, bodies);
    SchemaWalker walker = contract.walker();
    d.objectRules(List.of(), walker.effectiveAt(root.get()));
    for (SchemaWalker.Property p : walker.properties(root.get(), MAX_DEPTH)) {
      if (!p.type().isEmpty()) {
        d.wrongType(p.path(), p.type());
      }
      JsonNode values = p.schema().get("enum");
      if (values != null && values.isArray() && !values.isEmpty()) {
        d.enumValues(p.path(), values);
      }
      if (p.schema().has("properties") || "object".equals(p.type())) {
        d.objectRules(p.path(), p.schema());
      }
    }
    return List.copyOf(d.out);
  }

  private void objectRules(List<String> path, JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    for (JsonNode r : schema.path("required")) {
      missing(path, r.asString());
    }
    for (Map.Entry<String, JsonNode> d : schema.path("dependentRequired").properties()) {
      dependent(path, d.getKey(), strings(d.getValue()));
    }
    JsonNode allOf = schema.path("allOf");
    for (int i = 0; i < allOf.size(); i++) {
      ifThen(path, i, allOf.get(i));
    }
  }

  /**
   * A value of every JSON type but the declared one (an integer counts as a number), each in a base
   * body that holds the property (or its object), so that the body breaks the type alone.
   */
  private void wrongType(List<String> path, String type) {
    Optional<SpecBodies.Base> base =
        bodies.containing(path).or(() -> bodies.containing(parent(path)));
    for (Map.Entry<String, JsonNode> wrong : WRONG_VALUES.entrySet()) {
      String json = wrong.getKey();
      boolean same = json.equals(type) || (type.equals("number") && json.equals("integer"));
      if (same) {
        continue;
      }
      ObjectNode body = base.map(b -> b.body().deepCopy()).orElseGet(NODES::objectNode);
      SpecBodies.set(body, path, wrong.getValue().deepCopy());
      add(WRONG_TYPE, SpecBodies.dotted(path) + " as " + json, body, base, Set.of());
    }
  }

  private void enumValues(List<String> path, JsonNode values) {
    if (!values.get(0).isString()) {
      return;
    }
    Optional<SpecBodies.Base> container = bodies.containing(path);
    ObjectNode outside = container.map(b -> b.body().deepCopy()).orElseGet(NODES::objectNode);
    String outsideValue = "not-" + values.get(0).asString();
    SpecBodies.set(outside, path, NODES.stringNode(outsideValue));
    Set<String> subjects = rulesAt(outside, container, path);
    for (JsonNode v : values) {
      Optional<SpecBodies.Base> base = acceptedBase(path, v, container);
      ObjectNode body = base.map(b -> b.body().deepCopy()).orElseGet(NODES::objectNode);
      SpecBodies.set(body, path, v);
      Set<String> about = new LinkedHashSet<>(subjects);
      if (base.isPresent() && base.get().example().isPresent() && body.equals(base.get().body())) {
        // the body is the spec's example as it stands: the rule that says it is accepted applies
        about.addAll(SpecBodies.enforcing(contract, base.get().example().get()));
      }
      add(ENUM, SpecBodies.dotted(path) + " = " + v.asString(), body, base, about);
    }
    add(
        ENUM,
        SpecBodies.dotted(path) + " = " + outsideValue + " (outside the enum)",
        outside,
        container,
        Set.of());
  }

  /**
   * The base to send an enum value in: the first base with the value, else the container, that
   * sends nothing whose contents the page leaves open ({@link Decision#open}), so that every server
   * following the page must accept it (an enum value sent with settings of a shape the page never
   * shows may be refused, which hides a server that refuses the value itself); else the first of
   * them.
   */
  private Optional<SpecBodies.Base> acceptedBase(
      List<String> path, JsonNode value, Optional<SpecBodies.Base> container) {
    List<SpecBodies.Base> candidates = new ArrayList<>(bodies.allWithValue(path, value));
    container.ifPresent(candidates::add);
    for (SpecBodies.Base b : candidates) {
      ObjectNode body = b.body().deepCopy();
      SpecBodies.set(body, path, value);
      if (planned(body, Optional.of(b)).open().isEmpty()) {
        return Optional.of(b);
      }
    }
    return candidates.stream().findFirst();
  }

  private void missing(List<String> path, String property) {
    List<String> at = append(path, property);
    bodies
        .containing(at)
        .ifPresent(
            base -> {
              ObjectNode body = base.body().deepCopy();
              SpecBodies.remove(body, at);
              add(
                  REQUIRED,
                  SpecBodies.dotted(path) + " without " + property,
                  body,
                  Optional.of(base),
                  Set.of());
            });
  }

  /** The property alone in its object, without the ones it requires. */
  private void dependent(List<String> path, String property, List<String> requires) {
    List<String> at = append(path, property);
    bodies
        .containing(at)
        .ifPresent(
            base -> {
              ObjectNode alone = NODES.objectNode();
              alone.set(property, SpecBodies.at(base.body(), at));
              ObjectNode body = base.body().deepCopy();
              if (path.isEmpty()) {
                body = alone;
              } else {
                SpecBodies.set(body, path, alone);
              }
              add(
                  DEPENDENT,
                  SpecBodies.dotted(at) + " without " + String.join(" and ", requires),
                  body,
                  Optional.of(base),
                  Set.of());
            });
  }

  /**
   * A body made to meet the {@code if} (its constants set, its required properties present) without
   * each property the {@code then} requires, and without all of them.
   */
  private void ifThen(List<String> path, int index, JsonNode item) {
    JsonNode condition = item.path("if");
    List<String> then = strings(item.path("then").path("required"));
    if (!condition.isObject() || then.isEmpty()) {
      return;
    }
    Optional<SpecBodies.Base> base =
        bodies.all().stream()
            .filter(
                b -> then.stream().allMatch(t -> SpecBodies.at(b.body(), append(path, t)) != null))
            .findFirst()
            .or(() -> bodies.containing(path.isEmpty() ? List.of() : path));
    ObjectNode met = base.map(b -> b.body().deepCopy()).orElseGet(NODES::objectNode);
    List<String> constants = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : condition.path("properties").properties()) {
      JsonNode c = p.getValue().get("const");
      if (c != null) {
        SpecBodies.set(met, append(path, p.getKey()), c);
        constants.add(p.getKey() + "=" + SpecBodies.text(c).replace("\"", ""));
      }
    }
    for (String r : strings(condition.path("required"))) {
      if (SpecBodies.at(met, append(path, r)) == null) {
        return; // a required property without a constant: no base shows a value for it
      }
    }
    String label =
        "allOf/" + index + (constants.isEmpty() ? "" : " (" + String.join(", ", constants) + ")");
    List<List<String>> removals = new ArrayList<>();
    then.forEach(t -> removals.add(List.of(t)));
    if (then.size() > 1) {
      removals.add(then);
    }
    for (List<String> remove : removals) {
      ObjectNode body = met.deepCopy();
      remove.forEach(r -> SpecBodies.remove(body, append(path, r)));
      add(IF_THEN, label + " without " + String.join(" and ", remove), body, base, Set.of());
    }
  }

  /**
   * The rules the contract names for a body at a property: the rule of the location a value there
   * breaks (for naming a value of it that is wrongly rejected).
   */
  private Set<String> rulesAt(ObjectNode body, Optional<SpecBodies.Base> base, List<String> path) {
    Decision d = planned(body, base);
    String pointer = SpecBodies.pointer(path);
    Set<String> out = new LinkedHashSet<>();
    for (Violation v : d.stage(Profile.STRICT, Stage.REQUEST).violations()) {
      if (v.pointer().equals(pointer)) {
        out.add(v.ruleId());
      }
    }
    return out;
  }

  /** The contract's decision on a body sent with the state its base is given. */
  private Decision planned(ObjectNode body, Optional<SpecBodies.Base> base) {
    ApiRequest request = CaseRequests.json(op, PLANNING_ID, SpecBodies.bytes(body), "planning-key");
    ObjectNode given = base.map(SpecBodies.Base::given).orElseGet(NODES::objectNode);
    Knowledge planning =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String id) {
            return new Present(new ResourceState(id, given.deepCopy(), 0, false));
          }
        };
    return contract.predict(request, planning).first();
  }

  private void add(
      String group,
      String name,
      ObjectNode body,
      Optional<SpecBodies.Base> base,
      Set<String> subjects) {
    ObjectNode given = base.map(b -> b.given().deepCopy()).orElseGet(NODES::objectNode);
    out.add(new Derived(group, name, body, given, Set.copyOf(subjects)));
  }

  private static List<String> append(List<String> path, String segment) {
    return Stream.concat(path.stream(), Stream.of(segment)).toList();
  }

  private static List<String> parent(List<String> path) {
    return path.subList(0, Math.max(0, path.size() - 1));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
