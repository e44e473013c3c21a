package dev.assistantkit.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operation's {@code x-rule-catalogue}: every rule by its stable id.
 *
 * <p>Loading checks the catalogue against the spec, so an inconsistent contract never gets as far
 * as a request: every enforcing location must exist, and every assertion keyword that client input
 * can reach must belong to a rule.
 */
public final class RuleCatalogue {

  /** Keywords that can fail on their own (as opposed to applicators such as allOf). */
  private static final Set<String> ASSERTIONS =
      Set.of(
          "type",
          "enum",
          "const",
          "required",
          "dependentRequired",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minItems",
          "maxItems",
          "uniqueItems",
          "not");

  /** Where schema validation of client input starts. */
  static final List<String> VALIDATED_ROOTS =
      List.of(
          "#/components/schemas/AssistantUpdateRequest",
          "#/components/parameters/AssistantId/schema",
          "#/components/schemas/AssistantUpdateInContext/allOf/*/then");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Rule> rules;

  private RuleCatalogue(Map<String, Rule> rules) {
    this.rules = rules;
  }

  static RuleCatalogue load(SpecDocument spec) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (JsonNode r : spec.require(SpecDocument.OPERATION + "/x-rule-catalogue")) {
      Rule rule = parse(r, spec);
      if (rules.put(rule.id(), rule) != null) {
        throw new IllegalStateException("rule id used twice in x-rule-catalogue: " + rule.id());
      }
    }
    RuleCatalogue catalogue = new RuleCatalogue(Map.copyOf(rules));
    catalogue.ordered = List.copyOf(rules.values());
    catalogue.verify(spec);
    return catalogue;
  }

  private List<Rule> ordered = List.of();

  /** Every rule, in catalogue order. */
  public List<Rule> all() {
    return ordered;
  }

  /** The rule with this id. An unknown id is a programming error and fails loudly. */
  public Rule get(String id) {
    Rule r = rules.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no rule " + id + " in x-rule-catalogue");
    }
    return r;
  }

  public boolean contains(String id) {
    return rules.containsKey(id);
  }

  /**
   * The rule a schema error belongs to: the first rule, in catalogue order, one of whose locations
   * covers the error's location and whose instance condition (if any) holds.
   */
  Optional<Rule> ruleFor(String schemaLocation, JsonNode instance) {
    for (Rule r : ordered) {
      if ((r.kind() == RuleKind.SCHEMA || r.kind() == RuleKind.STATE)
          && r.enforces(schemaLocation)
          && r.whenInstance().map(t -> t.equals(jsonType(instance))).orElse(true)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  static String jsonType(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "missing";
    }
    return switch (n.getNodeType()) {
      case NULL -> "null";
      case BOOLEAN -> "boolean";
      case NUMBER -> n.isIntegralNumber() ? "integer" : "number";
      case STRING -> "string";
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      default -> "unknown";
    };
  }

  // ---------------------------------------------------------------- loading

  private static Rule parse(JsonNode r, SpecDocument spec) {
    String id = r.get("id").asString();
    List<String> enforcedBy = new ArrayList<>();
    r.path("enforced-by").forEach(n -> enforcedBy.add(n.asString()));
    Origin origin = Origin.parse(r.get("origin").asString());
    List<RuleCase> cases = new ArrayList<>();
    for (JsonNode c : r.path("cases")) {
      cases.add(parseCase(id, origin, c, spec));
    }
    return new Rule(
        id,
        origin,
        r.get("status").asInt(),
        RuleKind.parse(r.get("kind").asString()),
        r.get("source").asString(),
        enforcedBy,
        Optional.ofNullable(r.get("when-instance")).map(JsonNode::asString),
        r.get("message").asString(),
        cases);
  }

  private static RuleCase parseCase(
      String ruleId, Origin ruleOrigin, JsonNode c, SpecDocument spec) {
    String contentType = c.path("content-type").asString("application/json");
    return new RuleCase(
        ruleId,
        c.get("name").asString(),
        RuleCase.Expect.valueOf(c.get("expect").asString().toUpperCase(java.util.Locale.ROOT)),
        c.has("origin") ? Origin.parse(c.get("origin").asString()) : ruleOrigin,
        caseBody(c, spec),
        contentType.equals("none") ? Optional.empty() : Optional.of(contentType),
        RuleCase.Auth.valueOf(c.path("auth").asString("valid").toUpperCase(java.util.Locale.ROOT)),
        RuleCase.Target.valueOf(
            c.path("assistant")
                .asString("given")
                .toUpperCase(java.util.Locale.ROOT)
                .replace('-', '_')),
        Optional.ofNullable(c.get("given-mode")).map(JsonNode::asString));
  }

  private static byte[] caseBody(JsonNode c, SpecDocument spec) {
    String text;
    if (c.has("raw")) {
      text = c.get("raw").asString();
    } else if (c.has("example")) {
      text = spec.exampleJson(c.get("example").asString());
    } else if (c.has("nest")) {
      text = nested(c.get("nest").asInt());
    } else if (c.has("pad-bytes")) {
      text = "{\"assistant_prompt\":\"" + "x".repeat(c.get("pad-bytes").asInt()) + "\"}";
    } else if (c.has("body")) {
      text = JSON.writeValueAsString(c.get("body"));
    } else {
      throw new IllegalStateException(
          "case " + c + " of " + c + " has no body, raw, example, nest or pad-bytes");
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An interaction config nested {@code depth} objects deep. */
  static String nested(int depth) {
    return "{\"assistant_interaction_config\":"
        + "{\"a\":".repeat(depth)
        + "1"
        + "}".repeat(depth)
        + "}";
  }

  // ---------------------------------------------------------------- verification

  private void verify(SpecDocument spec) {
    List<String> problems = new ArrayList<>();
    for (Rule r : ordered) {
      if (r.enforcedBy().isEmpty()) {
        problems.add(r.id() + " names no enforcing location");
      }
      for (String p : r.enforcedBy()) {
        if (spec.expand(p).isEmpty()) {
          problems.add(r.id() + " names " + p + ", which is not in the spec");
        }
      }
    }
    for (String location : assertionLocations(spec)) {
      if (ordered.stream()
          .noneMatch(
              r ->
                  (r.kind() == RuleKind.SCHEMA || r.kind() == RuleKind.STATE)
                      && r.enforces(location))) {
        problems.add("the keyword at " + location + " belongs to no rule of x-rule-catalogue");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "openapi.yaml is inconsistent:\n  " + String.join("\n  ", problems));
    }
  }

  /** Every location of an assertion keyword that validating client input can evaluate. */
  static Collection<String> assertionLocations(SpecDocument spec) {
    Set<String> out = new java.util.TreeSet<>();
    Set<String> visited = new java.util.HashSet<>();
    for (String root : VALIDATED_ROOTS) {
      for (String at : spec.expand(root)) {
        walk(spec, spec.require(at), at, out, visited);
      }
    }
    return out;
  }

  private static void walk(
      SpecDocument spec, JsonNode schema, String at, Set<String> out, Set<String> visited) {
    if (!visited.add(at)) {
      return;
    }
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) {
        out.add(at);
      }
      return;
    }
    if (!schema.isObject()) {
      return;
    }
    for (String k : ASSERTIONS) {
      if (schema.has(k)) {
        out.add(at + "/" + k);
      }
    }
    if (schema.has("$ref")) {
      String target = schema.get("$ref").asString();
      walk(spec, spec.require(target), target, out, visited);
    }
    JsonNode ap = schema.get("additionalProperties");
    if (ap != null) {
      if (ap.isBoolean() && !ap.asBoolean()) {
        out.add(at + "/additionalProperties");
      } else {
        walk(spec, ap, at + "/additionalProperties", out, visited);
      }
    }
    for (String container : List.of("properties", "dependentSchemas", "patternProperties")) {
      JsonNode props = schema.get(container);
      if (props != null) {
        for (Map.Entry<String, JsonNode> p : props.properties()) {
          walk(
              spec,
              p.getValue(),
              at + "/" + container + "/" + SpecPointer.escape(p.getKey()),
              out,
              visited);
        }
      }
    }
    for (String list : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode items = schema.get(list);
      if (items != null) {
        for (int i = 0; i < items.size(); i++) {
          walk(spec, items.get(i), at + "/" + list + "/" + i, out, visited);
        }
      }
    }
    for (String single : List.of("then", "else", "items")) {
      if (schema.has(single)) {
        walk(spec, schema.get(single), at + "/" + single, out, visited);
      }
    }
  }
}
