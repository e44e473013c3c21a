package dev.assistantkit.mock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assistantkit.generated.model.AssistantUpdateRequest;
import dev.assistantkit.generated.model.TtsConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract's merge semantics (x-decisions, "Merge semantics"): scalars replace,
 * assistant_interaction_config merges key by key, assistant_tts_config and assistant_llm_config
 * replace whole, and the other mode's settings are kept on a switch.
 */
final class AssistantChanges {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .addMixIn(TtsConfig.class, MapModelMixIn.class);

  /** The generated TtsConfig extends HashMap; its isEmpty() is not a field of the contract. */
  @JsonIgnoreProperties({"empty"})
  private abstract static class MapModelMixIn {}

  /** Resolved once: constructing the type per call showed up in profiles. */
  private static final JavaType MAP =
      JSON.getTypeFactory().constructType(new TypeReference<Map<String, Object>>() {});

  private static final String MERGED = "assistant_interaction_config";

  private AssistantChanges() {}

  /** Reads a validated body into the generated model. */
  static AssistantUpdateRequest read(byte[] body) {
    try {
      return JSON.readValue(body, AssistantUpdateRequest.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a body that passed validation could not be read", e);
    }
  }

  /** The fields after the update: what was sent, merged into what was there. */
  static Map<String, Object> apply(Map<String, Object> current, AssistantUpdateRequest update) {
    Map<String, Object> sent = JSON.convertValue(update, MAP);
    Map<String, Object> next = new LinkedHashMap<>(current);
    for (Map.Entry<String, Object> e : sent.entrySet()) {
      if (e.getKey().equals(MERGED) && current.get(MERGED) instanceof Map<?, ?> old) {
        Map<String, Object> merged = new LinkedHashMap<>();
        old.forEach((k, v) -> merged.put(String.valueOf(k), v));
        merged.putAll(JSON.convertValue(e.getValue(), MAP));
        next.put(MERGED, merged);
      } else {
        next.put(e.getKey(), e.getValue());
      }
    }
    return next;
  }
}
