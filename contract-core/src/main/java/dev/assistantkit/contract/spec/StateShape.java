package dev.assistantkit.contract.spec;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of an update a resource's state rules can see, read from its context schema at load: the
 * update's properties whose values they constrain, and those they only test for presence. When the
 * state rules look at the update in no other way (no minProperties, no additionalProperties), two
 * updates with the same shape (same present properties, same constrained values) get the same
 * verdict, so the verdict is computed once per shape. Validating the context schema was the
 * costliest step of a request.
 */
public final class StateShape {

  /** Keywords that may apply to the update object itself without making its shape unsound. */
  private static final Set<String> STRUCTURAL =
      Set.of(
          "properties",
          "required",
          "not",
          "allOf",
          "anyOf",
          "oneOf",
          "if",
          "then",
          "else",
          "description",
          "title",
          "$comment",
          "type");

  private static final Set<String> QUIET = Set.of("description", "title", "$comment");

  private final Set<String> valued;
  private final Set<String> present;

  private StateShape(Set<String> valued, Set<String> present) {
    this.valued = Set.copyOf(valued);
    this.present = Set.copyOf(present);
  }

  /** The shape of a context schema, or empty when its rules see more of the update than a shape. */
  public static Optional<StateShape> of(
      SpecDocument spec, String contextLocation, String updateProperty) {
    Analysis a = new Analysis(spec, updateProperty);
    a.context(spec.require(contextLocation), 0);
    return a.sound ? Optional.of(new StateShape(a.valued, a.present)) : Optional.empty();
  }

  /**
   * The update as the state rules see it: constrained values kept, presence-tested properties as
   * {@code true}, others left out. Its JSON text is the cache key.
   */
  public ObjectNode project(JsonNode update) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : update.properties()) {
      if (valued.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      } else if (present.contains(e.getKey())) {
        out.put(e.getKey(), true);
      }
    }
    return out;
  }

  /** Walks the context schema, following what applies to the context and to its update. */
  private static final class Analysis {
    private final SpecDocument spec;
    private final String updateProperty;
    private final Set<String> valued = new HashSet<>();
    private final Set<String> present = new HashSet<>();
    private boolean sound = true;

    Analysis(SpecDocument spec, String updateProperty) {
      this.spec = spec;
      this.updateProperty = updateProperty;
    }

    /** A subschema applying to the context object. */
    void context(JsonNode s, int depth) {
      if (!s.isObject() || depth > 32) {
        return;
      }
      s = spec.resolve(s);
      JsonNode props = s.get("properties");
      if (props != null && props.has(updateProperty)) {
        update(props.get(updateProperty), depth + 1);
      }
      applicators(s, depth, true);
    }

    /** A subschema applying to the update object. */
    void update(JsonNode s, int depth) {
      if (s.isBoolean() || depth > 32) {
        sound &= s.isBoolean() ? s.asBoolean() : false;
        return;
      }
      s = spec.resolve(s);
      for (String k : s.propertyNames()) {
        if (!STRUCTURAL.contains(k)) {
          sound = false;
        }
      }
      if (s.has("type") && !"object".equals(s.get("type").asString(""))) {
        sound = false;
      }
      s.path("required").forEach(r -> present.add(r.asString()));
      for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
        JsonNode v = spec.resolve(p.getValue());
        boolean presenceOnly = v.isBoolean() || (v.isObject() && QUIET.containsAll(iterable(v)));
        (presenceOnly ? present : valued).add(p.getKey());
      }
      applicators(s, depth, false);
    }

    private void applicators(JsonNode s, int depth, boolean onContext) {
      for (String list : new String[] {"allOf", "anyOf", "oneOf"}) {
        s.path(list).forEach(x -> next(x, depth, onContext));
      }
      for (String single : new String[] {"if", "then", "else", "not"}) {
        if (s.has(single)) {
          next(s.get(single), depth, onContext);
        }
      }
    }

    private void next(JsonNode s, int depth, boolean onContext) {
      if (onContext) {
        context(s, depth + 1);
      } else {
        update(s, depth + 1);
      }
    }

    private static Set<String> iterable(JsonNode v) {
      Set<String> names = new HashSet<>();
      v.propertyNames().forEach(names::add);
      return names;
    }
  }
}
