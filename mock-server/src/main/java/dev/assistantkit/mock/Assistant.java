package dev.assistantkit.mock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An assistant's state: its fields by their wire names, immutable. Updates make a new one.
 *
 * @param id the assistant's UUID, lower case
 * @param fields the fields in wire form (snake_case names, JSON-like values)
 * @param version how many updates were applied since it was created
 */
public record Assistant(String id, Map<String, Object> fields, long version) {

  public static final String MODE = "assistant_llm_mode";

  public Assistant {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public String llmMode() {
    return String.valueOf(fields.getOrDefault(MODE, "pipeline"));
  }

  /** The state with the given changes applied (see {@link AssistantChanges}). */
  public Assistant with(Map<String, Object> newFields) {
    return new Assistant(id, newFields, version + 1);
  }
}
