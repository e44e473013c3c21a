package dev.assistantkit.contract.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A catalogue of rules by their stable ids: an operation's own, or the spec's global one. */
public final class RuleCatalogue {

  /**
   * The rule a schema error belongs to, and the origin of the location that found it.
   *
   * @param rule the rule
   * @param origin the origin at that location
   */
  record Match(Rule rule, Origin origin) {}

  private final Map<String, Rule> byId;
  private final List<Rule> ordered;

  public RuleCatalogue(List<Rule> rules) {
    Map<String, Rule> map = new LinkedHashMap<>();
    for (Rule r : rules) {
      if (map.put(r.id(), r) != null) {
        throw new IllegalStateException("rule id used twice in one catalogue: " + r.id());
      }
    }
    this.byId = map;
    this.ordered = List.copyOf(rules);
  }

  /** Every rule, in catalogue order. */
  public List<Rule> all() {
    return ordered;
  }

  /** The rule with this id. An unknown id is a programming error and fails loudly. */
  public Rule get(String id) {
    Rule r = byId.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no rule " + id + " in the catalogue");
    }
    return r;
  }

  public Optional<Rule> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /**
   * The rule a schema error belongs to: the first keyword rule, in catalogue order, one of whose
   * locations covers the error's location and whose instance condition (if any) holds.
   */
  Optional<Match> match(String schemaLocation, JsonNode instance) {
    for (Rule r : ordered) {
      if (!r.kind().isKeyword()) {
        continue;
      }
      if (r.whenInstance().isPresent() && !r.whenInstance().get().equals(jsonType(instance))) {
        continue;
      }
      Optional<Origin> at = r.originAt(schemaLocation);
      if (at.isPresent()) {
        return Optional.of(new Match(r, at.get()));
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
}
