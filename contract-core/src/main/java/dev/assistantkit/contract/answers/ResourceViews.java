package dev.assistantkit.contract.answers;

import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SecretNames;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource as it may be shown: in an API response (writeOnly properties left out, other secrets
 * masked), or in the mock's state view (every secret masked as {@value #MASK}).
 */
public final class ResourceViews {

  public static final String MASK = "***";

  private final SecretNames secrets;

  public ResourceViews(SecretNames secrets) {
    this.secrets = secrets;
  }

  /** The resource as an API response shows it: id, fields; writeOnly left out. */
  ObjectNode response(ResourceModel model, ResourceState state) {
    ObjectNode out = withId(model, state);
    copy(state.fields(), out, true);
    return out;
  }

  /** The resource as the mock's admin view shows it: id, fields with secrets masked, version. */
  public ObjectNode admin(ResourceModel model, ResourceState state) {
    ObjectNode out = withId(model, state);
    copy(state.fields(), out, false);
    out.put("version", state.version());
    return out;
  }

  private static ObjectNode withId(ResourceModel model, ResourceState state) {
    ObjectNode out = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    out.put(model.idProperty(), state.id());
    return out;
  }

  private void copy(ObjectNode from, ObjectNode to, boolean dropWriteOnly) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      String name = e.getKey();
      if (dropWriteOnly && secrets.writeOnly().contains(name)) {
        continue;
      }
      to.set(name, masked(name, e.getValue()));
    }
  }

  /** A value with every secret property under it masked. */
  public JsonNode masked(String name, JsonNode value) {
    if (secrets.isSecret(name)) {
      return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(MASK);
    }
    if (value.isObject()) {
      ObjectNode copy = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        copy.set(e.getKey(), masked(e.getKey(), e.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      tools.jackson.databind.node.ArrayNode copy =
          tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      value.forEach(v -> copy.add(masked("", v)));
      return copy;
    }
    return value;
  }
}
