package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleCase;
import dev.assistantkit.contract.spec.SpecPointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid request bodies of an operation, taken from the spec (its request examples, then its
 * accepted catalogue cases), and small tools to change a body at a path. Derived, fuzzed and set-up
 * requests start from these; nothing here knows a field of any one API.
 */
final class SpecBodies {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A valid body and the state its resource must be in for it to be accepted.
   *
   * @param name where it comes from
   * @param body the body (copy before changing)
   * @param given the state properties it needs; empty when any state will do
   * @param example the spec pointer of the example it is, if it is one
   */
  record Base(String name, ObjectNode body, ObjectNode given, Optional<String> example) {}

  private final List<Base> bases;

  private SpecBodies(List<Base> bases) {
    this.bases = List.copyOf(bases);
  }

  /** The bases of an operation: its JSON request examples first, then its accepted cases. */
  static SpecBodies of(Contract contract, Operation op) {
    List<Base> found = new ArrayList<>(examples(contract, op));
    for (Rule rule : op.rules().all()) {
      for (RuleCase c : rule.cases()) {
        if (c.expect() == RuleCase.Expect.ACCEPT
            && c.auth() == RuleCase.Auth.VALID
            && c.target() == RuleCase.Target.GIVEN
            && c.contentType().map(t -> t.startsWith("application/json")).orElse(false)) {
          parse(c.bodyText())
              .filter(b -> !b.isEmpty())
              .ifPresent(b -> found.add(new Base(c.id(), b, c.given(), Optional.empty())));
        }
      }
    }
    return new SpecBodies(found);
  }

  /** The operation's JSON request examples, each with the pointer it is written at. */
  static List<Base> examples(Contract contract, Operation op) {
    List<Base> out = new ArrayList<>();
    String at = op.location() + "/requestBody/content";
    Optional<JsonNode> content = contract.spec().node(at);
    if (content.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> media : content.get().properties()) {
      if (!media.getKey().contains("json")) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : media.getValue().path("examples").properties()) {
        JsonNode ref = e.getValue().get("$ref");
        String pointer =
            ref != null && ref.isString()
                ? ref.asString()
                : at
                    + "/"
                    + SpecPointer.escape(media.getKey())
                    + "/examples/"
                    + SpecPointer.escape(e.getKey());
        JsonNode value = contract.spec().exampleValue(pointer);
        if (value.isObject() && !value.isEmpty()) {
          out.add(
              new Base(
                  "example " + e.getKey(),
                  (ObjectNode) value,
                  JsonNodeFactory.instance.objectNode(),
                  Optional.of(pointer)));
        }
      }
    }
    return out;
  }

  /**
   * The rules whose catalogue entry names this spec location as what enforces them (an example a
   * conformant server must accept names the rule that says so).
   */
  static java.util.Set<String> enforcing(Contract contract, String pointer) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Rule rule : contract.allRules()) {
      if (rule.enforcedBy().stream().anyMatch(l -> l.pattern().equals(pointer))) {
        out.add(rule.id());
      }
    }
    return out;
  }

  List<Base> all() {
    return bases;
  }

  boolean isEmpty() {
    return bases.isEmpty();
  }

  /** The first base with a value at the path. */
  Optional<Base> containing(List<String> path) {
    return bases.stream().filter(b -> at(b.body(), path) != null).findFirst();
  }

  /** The first base with exactly this value at the path. */
  Optional<Base> withValue(List<String> path, JsonNode value) {
    return bases.stream().filter(b -> value.equals(at(b.body(), path))).findFirst();
  }

  /** Every base with exactly this value at the path, in order. */
  List<Base> allWithValue(List<String> path, JsonNode value) {
    return bases.stream().filter(b -> value.equals(at(b.body(), path))).toList();
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

  /** The JSON Pointer of a property path. */
  static String pointer(List<String> path) {
    return SpecPointer.of(path);
  }
}
