package dev.assistantkit.independent.beans;

import dev.assistantkit.independent.beans.Choices.ErrorShape;
import dev.assistantkit.independent.beans.Choices.Nulls;
import dev.assistantkit.independent.beans.Choices.Order;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The servers {@link BeanServer} can be: {@link #CONFORMANT}, six variants that follow the page but
 * answer its silent questions differently (see {@link Choices}), and thirty mutants, each breaking
 * the one sentence of the page quoted in its Javadoc and in {@link #sentence()}. Every mutant makes
 * CONFORMANT's silent-area choices ({@link Choices#DEFAULTS}).
 */
public enum Variant {
  /** The page, with {@link Choices#DEFAULTS} where it is silent. */
  CONFORMANT(Choices.DEFAULTS),

  /**
   * Looks the assistant up before reading the body (an unknown id with a bad body is a 404), a
   * non-UUID id is a 400, the example assistant starts in pipeline mode, and errors are
   * {"success":false,"message":...,"errors":[...]}.
   */
  EXISTENCE_FIRST(
      new Choices(
          Mode.PIPELINE,
          Order.AUTH_EXISTENCE_BODY,
          400,
          false,
          Nulls.CLEAR,
          false,
          false,
          false,
          ErrorShape.ENVELOPE,
          false,
          true)),

  /**
   * Refuses unknown members, every explicit null and an empty body with 400, and reads only the
   * exact scheme "Bearer"; errors are {"success":false,...}.
   */
  STRICT_BODY(
      new Choices(
          Mode.REALTIME,
          Order.AUTH_BODY_EXISTENCE,
          404,
          true,
          Nulls.REFUSE,
          true,
          false,
          false,
          ErrorShape.ENVELOPE,
          false,
          false)),

  /**
   * Any request naming a mode needs that mode's fields, even when the assistant is already in it
   * (the rules read statelessly); a null member is read as not sent; starts in pipeline mode.
   */
  SAME_MODE_IS_SWITCH(
      new Choices(
          Mode.PIPELINE,
          Order.AUTH_BODY_EXISTENCE,
          404,
          false,
          Nulls.SKIP,
          false,
          true,
          false,
          ErrorShape.ERROR_OBJECT,
          false,
          true)),

  /**
   * A "payload mismatch" (the 400 row's words) is refused: TTS fields for an assistant that is or
   * stays realtime, assistant_llm_config for one that is or stays pipeline; existence is checked
   * before the body.
   */
  CROSS_MODE_REFUSED(
      new Choices(
          Mode.REALTIME,
          Order.AUTH_EXISTENCE_BODY,
          404,
          false,
          Nulls.CLEAR,
          false,
          false,
          true,
          ErrorShape.ERROR_OBJECT,
          false,
          true)),

  /**
   * "Content-Type: application/json" is enforced (400, the page lists no 415), errors are RFC 9457
   * application/problem+json, a non-UUID id is a 400, starts in pipeline mode.
   */
  PROBLEM_JSON(
      new Choices(
          Mode.PIPELINE,
          Order.AUTH_BODY_EXISTENCE,
          400,
          false,
          Nulls.CLEAR,
          false,
          false,
          false,
          ErrorShape.PROBLEM,
          true,
          true)),

  /**
   * The body is read and validated before the credentials (a bad body without a key is a 400);
   * nulls read as not sent.
   */
  BODY_BEFORE_AUTH(
      new Choices(
          Mode.REALTIME,
          Order.BODY_AUTH_EXISTENCE,
          404,
          false,
          Nulls.SKIP,
          false,
          false,
          false,
          ErrorShape.ENVELOPE,
          false,
          true)),

  // ---------------------------------------------------------------- mutants: headers and auth

  /** Accepts a request without Authorization. Breaks "Headers: Authorization: Bearer ...". */
  NO_AUTH_CHECK("Headers: Authorization: Bearer <your_api_key> / 401 Unauthorized.", "auth.bearer"),

  /** Accepts any non-empty bearer token. Breaks "401 Unauthorized." */
  ANY_BEARER_ACCEPTED("Authorization: Bearer <your_api_key> / 401 Unauthorized.", "auth.bearer"),

  /** Compares the key ignoring case. Breaks "Authorization: Bearer <your_api_key>". */
  KEY_CASE_INSENSITIVE("Headers: Authorization: Bearer <your_api_key>", "auth.bearer"),

  /** Also accepts the bare key without the Bearer scheme. */
  RAW_KEY_ACCEPTED("Headers: Authorization: Bearer <your_api_key>", "auth.bearer"),

  /** Answers a wrong key with 403 (a missing one still 401). Breaks "401 Unauthorized." */
  WRONG_KEY_403("401 Unauthorized.", "auth.bearer", "response.status-declared"),

  // ---------------------------------------------------------------- mutants: partial update

  /** Refuses a body without assistant_name. */
  NAME_REQUIRED(
      "Update an existing assistant. Only send fields you want to change.", "body.partial-update"),

  // ---------------------------------------------------------------- mutants: field types

  /** Accepts a number (any JSON) as assistant_name. */
  NAME_NUMBER_ACCEPTED("assistant_name string New assistant name.", "body.field-type"),

  /** Accepts any JSON as assistant_prompt. */
  PROMPT_TYPE_UNCHECKED("assistant_prompt string New system prompt.", "body.field-type"),

  /** Accepts any JSON (e.g. "true") as assistant_end_call_enabled. */
  END_CALL_ENABLED_TYPE_UNCHECKED(
      "assistant_end_call_enabled boolean Enable or disable end-call tool.", "body.field-type"),

  /** Accepts any JSON as assistant_interaction_config. */
  INTERACTION_CONFIG_TYPE_UNCHECKED(
      "assistant_interaction_config object Partial interaction-config update.", "body.field-type"),

  /** Accepts a string (any JSON) as assistant_tts_config. */
  TTS_CONFIG_STRING_ACCEPTED(
      "assistant_tts_config object Yes TTS config for the selected provider.", "body.field-type"),

  /** Accepts a string (any JSON) as assistant_llm_config. */
  LLM_CONFIG_STRING_ACCEPTED(
      "assistant_llm_config object Yes Realtime provider config (provider, model, voice, optional"
          + " api_key).",
      "body.field-type"),

  // ---------------------------------------------------------------- mutants: enums

  /** Accepts any string as assistant_llm_mode (an unknown one switches nothing). */
  MODE_ENUM_UNCHECKED(
      "assistant_llm_mode string Target mode: pipeline or realtime.", "enum.llm-mode"),

  /** Reads "PIPELINE" or "Realtime" as the modes. */
  MODE_CASE_INSENSITIVE(
      "assistant_llm_mode string Target mode: pipeline or realtime.", "enum.llm-mode"),

  /** Accepts any string as assistant_tts_model. */
  TTS_MODEL_ENUM_UNCHECKED(
      "assistant_tts_model string Yes One of cartesia, sarvam, elevenlabs, mistral.",
      "enum.tts-model"),

  /** Refuses "mistral". */
  MISTRAL_REFUSED(
      "assistant_tts_model string Yes One of cartesia, sarvam, elevenlabs, mistral.",
      "enum.tts-model"),

  // ---------------------------------------------------------------- mutants: the pair rule

  /** Accepts assistant_tts_model without assistant_tts_config. */
  TTS_MODEL_WITHOUT_CONFIG_ACCEPTED(
      "TTS fields must come in pairs: send both assistant_tts_model and assistant_tts_config, or"
          + " neither.",
      "tts.pair"),

  /** Accepts assistant_tts_config without assistant_tts_model. */
  TTS_CONFIG_WITHOUT_MODEL_ACCEPTED(
      "TTS fields must come in pairs: send both assistant_tts_model and assistant_tts_config, or"
          + " neither.",
      "tts.pair"),

  // ---------------------------------------------------------------- mutants: the switch rules

  /** Switches to pipeline without the TTS fields. */
  PIPELINE_SWITCH_WITHOUT_TTS_ACCEPTED(
      "Switching to pipeline requires both assistant_tts_model and assistant_tts_config.",
      "mode.pipeline-requires-tts"),

  /** Switches to realtime without assistant_llm_config. */
  REALTIME_SWITCH_WITHOUT_LLM_CONFIG_ACCEPTED(
      "Switching to realtime requires assistant_llm_config.", "mode.realtime-requires-llm-config"),

  /** Accepts an assistant_llm_config without provider, model or voice (or of other types). */
  LLM_CONFIG_MEMBERS_UNCHECKED(
      "assistant_llm_config object Yes Realtime provider config (provider, model, voice, optional"
          + " api_key).",
      "llm-config.required",
      "body.field-type"),

  /** Answers a switch with 200 but keeps the old mode (later requests judged against it). */
  MODE_SWITCH_NOT_STORED(
      "Update an existing assistant. / 200 Assistant updated successfully.",
      "mode.pipeline-requires-tts",
      "mode.realtime-requires-llm-config"),

  // ---------------------------------------------------------------- mutants: the response

  /** The 200 body has no data.assistant_id. */
  NO_DATA_ASSISTANT_ID("data.assistant_id string Updated assistant UUID.", "response.success-body"),

  /** The 200 body says success=false. */
  SUCCESS_FALSE_ON_200("success boolean Operation status.", "response.success-body"),

  /** data.assistant_id is a fresh random UUID, not the updated assistant's. */
  WRONG_ASSISTANT_ID_ECHO(
      "data.assistant_id string Updated assistant UUID.", "response.assistant-id-echo"),

  // ---------------------------------------------------------------- mutants: status codes

  /** Answers an update of an unknown (well-formed) id with 200. */
  UNKNOWN_ID_200("404 Assistant not found.", "assistant.exists"),

  /** Answers every validation error with 422. */
  VALIDATION_422("400 Validation or payload mismatch error.", "response.status-declared"),

  /** Answers a body that is not JSON (or not an object) with 500. */
  MALFORMED_JSON_500(
      "400 Validation or payload mismatch error.",
      "body.json-syntax",
      "body.object",
      "server.internal-error"),

  // ---------------------------------------------------------------- mutants: runtime notes

  /** Refuses speaks_first for an assistant that is (or becomes) pipeline. */
  SPEAKS_FIRST_REFUSED_IN_PIPELINE(
      "assistant_interaction_config.speaks_first is supported in both pipeline and realtime"
          + " modes.",
      "interaction.speaks-first"),

  /** Refuses assistant_start_instruction unless the same request sets speaks_first=true. */
  START_INSTRUCTION_NEEDS_SPEAKS_FIRST(
      "assistant_start_instruction string New opening response text used when"
          + " assistant_interaction_config.speaks_first=true.",
      "body.partial-update");

  private final Choices choices;
  private final String sentence;
  private final Set<String> rules;

  Variant(Choices choices) {
    this.choices = choices;
    this.sentence = null;
    this.rules = Set.of();
  }

  Variant(String sentence, String... rules) {
    this.choices = Choices.DEFAULTS;
    this.sentence = sentence;
    this.rules = Set.of(rules);
  }

  /**
   * The rules of the catalogue that say what the mutant's sentence says: a suite that kills it
   * names one of them. Empty for a page-following server.
   */
  public Set<String> rules() {
    return rules;
  }

  /** The silent-area answers of this server. */
  public Choices choices() {
    return choices;
  }

  /** The sentence of the page this mutant breaks, or null for a page-following server. */
  public String sentence() {
    return sentence;
  }

  /** Whether this server follows the page (CONFORMANT and the variants). */
  public boolean followsPage() {
    return sentence == null;
  }

  /** The validation groups this server validates (see {@link Checks}). */
  Set<Class<?>> groups() {
    Set<Class<?>> g = Checks.pageGroups();
    if (choices.unknownFieldsRefused()) {
      g.add(Checks.UnknownRefused.class);
    }
    if (choices.nulls() == Nulls.REFUSE) {
      g.add(Checks.NullsRefused.class);
    }
    if (choices.emptyPatchRefused()) {
      g.add(Checks.EmptyRefused.class);
    }
    if (choices.crossModeRefused()) {
      g.add(Checks.CrossModeRefused.class);
    }
    switch (this) {
      case NAME_REQUIRED -> g.add(Checks.NameAlwaysRequired.class);
      case NAME_NUMBER_ACCEPTED -> g.remove(Checks.NameType.class);
      case PROMPT_TYPE_UNCHECKED -> g.remove(Checks.PromptType.class);
      case END_CALL_ENABLED_TYPE_UNCHECKED -> g.remove(Checks.EndCallEnabledType.class);
      case INTERACTION_CONFIG_TYPE_UNCHECKED -> g.remove(Checks.InteractionType.class);
      case TTS_CONFIG_STRING_ACCEPTED -> g.remove(Checks.TtsConfigType.class);
      case LLM_CONFIG_STRING_ACCEPTED -> g.remove(Checks.LlmConfigType.class);
      case MODE_ENUM_UNCHECKED -> g.remove(Checks.ModeEnum.class);
      case MODE_CASE_INSENSITIVE -> {
        g.remove(Checks.ModeEnum.class);
        g.add(Checks.ModeEnumIgnoringCase.class);
      }
      case TTS_MODEL_ENUM_UNCHECKED -> g.remove(Checks.TtsModelEnum.class);
      case MISTRAL_REFUSED -> {
        g.remove(Checks.TtsModelEnum.class);
        g.add(Checks.TtsModelEnumWithoutMistral.class);
      }
      case TTS_MODEL_WITHOUT_CONFIG_ACCEPTED -> g.remove(Checks.TtsModelNeedsConfig.class);
      case TTS_CONFIG_WITHOUT_MODEL_ACCEPTED -> g.remove(Checks.TtsConfigNeedsModel.class);
      case PIPELINE_SWITCH_WITHOUT_TTS_ACCEPTED -> g.remove(Checks.PipelineSwitch.class);
      case REALTIME_SWITCH_WITHOUT_LLM_CONFIG_ACCEPTED -> g.remove(Checks.RealtimeSwitch.class);
      case LLM_CONFIG_MEMBERS_UNCHECKED -> g.remove(Checks.LlmConfigMembers.class);
      case SPEAKS_FIRST_REFUSED_IN_PIPELINE -> g.add(Checks.SpeaksFirstRealtimeOnly.class);
      case START_INSTRUCTION_NEEDS_SPEAKS_FIRST ->
          g.add(Checks.StartInstructionNeedsSpeaksFirst.class);
      default -> {
        // the other mutants break the transport, the store or the response, not validation
      }
    }
    return new LinkedHashSet<>(g);
  }
}
