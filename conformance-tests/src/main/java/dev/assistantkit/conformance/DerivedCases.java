package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.mock.MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cases derived from the request schema at run time, so a rule added to the spec is tested without
 * a line of Java: a wrong type for every property, every enum value and one outside, every required
 * nested property missing, every dependentRequired and every if/then broken. Each body is a valid
 * base body (see {@link SpecBodies}) with one change; the expected answer is left to the contract
 * core.
 */
final class DerivedCases {

  static final String REQUEST_SCHEMA = "#/components/schemas/AssistantUpdateRequest";
  static final String WRONG_TYPE = "wrong type";
  static final String ENUM = "enum values";
  static final String REQUIRED = "required properties";
  static final String DEPENDENT = "dependentRequired";
  static final String IF_THEN = "if-then";

  private static final int MAX_DEPTH = 4;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * One derived case.
   *
   * @param group what was derived (wrong type, enum values, ...)
   * @param name what the body does, e.g. {@code assistant_tts_model = sarvam}
   * @param json the body
   * @param givenMode the mode its base body needs
   * @param subjects the rules it is about, when the prediction alone does not say (accepted enum
   *     values name the enum's rule)
   */
  record Derived(
      String group, String name, String json, Optional<String> givenMode, List<String> subjects) {}

  private final SpecBodies bodies;
  private final List<Derived> out = new ArrayList<>();

  private DerivedCases(SpecBodies bodies) {
    this.bodies = bodies;
  }

  static List<Derived> derive(Contract contract) {
    DerivedCases d = new DerivedCases(new SpecBodies(contract));
    JsonNode root =
        contract
            .spec()
            .node(REQUEST_SCHEMA)
            .orElseThrow(() -> new IllegalStateException("no " + REQUEST_SCHEMA));
    d.walk(root, List.of(), 0);
    return List.copyOf(d.out);
  }

  private void walk(JsonNode schema, List<String> path, int depth) {
    JsonNode eff = bodies.effective(schema);
    for (Map.Entry<String, JsonNode> p : eff.path("properties").properties()) {
      List<String> at = append(path, p.getKey());
      JsonNode property = bodies.effective(p.getValue());
      String type = property.path("type").isString() ? property.get("type").asString() : null;
      if (type != null) {
        wrongType(at, type);
      }
      if (property.path("enum").isArray()) {
        enumValues(at, property.get("enum"));
      }
      if ("object".equals(type)) {
        for (JsonNode r : property.path("required")) {
          missing(at, r.asString());
        }
        if (depth < MAX_DEPTH) {
          walk(property, at, depth + 1);
        }
      }
    }
    for (Map.Entry<String, JsonNode> d : eff.path("dependentRequired").properties()) {
      dependent(path, d.getKey(), d.getValue());
    }
    JsonNode allOf = eff.path("allOf");
    for (int i = 0; i < allOf.size(); i++) {
      ifThen(path, i, allOf.get(i));
    }
  }

  private void wrongType(List<String> path, String type) {
    JsonNode wrong =
        switch (type) {
          case "string" -> NODES.numberNode(42);
          case "boolean" -> NODES.stringNode("true");
          case "object" -> NODES.arrayNode().add("x");
          default -> NODES.stringNode("x");
        };
    SpecBodies.Base base =
        bodies
            .containing(path)
            .or(() -> bodies.containing(parent(path)))
            .orElse(bodies.all().get(0));
    ObjectNode body = base.body().deepCopy();
    SpecBodies.set(body, path, wrong);
    add(
        WRONG_TYPE,
        SpecBodies.dotted(path)
            + " as "
            + wrong.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
        body,
        base.givenMode(),
        List.of());
  }

  private void enumValues(List<String> path, JsonNode values) {
    if (values.isEmpty() || !values.get(0).isString()) {
      return;
    }
    SpecBodies.Base container = bodies.containing(path).orElse(bodies.all().get(0));
    ObjectNode outside = container.body().deepCopy();
    String outsideValue = "not-" + values.get(0).asString();
    SpecBodies.set(outside, path, NODES.stringNode(outsideValue));
    List<String> subjects = stageTwoRules(outside);
    for (JsonNode v : values) {
      Optional<SpecBodies.Base> same =
          bodies.all().stream().filter(b -> v.equals(SpecBodies.at(b.body(), path))).findFirst();
      SpecBodies.Base base = same.orElse(container);
      ObjectNode body = base.body().deepCopy();
      SpecBodies.set(body, path, v);
      add(ENUM, SpecBodies.dotted(path) + " = " + v.asString(), body, base.givenMode(), subjects);
    }
    add(
        ENUM,
        SpecBodies.dotted(path) + " = " + outsideValue + " (outside the enum)",
        outside,
        container.givenMode(),
        List.of());
  }

  private void missing(List<String> path, String property) {
    bodies
        .containing(append(path, property))
        .ifPresent(
            base -> {
              ObjectNode body = base.body().deepCopy();
              SpecBodies.remove(body, append(path, property));
              add(
                  REQUIRED,
                  SpecBodies.dotted(path) + " without " + property,
                  body,
                  base.givenMode(),
                  List.of());
            });
  }

  /** The property alone, without the ones it requires. */
  private void dependent(List<String> path, String property, JsonNode requires) {
    bodies
        .containing(append(path, property))
        .ifPresent(
            base -> {
              ObjectNode body = base.body().deepCopy();
              ObjectNode alone = NODES.objectNode();
              alone.set(property, SpecBodies.at(base.body(), append(path, property)));
              if (path.isEmpty()) {
                body = alone;
              } else {
                SpecBodies.set(body, path, alone);
              }
              add(
                  DEPENDENT,
                  SpecBodies.dotted(append(path, property)) + " without " + names(requires),
                  body,
                  base.givenMode(),
                  List.of());
            });
  }

  /** A body meeting the if, without each property the then requires, and without all of them. */
  private void ifThen(List<String> path, int index, JsonNode item) {
    JsonNode condition = item.path("if");
    List<String> then = strings(item.path("then").path("required"));
    if (!condition.isObject() || then.isEmpty()) {
      return;
    }
    Optional<SpecBodies.Base> meeting =
        bodies.all().stream()
            .filter(b -> meets(SpecBodies.at(b.body(), path), condition))
            .findFirst();
    if (meeting.isEmpty()) {
      return;
    }
    SpecBodies.Base base = meeting.get();
    String label = "allOf/" + index + " (" + describe(condition) + ")";
    List<List<String>> removals = new ArrayList<>();
    then.forEach(t -> removals.add(List.of(t)));
    if (then.size() > 1) {
      removals.add(then);
    }
    for (List<String> remove : removals) {
      ObjectNode body = base.body().deepCopy();
      remove.forEach(r -> SpecBodies.remove(body, append(path, r)));
      add(
          IF_THEN,
          label + " without " + String.join(" and ", remove),
          body,
          base.givenMode(),
          List.of());
    }
  }

  /** Whether an object meets an if-schema made of required and const (the spec's own form). */
  private static boolean meets(JsonNode object, JsonNode condition) {
    if (object == null || !object.isObject()) {
      return false;
    }
    for (String r : strings(condition.path("required"))) {
      if (!object.has(r)) {
        return false;
      }
    }
    for (Map.Entry<String, JsonNode> p : condition.path("properties").properties()) {
      JsonNode c = p.getValue().get("const");
      if (c != null && object.has(p.getKey()) && !c.equals(object.get(p.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static String describe(JsonNode condition) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : condition.path("properties").properties()) {
      if (p.getValue().has("const")) {
        parts.add(p.getKey() + "=" + p.getValue().get("const").asString());
      }
    }
    return parts.isEmpty() ? "if" : String.join(", ", parts);
  }

  /** The rules the request schema alone names for a body (no mode needed). */
  private List<String> stageTwoRules(ObjectNode body) {
    ContractRequest r =
        CheckCase.jsonRequest(SpecBodies.bytes(body), "k", MockServer.EXAMPLE_ASSISTANT);
    return List.copyOf(bodies.contract().requests().checkRequest(r).report().ruleIds());
  }

  private void add(
      String group, String name, JsonNode body, Optional<String> mode, List<String> subjects) {
    out.add(new Derived(group, name, SpecBodies.text(body), mode, subjects));
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

  private static String names(JsonNode array) {
    return String.join(" and ", strings(array));
  }
}
