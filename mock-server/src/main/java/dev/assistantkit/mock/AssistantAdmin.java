package dev.assistantkit.mock;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.ContractRequest;
import dev.assistantkit.contract.RequestCheck;
import dev.assistantkit.contract.SecretMasker;
import dev.assistantkit.contract.ValidationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creating assistants (admin endpoint and seed file) and showing them with secrets masked. A new
 * assistant is "an update applied to an empty assistant", so it obeys the same contract rules.
 */
final class AssistantAdmin {

  static final String EXAMPLE_SEED =
      """
      [{"assistant_id": "550e8400-e29b-41d4-a716-446655440000",
        "assistant_name": "Example Assistant",
        "assistant_description": "The assistant of the documentation page's examples",
        "assistant_prompt": "You are a helpful voice assistant.",
        "assistant_llm_mode": "pipeline",
        "assistant_tts_model": "elevenlabs",
        "assistant_tts_config": {"voice_id": "JBFqnCBv7z4s9ByuOnH"},
        "assistant_interaction_config": {"speaks_first": false},
        "assistant_end_call_enabled": false}]
      """;

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};

  private final Contract contract;
  private final Set<String> secretNames;

  AssistantAdmin(Contract contract) {
    this.contract = contract;
    this.secretNames = contract.spec().secretPropertyNames();
  }

  /** The outcome of a create: an assistant, or why not. */
  record Created(Optional<Assistant> assistant, ValidationReport report, String problem) {}

  Created create(byte[] body) {
    Map<String, Object> fields;
    try {
      fields = AssistantChanges.JSON.readValue(body, MAP);
    } catch (java.io.IOException | RuntimeException e) {
      return new Created(
          Optional.empty(), ValidationReport.empty(), "the body must be a JSON object");
    }
    if (fields == null) {
      return new Created(
          Optional.empty(), ValidationReport.empty(), "the body must be a JSON object");
    }
    return create(fields);
  }

  List<Assistant> seed(byte[] json) {
    List<Map<String, Object>> entries;
    try {
      entries = AssistantChanges.JSON.readValue(json, LIST);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the seed is not a JSON array of assistant objects");
    }
    return entries.stream()
        .map(
            e -> {
              Created c = create(e);
              return c.assistant()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "seed assistant "
                                  + e.getOrDefault("assistant_id", "?")
                                  + ": "
                                  + (c.problem() != null ? c.problem() : c.report().toString())));
            })
        .toList();
  }

  private Created create(Map<String, Object> given) {
    Map<String, Object> fields = new LinkedHashMap<>(given);
    Object rawId = fields.remove("assistant_id");
    String id =
        rawId == null
            ? java.util.UUID.randomUUID().toString()
            : String.valueOf(rawId).toLowerCase(java.util.Locale.ROOT);
    ValidationReport idCheck = contract.requests().checkAssistantId(id);
    if (!idCheck.isEmpty()) {
      return new Created(Optional.empty(), idCheck, null);
    }
    // an invalid mode is reported by the contract check below (enum.llm-mode)
    String mode = String.valueOf(fields.getOrDefault(Assistant.MODE, "pipeline"));

    Map<String, Object> initial = new LinkedHashMap<>();
    initial.put(Assistant.MODE, mode);
    if (fields.isEmpty()) {
      return new Created(
          Optional.of(new Assistant(id, initial, 0)), ValidationReport.empty(), null);
    }
    byte[] update;
    try {
      update = AssistantChanges.JSON.writeValueAsBytes(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ContractRequest request =
        new ContractRequest(id, Map.of("Content-Type", "application/json"), update);
    RequestCheck check = contract.requests().checkRequest(request);
    if (!check.passed()) {
      return new Created(Optional.empty(), check.report(), null);
    }
    ValidationReport state = contract.requests().checkAgainstState(check, mode);
    if (!state.isEmpty()) {
      return new Created(Optional.empty(), state, null);
    }
    Map<String, Object> applied = AssistantChanges.apply(initial, AssistantChanges.read(update));
    return new Created(Optional.of(new Assistant(id, applied, 0)), ValidationReport.empty(), null);
  }

  /** An assistant as {@code /__mock} shows it: id, fields, version; secrets masked. */
  Map<String, Object> view(Assistant a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("assistant_id", a.id());
    a.fields().forEach((k, v) -> out.put(k, masked(k, v)));
    out.put("version", a.version());
    return out;
  }

  private Object masked(String key, Object value) {
    if (secretNames.contains(key)) {
      return SecretMasker.MASK;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), masked(String.valueOf(k), v)));
      return copy;
    }
    return value;
  }
}
