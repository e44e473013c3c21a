package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.RuleCase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid request bodies taken from the spec (its request examples, then the accepted catalogue
 * cases) and small tools to change them at a path. Derived and fuzzed bodies start from these.
 */
final class SpecBodies {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A valid body and the mode the assistant must be in for it to be accepted.
   *
   * @param name where it comes from
   * @param body the body (copy before changing)
   * @param givenMode the mode it needs, if any
   */
  record Base(String name, ObjectNode body, Optional<String> givenMode) {}

  private final Contract contract;
  private final List<Base> bases;

  SpecBodies(Contract contract) {
    this.contract = contract;
    List<Base> found = new ArrayList<>();
    for (Map.Entry<String, String> e : contract.spec().requestExamples().entrySet()) {
      parse(e.getValue())
          .ifPresent(b -> found.add(new Base("example " + e.getKey(), b, Optional.empty())));
    }
    for (var rule : contract.rules().all()) {
      for (RuleCase c : rule.cases()) {
        if (c.expect() == RuleCase.Expect.ACCEPT
            && c.auth() == RuleCase.Auth.VALID
            && c.target() == RuleCase.Target.GIVEN
            && c.contentType().equals(Optional.of("application/json"))) {
          parse(c.bodyText()).ifPresent(b -> found.add(new Base(c.id(), b, c.givenMode())));
        }
      }
    }
    this.bases = List.copyOf(found);
  }

  List<Base> all() {
    return bases;
  }

  Contract contract() {
    return contract;
  }

  /** The first base with a value at the path. */
  Optional<Base> containing(List<String> path) {
    return bases.stream().filter(b -> at(b.body(), path) != null).findFirst();
  }

  /** The schema with its {@code $ref} resolved and the sibling keywords laid over it. */
  JsonNode effective(JsonNode schema) {
    if (schema == null || !schema.isObject() || !schema.has("$ref")) {
      return schema;
    }
    String ref = schema.get("$ref").asString();
    JsonNode target =
        effective(
            contract
                .spec()
                .node(ref)
                .orElseThrow(() -> new IllegalStateException("no schema at " + ref)));
    ObjectNode merged = ((ObjectNode) target).deepCopy();
    for (Map.Entry<String, JsonNode> p : schema.properties()) {
      if (!p.getKey().equals("$ref")) {
        merged.set(p.getKey(), p.getValue());
      }
    }
    return merged;
  }

  static Optional<ObjectNode> parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return n != null && n.isObject() ? Optional.of((ObjectNode) n) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  static JsonNode at(JsonNode root, List<String> path) {
    JsonNode n = root;
    for (String segment : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(segment);
    }
    return n;
  }

  /** Sets the value at the path, making the objects on the way (replacing non-objects). */
  static void set(ObjectNode root, List<String> path, JsonNode value) {
    ObjectNode n = root;
    for (String segment : path.subList(0, path.size() - 1)) {
      JsonNode next = n.get(segment);
      if (next == null || !next.isObject()) {
        next = n.putObject(segment);
      }
      n = (ObjectNode) next;
    }
    n.set(path.get(path.size() - 1), value);
  }

  static void remove(ObjectNode root, List<String> path) {
    JsonNode parent = at(root, path.subList(0, path.size() - 1));
    if (parent instanceof ObjectNode o) {
      o.remove(path.get(path.size() - 1));
    }
  }

  static String text(JsonNode n) {
    return JSON.writeValueAsString(n);
  }

  static byte[] bytes(JsonNode n) {
    return text(n).getBytes(StandardCharsets.UTF_8);
  }

  static String dotted(List<String> path) {
    return path.isEmpty() ? "the body" : String.join(".", path);
  }
}
