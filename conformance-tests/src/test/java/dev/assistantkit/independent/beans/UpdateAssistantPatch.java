package dev.assistantkit.independent.beans;

import static dev.assistantkit.independent.beans.JsonShape.Type.BOOLEAN;
import static dev.assistantkit.independent.beans.JsonShape.Type.OBJECT;
import static dev.assistantkit.independent.beans.JsonShape.Type.STRING;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.assistantkit.independent.beans.JsonShape.Kind;
import dev.assistantkit.independent.beans.JsonShape.Member;
import dev.assistantkit.independent.beans.JsonShape.OneOf;
import dev.assistantkit.independent.beans.PatchRules.CrossModeFields;
import dev.assistantkit.independent.beans.PatchRules.NoExplicitNulls;
import dev.assistantkit.independent.beans.PatchRules.NoUnknownFields;
import dev.assistantkit.independent.beans.PatchRules.NotEmpty;
import dev.assistantkit.independent.beans.PatchRules.Pair;
import dev.assistantkit.independent.beans.PatchRules.PipelineSwitchNeedsTts;
import dev.assistantkit.independent.beans.PatchRules.RealtimeSwitchNeedsLlmConfig;
import dev.assistantkit.independent.beans.PatchRules.Requires;
import dev.assistantkit.independent.beans.PatchRules.SpeaksFirstRealtimeOnly;
import dev.assistantkit.independent.beans.PatchRules.StartInstructionNeedsSpeaksFirst;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of PATCH /assistant/update/{assistant_id}, bound by Jackson. Every member is kept as its
 * raw JSON value ({@link Absent#VALUE} when not sent), so the JSON type is judged by Bean
 * Validation ({@link Kind}) rather than coerced; members the page does not list are collected, then
 * ignored or refused ({@link NoUnknownFields}) as the variant chooses.
 */
@Pair(
    sent = UpdateAssistantPatch.TTS_MODEL,
    needs = UpdateAssistantPatch.TTS_CONFIG,
    groups = Checks.TtsModelNeedsConfig.class)
@Pair(
    sent = UpdateAssistantPatch.TTS_CONFIG,
    needs = UpdateAssistantPatch.TTS_MODEL,
    groups = Checks.TtsConfigNeedsModel.class)
@PipelineSwitchNeedsTts(groups = Checks.PipelineSwitch.class)
@RealtimeSwitchNeedsLlmConfig(groups = Checks.RealtimeSwitch.class)
@CrossModeFields(groups = Checks.CrossModeRefused.class)
@NoUnknownFields(groups = Checks.UnknownRefused.class)
@NoExplicitNulls(groups = Checks.NullsRefused.class)
@NotEmpty(groups = Checks.EmptyRefused.class)
@Requires(field = UpdateAssistantPatch.NAME, groups = Checks.NameAlwaysRequired.class)
@SpeaksFirstRealtimeOnly(groups = Checks.SpeaksFirstRealtimeOnly.class)
@StartInstructionNeedsSpeaksFirst(groups = Checks.StartInstructionNeedsSpeaksFirst.class)
public final class UpdateAssistantPatch {
  static final String NAME = "assistant_name";
  static final String DESCRIPTION = "assistant_description";
  static final String PROMPT = "assistant_prompt";
  static final String MODE = "assistant_llm_mode";
  static final String START_INSTRUCTION = "assistant_start_instruction";
  static final String INTERACTION = "assistant_interaction_config";
  static final String END_CALL_ENABLED = "assistant_end_call_enabled";
  static final String END_CALL_PHRASE = "assistant_end_call_trigger_phrase";
  static final String END_CALL_MESSAGE = "assistant_end_call_agent_message";
  static final String END_CALL_URL = "assistant_end_call_url";
  static final String TTS_MODEL = "assistant_tts_model";
  static final String TTS_CONFIG = "assistant_tts_config";
  static final String LLM_CONFIG = "assistant_llm_config";
  static final String SPEAKS_FIRST = "speaks_first";

  @JsonProperty(NAME)
  @Kind(value = STRING, groups = Checks.NameType.class)
  private Object name = Absent.VALUE;

  @JsonProperty(DESCRIPTION)
  @Kind(value = STRING, nullable = true, groups = Checks.OtherTypes.class)
  private Object description = Absent.VALUE;

  @JsonProperty(PROMPT)
  @Kind(value = STRING, nullable = true, groups = Checks.PromptType.class)
  private Object prompt = Absent.VALUE;

  @JsonProperty(MODE)
  @Kind(value = STRING, groups = Checks.OtherTypes.class)
  @OneOf(
      value = {"pipeline", "realtime"},
      groups = Checks.ModeEnum.class)
  @OneOf(
      value = {"pipeline", "realtime"},
      ignoreCase = true,
      groups = Checks.ModeEnumIgnoringCase.class)
  private Object mode = Absent.VALUE;

  @JsonProperty(START_INSTRUCTION)
  @Kind(value = STRING, nullable = true, groups = Checks.OtherTypes.class)
  private Object startInstruction = Absent.VALUE;

  @JsonProperty(INTERACTION)
  @Kind(value = OBJECT, groups = Checks.InteractionType.class)
  @Member(
      name = SPEAKS_FIRST,
      type = BOOLEAN,
      required = false,
      nullable = true,
      groups = Checks.OtherTypes.class)
  private Object interaction = Absent.VALUE;

  @JsonProperty(END_CALL_ENABLED)
  @Kind(value = BOOLEAN, groups = Checks.EndCallEnabledType.class)
  private Object endCallEnabled = Absent.VALUE;

  @JsonProperty(END_CALL_PHRASE)
  @Kind(value = STRING, nullable = true, groups = Checks.OtherTypes.class)
  private Object endCallPhrase = Absent.VALUE;

  @JsonProperty(END_CALL_MESSAGE)
  @Kind(value = STRING, nullable = true, groups = Checks.OtherTypes.class)
  private Object endCallMessage = Absent.VALUE;

  @JsonProperty(END_CALL_URL)
  @Kind(value = STRING, nullable = true, groups = Checks.OtherTypes.class)
  private Object endCallUrl = Absent.VALUE;

  @JsonProperty(TTS_MODEL)
  @Kind(value = STRING, groups = Checks.OtherTypes.class)
  @OneOf(
      value = {"cartesia", "sarvam", "elevenlabs", "mistral"},
      groups = Checks.TtsModelEnum.class)
  @OneOf(
      value = {"cartesia", "sarvam", "elevenlabs"},
      groups = Checks.TtsModelEnumWithoutMistral.class)
  private Object ttsModel = Absent.VALUE;

  @JsonProperty(TTS_CONFIG)
  @Kind(value = OBJECT, groups = Checks.TtsConfigType.class)
  private Object ttsConfig = Absent.VALUE;

  @JsonProperty(LLM_CONFIG)
  @Kind(value = OBJECT, groups = Checks.LlmConfigType.class)
  @Member(name = "provider", type = STRING, groups = Checks.LlmConfigMembers.class)
  @Member(name = "model", type = STRING, groups = Checks.LlmConfigMembers.class)
  @Member(name = "voice", type = STRING, groups = Checks.LlmConfigMembers.class)
  @Member(name = "api_key", type = STRING, required = false, groups = Checks.LlmConfigMembers.class)
  private Object llmConfig = Absent.VALUE;

  private final Map<String, Object> unknown = new LinkedHashMap<>();

  @JsonAnySetter
  void unknown(String member, Object value) {
    unknown.put(member, value);
  }

  /** The members the page does not list, as sent. */
  Map<String, Object> unknownMembers() {
    return Collections.unmodifiableMap(unknown);
  }

  /** Every listed member, by its JSON name, {@link Absent#VALUE} when not sent. */
  Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(NAME, name);
    m.put(DESCRIPTION, description);
    m.put(PROMPT, prompt);
    m.put(MODE, mode);
    m.put(START_INSTRUCTION, startInstruction);
    m.put(INTERACTION, interaction);
    m.put(END_CALL_ENABLED, endCallEnabled);
    m.put(END_CALL_PHRASE, endCallPhrase);
    m.put(END_CALL_MESSAGE, endCallMessage);
    m.put(END_CALL_URL, endCallUrl);
    m.put(TTS_MODEL, ttsModel);
    m.put(TTS_CONFIG, ttsConfig);
    m.put(LLM_CONFIG, llmConfig);
    return m;
  }

  /** One member's raw value, {@link Absent#VALUE} when not sent. */
  Object value(String jsonName) {
    Object v = values().get(jsonName);
    if (v == null && !values().containsKey(jsonName)) {
      throw new IllegalArgumentException(jsonName);
    }
    return v;
  }

  /** Whether the body carries this member (a null counts as sent). */
  boolean sent(String jsonName) {
    return value(jsonName) != Absent.VALUE;
  }

  /** speaks_first as sent in assistant_interaction_config, or null. */
  Object speaksFirst() {
    return interaction instanceof Map<?, ?> m ? m.get(SPEAKS_FIRST) : null;
  }
}
