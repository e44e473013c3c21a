package dev.assistantkit.contract;

import dev.assistantkit.contract.evaluation.Knowledge;
import dev.assistantkit.contract.spec.ResourceState;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Knowledge for tests: one accepted key, and resources in memory. */
final class TestKnowledge implements Knowledge {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String key;
  private final Map<String, ResourceView> resources = new HashMap<>();

  TestKnowledge(String key) {
    this.key = key;
  }

  /** A resource present with these fields (JSON). */
  TestKnowledge with(String id, String fieldsJson) {
    resources.put(id, new Present(ResourceState.of(id, (ObjectNode) JSON.readTree(fieldsJson), 0)));
    return this;
  }

  TestKnowledge with(String id, ResourceView view) {
    resources.put(id, view);
    return this;
  }

  @Override
  public KeyVerdict key(String token) {
    return token.equals(key) ? KeyVerdict.ACCEPTED : KeyVerdict.REJECTED;
  }

  @Override
  public ResourceView resource(String resource, String id) {
    return resources.getOrDefault(id, new Absent());
  }
}
