package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.SchemaWalker;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An update pruned to what the request schema declares, where the schema closes its objects: the
 * documented reading ignores unknown fields rather than storing them.
 */
public final class Pruner {

  private final SchemaWalker walker;

  public Pruner(SchemaWalker walker) {
    this.walker = walker;
  }

  public ObjectNode prune(Operation op, ObjectNode update) {
    Optional<String> schema = op.bodySchemaLocation();
    if (schema.isEmpty()) {
      return update;
    }
    return (ObjectNode) prune(walker.effectiveAt(schema.get()), update);
  }

  private JsonNode prune(JsonNode schema, JsonNode value) {
    if (schema == null || !value.isObject()) {
      return value;
    }
    JsonNode props = schema.path("properties");
    boolean closed = walker.closed(schema);
    ObjectNode out = JsonMappers.plain().createObjectNode();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      JsonNode child = props.get(e.getKey());
      if (child == null && closed) {
        continue;
      }
      out.set(
          e.getKey(), child == null ? e.getValue() : prune(walker.effective(child), e.getValue()));
    }
    return out;
  }
}
