package dev.assistantkit.independent;

import java.util.List;
import java.util.Set;

/**
 * How {@link IndependentServer} behaves: {@link #CONFORMANT}, or one deliberate defect.
 *
 * <p>Each defect breaks exactly one sentence of the "Update Assistant" page ({@link #sentence()},
 * quoted from the page) and nothing else; {@link #rules()} names the rule ids a conformance suite
 * should report when it catches the defect.
 */
public enum Variant {
  CONFORMANT("", List.of()),

  // --- Authentication -----------------------------------------------------------------------

  /** {@code Bearer <key>whatever} is accepted: the key is compared with startsWith. */
  AUTH_ACCEPTS_TOKEN_STARTING_WITH_KEY(Sentences.HEADERS, List.of("auth.bearer")),
  /** A non-empty proper prefix of the key is accepted. */
  AUTH_ACCEPTS_PREFIX_OF_KEY(Sentences.HEADERS, List.of("auth.bearer")),
  /** The key is compared ignoring letter case. */
  AUTH_IGNORES_KEY_CASE(Sentences.HEADERS, List.of("auth.bearer")),
  /** Any non-empty bearer token is accepted. */
  AUTH_ACCEPTS_ANY_TOKEN(Sentences.HEADERS, List.of("auth.bearer")),
  /** A request without an Authorization header is let through (a wrong key is still 401). */
  AUTH_ACCEPTS_MISSING_HEADER(Sentences.HEADERS, List.of("auth.bearer")),
  /** {@code Authorization: <key>} without the Bearer scheme is accepted. */
  AUTH_ACCEPTS_KEY_WITHOUT_BEARER_SCHEME(Sentences.HEADERS, List.of("auth.bearer")),
  /** A wrong bearer token gets 403 instead of 401 (a missing header is still 401). */
  AUTH_WRONG_KEY_ANSWERS_403(
      Sentences.STATUS_401, List.of("auth.bearer", "response.status-declared")),

  // --- Assistant lookup ---------------------------------------------------------------------

  /** An unknown assistant id is "updated": the body is validated, then 200. */
  UNKNOWN_ASSISTANT_ANSWERS_200(Sentences.STATUS_404, List.of("assistant.exists")),
  /** An unknown assistant id is a 400 ("invalid assistant_id") instead of 404. */
  UNKNOWN_ASSISTANT_ANSWERS_400(Sentences.STATUS_404, List.of("assistant.exists")),
  /** An unknown assistant id crashes the lookup: 500. */
  UNKNOWN_ASSISTANT_ANSWERS_500(
      Sentences.STATUS_404, List.of("assistant.exists", "server.internal-error")),

  // --- Body syntax and shape ----------------------------------------------------------------

  /** Malformed JSON (and an empty body) escapes as 500. */
  MALFORMED_JSON_ANSWERS_500(
      Sentences.STATUS_400, List.of("body.json-syntax", "server.internal-error")),
  /** Malformed JSON (and an empty body) is treated as {@code {}}: 200, nothing changes. */
  MALFORMED_JSON_IGNORED(Sentences.STATUS_400, List.of("body.json-syntax")),
  /** A JSON array body is treated as {@code {}}: 200, nothing changes. */
  ARRAY_BODY_ACCEPTED(Sentences.REQUEST_BODY, List.of("body.object")),
  /** A JSON string, number, boolean or null body crashes: 500. */
  SCALAR_BODY_ANSWERS_500(Sentences.REQUEST_BODY, List.of("body.object", "server.internal-error")),

  // --- Types of the common fields (each variant coerces one field) --------------------------

  /** A number or boolean {@code assistant_name} is accepted (coerced to a string). */
  NAME_ACCEPTS_NUMBER(Sentences.ROW_NAME, List.of("body.field-type")),
  DESCRIPTION_ACCEPTS_NUMBER(Sentences.ROW_DESCRIPTION, List.of("body.field-type")),
  PROMPT_ACCEPTS_NUMBER(Sentences.ROW_PROMPT, List.of("body.field-type")),
  START_INSTRUCTION_ACCEPTS_NUMBER(Sentences.ROW_START_INSTRUCTION, List.of("body.field-type")),
  END_CALL_TRIGGER_PHRASE_ACCEPTS_NUMBER(
      Sentences.ROW_END_CALL_TRIGGER_PHRASE, List.of("body.field-type")),
  END_CALL_AGENT_MESSAGE_ACCEPTS_NUMBER(
      Sentences.ROW_END_CALL_AGENT_MESSAGE, List.of("body.field-type")),
  END_CALL_URL_ACCEPTS_NUMBER(Sentences.ROW_END_CALL_URL, List.of("body.field-type")),
  /** A string or number {@code assistant_end_call_enabled} is accepted ("yes", 1, ...). */
  END_CALL_ENABLED_ACCEPTS_NON_BOOLEAN(Sentences.ROW_END_CALL_ENABLED, List.of("body.field-type")),
  /** A non-object {@code assistant_interaction_config} (string, array, number) is accepted. */
  INTERACTION_CONFIG_ACCEPTS_NON_OBJECT(
      Sentences.ROW_INTERACTION_CONFIG, List.of("body.field-type")),

  // --- Enumerations -------------------------------------------------------------------------

  /** Any string is accepted as {@code assistant_llm_mode}; an unknown one changes nothing. */
  LLM_MODE_OUTSIDE_ENUM_ACCEPTED(Sentences.ROW_LLM_MODE, List.of("enum.llm-mode")),
  /** Any string is accepted as {@code assistant_tts_model}. */
  TTS_MODEL_OUTSIDE_ENUM_ACCEPTED(Sentences.ROW_TTS_MODEL, List.of("enum.tts-model")),
  /** {@code mistral}, one of the four documented models, is rejected. */
  TTS_MODEL_MISTRAL_REJECTED(Sentences.ROW_TTS_MODEL, List.of("enum.tts-model")),

  // --- Types of the two config objects ------------------------------------------------------

  /** A non-object {@code assistant_tts_config} (e.g. a voice id string) is accepted. */
  TTS_CONFIG_ACCEPTS_NON_OBJECT(Sentences.ROW_TTS_CONFIG, List.of("body.field-type")),
  /** A non-object {@code assistant_llm_config} (e.g. "gemini") is accepted, also for a switch. */
  LLM_CONFIG_ACCEPTS_NON_OBJECT(
      Sentences.ROW_LLM_CONFIG, List.of("llm-config.required", "body.field-type")),

  // --- TTS pair -----------------------------------------------------------------------------

  /** {@code assistant_tts_model} alone is accepted (outside a pipeline switch). */
  TTS_PAIR_MODEL_WITHOUT_CONFIG_ACCEPTED(Sentences.TTS_PAIR, List.of("tts.pair")),
  /** {@code assistant_tts_config} alone is accepted (outside a pipeline switch). */
  TTS_PAIR_CONFIG_WITHOUT_MODEL_ACCEPTED(Sentences.TTS_PAIR, List.of("tts.pair")),
  /**
   * {@code "assistant_tts_config": null} next to an {@code assistant_tts_model} counts as sent: the
   * model alone is accepted, as the pair and as part of a pipeline switch.
   */
  TTS_CONFIG_NULL_COUNTS_AS_SENT(
      Sentences.TTS_PAIR, List.of("tts.pair", "mode.pipeline-requires-tts")),

  // --- Mode switches ------------------------------------------------------------------------

  /** A switch to pipeline with only one of the two TTS fields is accepted. */
  PIPELINE_SWITCH_WITH_ONE_TTS_FIELD_ACCEPTED(
      Sentences.PIPELINE_REQUIRES_TTS, List.of("mode.pipeline-requires-tts", "tts.pair")),
  /** A switch to pipeline without any TTS field is accepted. */
  PIPELINE_SWITCH_WITHOUT_TTS_ACCEPTED(
      Sentences.PIPELINE_REQUIRES_TTS, List.of("mode.pipeline-requires-tts")),
  /** A switch to realtime without {@code assistant_llm_config} is accepted. */
  REALTIME_SWITCH_WITHOUT_LLM_CONFIG_ACCEPTED(
      Sentences.REALTIME_REQUIRES_LLM_CONFIG, List.of("mode.realtime-requires-llm-config")),
  /** A switch to realtime with {@code "assistant_llm_config": null} is accepted. */
  REALTIME_SWITCH_WITH_NULL_LLM_CONFIG_ACCEPTED(
      Sentences.REALTIME_REQUIRES_LLM_CONFIG, List.of("mode.realtime-requires-llm-config")),
  /** A switch does not stick: the stored mode never changes (the 200 still says updated). */
  SWITCH_NOT_STORED(
      Sentences.ROW_LLM_MODE,
      List.of("mode.pipeline-requires-tts", "mode.realtime-requires-llm-config")),

  // --- LLM config members -------------------------------------------------------------------

  /** {@code provider} may be missing or null. */
  LLM_CONFIG_PROVIDER_OPTIONAL(Sentences.ROW_LLM_CONFIG, List.of("llm-config.required")),
  /** {@code model} may be missing or null. */
  LLM_CONFIG_MODEL_OPTIONAL(Sentences.ROW_LLM_CONFIG, List.of("llm-config.required")),
  /** {@code voice} may be missing or null. */
  LLM_CONFIG_VOICE_OPTIONAL(Sentences.ROW_LLM_CONFIG, List.of("llm-config.required")),
  /** provider, model and voice are checked with has(): a JSON null passes, a missing key not. */
  LLM_CONFIG_NULL_MEMBERS_ACCEPTED(Sentences.ROW_LLM_CONFIG, List.of("llm-config.required")),
  /** {@code api_key} is required, so the page's realtime example is rejected. */
  LLM_CONFIG_API_KEY_REQUIRED(
      Sentences.ROW_LLM_CONFIG, List.of("page.examples", "llm-config.required")),

  // --- speaks_first -------------------------------------------------------------------------

  /**
   * {@code assistant_interaction_config.speaks_first} is rejected while (or when going) realtime.
   */
  SPEAKS_FIRST_REJECTED_IN_REALTIME(Sentences.SPEAKS_FIRST, List.of("interaction.speaks-first")),
  /**
   * {@code assistant_interaction_config.speaks_first} is rejected while (or when going) pipeline.
   */
  SPEAKS_FIRST_REJECTED_IN_PIPELINE(Sentences.SPEAKS_FIRST, List.of("interaction.speaks-first")),

  // --- The page's examples ------------------------------------------------------------------

  /** The pipeline example is rejected ("already in pipeline mode") by a pipeline assistant. */
  PIPELINE_EXAMPLE_REJECTED_WHEN_ALREADY_PIPELINE(
      Sentences.PIPELINE_EXAMPLE, List.of("page.examples")),
  /** The realtime example is rejected ("already in realtime mode") by a realtime assistant. */
  REALTIME_EXAMPLE_REJECTED_WHEN_ALREADY_REALTIME(
      Sentences.REALTIME_EXAMPLE, List.of("page.examples")),

  // --- Status codes -------------------------------------------------------------------------

  /** Every 400 is sent as 422 (FastAPI style). */
  VALIDATION_ERRORS_ANSWER_422(Sentences.STATUS_400, List.of("response.status-declared")),
  /** A successful update answers 201. */
  SUCCESS_ANSWERS_201(Sentences.STATUS_200, List.of("response.status-declared")),
  /** An empty patch {@code {}} crashes the update ("UPDATE ... SET" with nothing): 500. */
  EMPTY_PATCH_ANSWERS_500(Sentences.ONLY_SEND, List.of("server.internal-error")),

  // --- Success body -------------------------------------------------------------------------

  /** {@code data} lacks {@code assistant_id}. */
  SUCCESS_OMITS_ASSISTANT_ID(Sentences.ROW_DATA_ASSISTANT_ID, List.of("response.success-body")),
  /** {@code assistant_id} is at the top level, and there is no {@code data} object. */
  SUCCESS_ASSISTANT_ID_OUTSIDE_DATA(
      Sentences.ROW_DATA_ASSISTANT_ID, List.of("response.success-body")),
  /** {@code data.assistant_id} is a different UUID (one fixed per server) than the path id. */
  SUCCESS_ECHOES_ANOTHER_ID(Sentences.ROW_DATA_ASSISTANT_ID, List.of("response.assistant-id-echo")),
  /** The 200 carries the same JSON text, but as {@code text/plain}. */
  SUCCESS_AS_TEXT_PLAIN(Sentences.EXAMPLE_RESPONSE, List.of("response.json")),
  /** {@code success} is the string "true". */
  SUCCESS_FLAG_AS_STRING(Sentences.ROW_SUCCESS, List.of("response.success-body")),
  /** {@code success} is false although the update happened and the status is 200. */
  SUCCESS_FLAG_FALSE(Sentences.STATUS_200, List.of("response.success-body")),
  /** {@code message} is left out. */
  SUCCESS_WITHOUT_MESSAGE(Sentences.ROW_MESSAGE, List.of("response.success-body"));

  /** The rule ids a conformance suite may name. */
  public static final Set<String> RULE_IDS =
      Set.of(
          "auth.bearer",
          "assistant.exists",
          "body.json-syntax",
          "body.object",
          "body.field-type",
          "enum.llm-mode",
          "enum.tts-model",
          "tts.pair",
          "mode.pipeline-requires-tts",
          "mode.realtime-requires-llm-config",
          "llm-config.required",
          "page.examples",
          "interaction.speaks-first",
          "response.status-declared",
          "response.success-body",
          "response.assistant-id-echo",
          "response.json",
          "server.internal-error");

  private final String sentence;
  private final List<String> rules;

  Variant(String sentence, List<String> rules) {
    this.sentence = sentence;
    this.rules = rules;
  }

  /** The sentence of the page this variant breaks, quoted; empty for {@link #CONFORMANT}. */
  public String sentence() {
    return sentence;
  }

  /** The rule ids a conformance suite should name when it catches this variant. */
  public List<String> rules() {
    return rules;
  }

  /**
   * The page's sentences, quoted as the page words them (table rows as "name type description").
   */
  private static final class Sentences {
    static final String HEADERS = "Headers: Authorization: Bearer <your_api_key>";
    static final String STATUS_200 = "200 Assistant updated successfully.";
    static final String STATUS_400 = "400 Validation or payload mismatch error.";
    static final String STATUS_401 = "401 Unauthorized.";
    static final String STATUS_404 = "404 Assistant not found.";
    static final String ONLY_SEND =
        "Update an existing assistant. Only send fields you want to change.";
    static final String REQUEST_BODY =
        "Request Body (Common Fields) [the body is a set of named fields, sent as Content-Type:"
            + " application/json]";
    static final String ROW_NAME = "assistant_name string New assistant name.";
    static final String ROW_DESCRIPTION = "assistant_description string New assistant description.";
    static final String ROW_PROMPT = "assistant_prompt string New system prompt.";
    static final String ROW_LLM_MODE =
        "assistant_llm_mode string Target mode: pipeline or realtime.";
    static final String ROW_START_INSTRUCTION =
        "assistant_start_instruction string New opening response text used when"
            + " assistant_interaction_config.speaks_first=true.";
    static final String ROW_INTERACTION_CONFIG =
        "assistant_interaction_config object Partial interaction-config update.";
    static final String ROW_END_CALL_ENABLED =
        "assistant_end_call_enabled boolean Enable or disable end-call tool.";
    static final String ROW_END_CALL_TRIGGER_PHRASE =
        "assistant_end_call_trigger_phrase string End-call trigger phrase.";
    static final String ROW_END_CALL_AGENT_MESSAGE =
        "assistant_end_call_agent_message string End-call agent message.";
    static final String ROW_END_CALL_URL = "assistant_end_call_url string End-call webhook URL.";
    static final String ROW_TTS_MODEL =
        "assistant_tts_model string Yes One of cartesia, sarvam, elevenlabs, mistral.";
    static final String ROW_TTS_CONFIG =
        "assistant_tts_config object Yes TTS config for the selected provider.";
    static final String ROW_LLM_CONFIG =
        "assistant_llm_config object Yes Realtime provider config (provider, model, voice,"
            + " optional api_key).";
    static final String TTS_PAIR =
        "TTS fields must come in pairs: send both assistant_tts_model and assistant_tts_config,"
            + " or neither.";
    static final String PIPELINE_REQUIRES_TTS =
        "Switching to pipeline requires both assistant_tts_model and assistant_tts_config.";
    static final String REALTIME_REQUIRES_LLM_CONFIG =
        "Switching to realtime requires assistant_llm_config.";
    static final String SPEAKS_FIRST =
        "assistant_interaction_config.speaks_first is supported in both pipeline and realtime"
            + " modes.";
    static final String PIPELINE_EXAMPLE =
        "Example request: {\"assistant_llm_mode\": \"pipeline\", \"assistant_tts_model\":"
            + " \"elevenlabs\", \"assistant_tts_config\": {\"voice_id\": \"JBFqnCBv7z4s9ByuOnH\"}}";
    static final String REALTIME_EXAMPLE =
        "Example request: {\"assistant_llm_mode\": \"realtime\", \"assistant_llm_config\":"
            + " {\"provider\": \"gemini\", \"model\": \"gemini-3.1-flash-live-preview\", \"voice\":"
            + " \"Puck\"}}";
    static final String ROW_SUCCESS = "success boolean Operation status.";
    static final String ROW_MESSAGE = "message string Human-readable message.";
    static final String ROW_DATA_ASSISTANT_ID = "data.assistant_id string Updated assistant UUID.";
    static final String EXAMPLE_RESPONSE =
        "Example Response: {\"success\": true, \"message\": \"Assistant updated successfully\","
            + " \"data\": {\"assistant_id\": \"550e8400-e29b-41d4-a716-446655440000\"}}";

    private Sentences() {}
  }
}
