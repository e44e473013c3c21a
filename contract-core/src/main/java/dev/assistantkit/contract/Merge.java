package dev.assistantkit.contract;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an accepted update changes a resource, by the resource's {@code merge} map: a property named
 * {@code merge} merges key by key into the stored object; every other property replaces the stored
 * value whole. Fields not sent are kept.
 */
final class Merge {

  private Merge() {}

  static ObjectNode apply(ResourceModel model, ObjectNode current, ObjectNode update) {
    ObjectNode next = current.deepCopy();
    for (Map.Entry<String, JsonNode> e : update.properties()) {
      String name = e.getKey();
      JsonNode value = e.getValue();
      JsonNode old = next.get(name);
      if (model.mergeOf(name) == ResourceModel.Merge.MERGE
          && old != null
          && old.isObject()
          && value.isObject()) {
        ObjectNode merged = ((ObjectNode) old).deepCopy();
        for (Map.Entry<String, JsonNode> k : value.properties()) {
          merged.set(k.getKey(), k.getValue().deepCopy());
        }
        next.set(name, merged);
      } else {
        next.set(name, value.deepCopy());
      }
    }
    return next;
  }
}
