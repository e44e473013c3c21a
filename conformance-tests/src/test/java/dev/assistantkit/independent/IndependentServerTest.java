package dev.assistantkit.independent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves {@link IndependentServer} against the "Update Assistant" page with plain HTTP requests.
 *
 * <p>The {@link #CASES} table is a set of small scenarios; each runs on its own fresh assistant
 * (pipeline mode) and is a list of steps whose last step is the probe. Every step carries the
 * status the page (plus the documented silent-area choices) demands and the rules a different
 * answer at that step would break. The conformant server must answer every step as expected; each
 * variant must answer its oracle cases differently from the conformant server (so no variant
 * silently breaks nothing), and wherever else a variant differs, the first differing step must be
 * tagged with one of the variant's own rules (so no variant breaks more than it says).
 */
class IndependentServerTest {

  static final String KEY = "sk-Test-7f3aC91e";
  static final String BEARER = "Bearer " + KEY;
  static final String UNKNOWN = "ffffffff-ffff-4fff-8fff-ffffffffffff";
  static final String PAGE_ID = "550e8400-e29b-41d4-a716-446655440000";

  static final String PIPELINE_EXAMPLE =
      """
      {
        "assistant_llm_mode": "pipeline",
        "assistant_tts_model": "elevenlabs",
        "assistant_tts_config": {
          "voice_id": "JBFqnCBv7z4s9ByuOnH"
        }
      }""";
  static final String REALTIME_EXAMPLE =
      """
      {
        "assistant_llm_mode": "realtime",
        "assistant_llm_config": {
          "provider": "gemini",
          "model": "gemini-3.1-flash-live-preview",
          "voice": "Puck"
        }
      }""";
  static final String NAME = "{\"assistant_name\":\"Support bot\"}";
  static final String TTS_CONFIG = "{\"voice_id\":\"JBFqnCBv7z4s9ByuOnH\"}";

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          // guards against a hang only: a loopback connection takes a millisecond
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  static final JsonMapper JSON = JsonMapper.builder().build();

  // --- The case table -----------------------------------------------------------------------

  /** One request: Authorization header value (null: none), path id (null: the case's own). */
  record Step(String authorization, String id, String body, int expect, Set<String> rules) {}

  record Case(String name, List<Step> steps) {}

  record Answer(int status, String contentType, String body) {}

  static Step step(String authorization, String id, String body, int expect, String... rules) {
    Set<String> all = new HashSet<>(Arrays.asList(rules));
    all.add("response.status-declared");
    if (expect == 200) {
      all.addAll(List.of("response.success-body", "response.assistant-id-echo", "response.json"));
    }
    assertTrue(Variant.RULE_IDS.containsAll(all), () -> "unknown rule in " + all);
    return new Step(authorization, id, body, expect, Set.copyOf(all));
  }

  static Step ok(String body, String... rules) {
    return step(BEARER, null, body, 200, rules);
  }

  static Step bad(String body, String... rules) {
    return step(BEARER, null, body, 400, rules);
  }

  static Step toRealtime() {
    return ok(
        REALTIME_EXAMPLE,
        "page.examples",
        "mode.realtime-requires-llm-config",
        "llm-config.required");
  }

  static Step toPipeline() {
    return ok(
        PIPELINE_EXAMPLE,
        "page.examples",
        "mode.pipeline-requires-tts",
        "tts.pair",
        "enum.tts-model");
  }

  static String llmConfigWithout(String member, boolean asNull) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("provider", "\"gemini\"");
    config.put("model", "\"gemini-3.1-flash-live-preview\"");
    config.put("voice", "\"Puck\"");
    if (asNull) {
      config.put(member, "null");
    } else {
      config.remove(member);
    }
    return "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{"
        + config.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
            .collect(Collectors.joining(","))
        + "}}";
  }

  static final List<Case> CASES = new ArrayList<>();

  static void c(String name, Step... steps) {
    assertTrue(CASES.stream().noneMatch(k -> k.name().equals(name)), name);
    CASES.add(new Case(name, List.of(steps)));
  }

  static {
    // Authentication.
    c("auth.valid", step(BEARER, null, NAME, 200, "auth.bearer"));
    c("auth.lowercase-scheme", step("bearer " + KEY, null, NAME, 200, "auth.bearer"));
    c("auth.missing", step(null, null, NAME, 401, "auth.bearer"));
    c("auth.wrong", step("Bearer sk-wrong-0000", null, NAME, 401, "auth.bearer"));
    c("auth.key-plus-suffix", step(BEARER + "x", null, NAME, 401, "auth.bearer"));
    c(
        "auth.key-prefix",
        step("Bearer " + KEY.substring(0, KEY.length() - 1), null, NAME, 401, "auth.bearer"));
    c("auth.key-other-case", step("Bearer " + KEY.toUpperCase(), null, NAME, 401, "auth.bearer"));
    c("auth.bare-key", step(KEY, null, NAME, 401, "auth.bearer"));
    c(
        "auth.basic",
        step(
            "Basic " + Base64.getEncoder().encodeToString(("user:" + KEY).getBytes()),
            null,
            NAME,
            401,
            "auth.bearer"));
    c("auth.empty-token", step("Bearer ", null, NAME, 401, "auth.bearer"));
    c("auth.unknown-assistant", step(null, UNKNOWN, NAME, 401, "auth.bearer"));
    c("auth.malformed-body", step(null, null, "{\"assistant_name\":", 401, "auth.bearer"));

    // Assistant lookup.
    c("lookup.unknown", step(BEARER, UNKNOWN, NAME, 404, "assistant.exists"));
    c("lookup.not-a-uuid", step(BEARER, "not-a-uuid", NAME, 404, "assistant.exists"));
    c(
        "lookup.unknown-malformed-body",
        step(BEARER, UNKNOWN, "{\"assistant_name\":", 404, "assistant.exists"));

    // Body syntax and shape.
    c("body.malformed", bad("{\"assistant_name\": ", "body.json-syntax"));
    c("body.empty", bad("", "body.json-syntax"));
    c("body.trailing-content", bad("{\"assistant_name\":\"a\"} x", "body.json-syntax"));
    c("body.single-quotes", bad("{'assistant_name':'a'}", "body.json-syntax"));
    c("body.array", bad("[]", "body.object"));
    c("body.array-of-object", bad("[" + NAME + "]", "body.object"));
    c("body.string", bad("\"Support bot\"", "body.object"));
    c("body.number", bad("42", "body.object"));
    c("body.boolean", bad("true", "body.object"));
    c("body.null", bad("null", "body.object"));
    c("body.empty-object", ok("{}", "server.internal-error"));
    c(
        "body.only-nulls",
        ok(
            "{\"assistant_name\":null,\"assistant_llm_mode\":null,\"assistant_tts_model\":null,"
                + "\"assistant_tts_config\":null,\"assistant_llm_config\":null,"
                + "\"assistant_end_call_enabled\":null,\"assistant_interaction_config\":null}",
            "body.field-type"));
    c(
        "body.unknown-fields",
        ok("{\"assistant_name\":\"a\",\"assistant_colour\":\"blue\",\"id\":7}", "body.field-type"));

    // Types of the common fields.
    for (String field :
        List.of(
            "assistant_name",
            "assistant_description",
            "assistant_prompt",
            "assistant_start_instruction",
            "assistant_end_call_trigger_phrase",
            "assistant_end_call_agent_message",
            "assistant_end_call_url")) {
      c("types." + field + ".string", ok("{\"" + field + "\":\"some text\"}", "body.field-type"));
      c("types." + field + ".number", bad("{\"" + field + "\":42}", "body.field-type"));
    }
    c("types.assistant_name.boolean", bad("{\"assistant_name\":true}", "body.field-type"));
    c("types.assistant_name.object", bad("{\"assistant_name\":{}}", "body.field-type"));
    c("types.assistant_name.array", bad("{\"assistant_name\":[\"a\"]}", "body.field-type"));
    c(
        "types.assistant_end_call_enabled.true",
        ok("{\"assistant_end_call_enabled\":true}", "body.field-type"));
    c(
        "types.assistant_end_call_enabled.false",
        ok("{\"assistant_end_call_enabled\":false}", "body.field-type"));
    c(
        "types.assistant_end_call_enabled.string",
        bad("{\"assistant_end_call_enabled\":\"yes\"}", "body.field-type"));
    c(
        "types.assistant_end_call_enabled.number",
        bad("{\"assistant_end_call_enabled\":1}", "body.field-type"));
    c(
        "types.assistant_interaction_config.object",
        ok(
            "{\"assistant_interaction_config\":{\"speaks_first\":false}}",
            "body.field-type",
            "interaction.speaks-first"));
    c(
        "types.assistant_interaction_config.string",
        bad("{\"assistant_interaction_config\":\"speaks_first\"}", "body.field-type"));
    c(
        "types.assistant_interaction_config.array",
        bad("{\"assistant_interaction_config\":[]}", "body.field-type"));
    c(
        "types.all-common-fields",
        ok(
            """
            {"assistant_name": "Support bot", "assistant_description": "Answers support calls",
             "assistant_prompt": "You are helpful.", "assistant_start_instruction": "Hello!",
             "assistant_interaction_config": {"speaks_first": true},
             "assistant_end_call_enabled": true, "assistant_end_call_trigger_phrase": "bye",
             "assistant_end_call_agent_message": "Goodbye!",
             "assistant_end_call_url": "https://example.com/end-call"}""",
            "body.field-type",
            "interaction.speaks-first"));

    // assistant_llm_mode.
    c("mode.bogus", bad("{\"assistant_llm_mode\":\"hybrid\"}", "enum.llm-mode"));
    c("mode.capitalised", bad("{\"assistant_llm_mode\":\"Realtime\"}", "enum.llm-mode"));
    c("mode.empty", bad("{\"assistant_llm_mode\":\"\"}", "enum.llm-mode"));
    c("mode.number", bad("{\"assistant_llm_mode\":1}", "enum.llm-mode", "body.field-type"));

    // assistant_tts_model and assistant_tts_config.
    for (String model : List.of("cartesia", "sarvam", "elevenlabs", "mistral")) {
      c(
          "tts-model." + model,
          ok(
              "{\"assistant_tts_model\":\""
                  + model
                  + "\",\"assistant_tts_config\":"
                  + TTS_CONFIG
                  + "}",
              "enum.tts-model",
              "tts.pair"));
    }
    c(
        "tts-model.bogus",
        bad(
            "{\"assistant_tts_model\":\"openai\",\"assistant_tts_config\":" + TTS_CONFIG + "}",
            "enum.tts-model"));
    c(
        "tts-model.capitalised",
        bad(
            "{\"assistant_tts_model\":\"ElevenLabs\",\"assistant_tts_config\":" + TTS_CONFIG + "}",
            "enum.tts-model"));
    c(
        "tts-model.number",
        bad(
            "{\"assistant_tts_model\":3,\"assistant_tts_config\":" + TTS_CONFIG + "}",
            "enum.tts-model",
            "body.field-type"));
    c(
        "tts-config.string",
        bad(
            "{\"assistant_tts_model\":\"elevenlabs\",\"assistant_tts_config\":\"JBFqnCBv7z4s9ByuOnH\"}",
            "body.field-type"));
    c(
        "tts-config.array",
        bad(
            "{\"assistant_tts_model\":\"elevenlabs\",\"assistant_tts_config\":[]}",
            "body.field-type"));
    c(
        "tts-config.empty-object",
        bad(
            "{\"assistant_tts_model\":\"elevenlabs\",\"assistant_tts_config\":{}}",
            "body.field-type"));
    c(
        "tts-config.any-keys",
        ok(
            "{\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":{\"speed\":1.1,\"x\":[1]}}",
            "tts.pair"));

    // TTS pair.
    c("pair.model-only", bad("{\"assistant_tts_model\":\"elevenlabs\"}", "tts.pair"));
    c("pair.config-only", bad("{\"assistant_tts_config\":" + TTS_CONFIG + "}", "tts.pair"));
    c(
        "pair.model-with-null-config",
        bad("{\"assistant_tts_model\":\"elevenlabs\",\"assistant_tts_config\":null}", "tts.pair"));
    c(
        "pair.config-with-null-model",
        bad(
            "{\"assistant_tts_model\":null,\"assistant_tts_config\":" + TTS_CONFIG + "}",
            "tts.pair"));
    c("pair.null-config-alone", ok("{\"assistant_tts_config\":null}", "tts.pair"));
    c(
        "pair.in-realtime",
        toRealtime(),
        ok(
            "{\"assistant_tts_model\":\"sarvam\",\"assistant_tts_config\":{\"speaker\":\"anushka\"}}",
            "tts.pair"));

    // Switching to pipeline (from realtime).
    c("pipeline.example-from-realtime", toRealtime(), toPipeline());
    c(
        "pipeline.without-tts",
        toRealtime(),
        bad("{\"assistant_llm_mode\":\"pipeline\"}", "mode.pipeline-requires-tts"));
    c(
        "pipeline.model-only",
        toRealtime(),
        bad(
            "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"elevenlabs\"}",
            "mode.pipeline-requires-tts",
            "tts.pair"));
    c(
        "pipeline.config-only",
        toRealtime(),
        bad(
            "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_config\":" + TTS_CONFIG + "}",
            "mode.pipeline-requires-tts",
            "tts.pair"));
    c(
        "pipeline.null-config",
        toRealtime(),
        bad(
            "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"elevenlabs\","
                + "\"assistant_tts_config\":null}",
            "mode.pipeline-requires-tts",
            "tts.pair"));
    c(
        "pipeline.other-model",
        toRealtime(),
        ok(
            "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"sarvam\","
                + "\"assistant_tts_config\":{\"speaker\":\"anushka\"}}",
            "mode.pipeline-requires-tts",
            "enum.tts-model"));
    c(
        "pipeline.noop-when-pipeline",
        ok("{\"assistant_llm_mode\":\"pipeline\"}", "mode.pipeline-requires-tts"));
    c(
        "pipeline.switch-is-stored",
        toRealtime(),
        toPipeline(),
        bad("{\"assistant_llm_mode\":\"realtime\"}", "mode.realtime-requires-llm-config"));

    // Switching to realtime (from pipeline).
    c("realtime.example", toRealtime());
    c(
        "realtime.without-config",
        bad("{\"assistant_llm_mode\":\"realtime\"}", "mode.realtime-requires-llm-config"));
    c(
        "realtime.null-config",
        bad(
            "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":null}",
            "mode.realtime-requires-llm-config"));
    c(
        "realtime.tts-instead-of-config",
        bad(
            "{\"assistant_llm_mode\":\"realtime\",\"assistant_tts_model\":\"elevenlabs\","
                + "\"assistant_tts_config\":"
                + TTS_CONFIG
                + "}",
            "mode.realtime-requires-llm-config"));
    c(
        "realtime.config-string",
        bad(
            "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":\"gemini\"}",
            "llm-config.required",
            "body.field-type",
            "mode.realtime-requires-llm-config"));
    c(
        "realtime.config-empty-object",
        bad(
            "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{}}",
            "llm-config.required"));
    for (String member : List.of("provider", "model", "voice")) {
      c("realtime.missing-" + member, bad(llmConfigWithout(member, false), "llm-config.required"));
      c("realtime.null-" + member, bad(llmConfigWithout(member, true), "llm-config.required"));
    }
    c(
        "realtime.with-api-key",
        ok(
            "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"openai\","
                + "\"model\":\"gpt-realtime\",\"voice\":\"alloy\",\"api_key\":\"sk-provider\"}}",
            "llm-config.required"));
    c(
        "realtime.null-api-key",
        ok(
            llmConfigWithout("none", false).replace("}}", ",\"api_key\":null}}"),
            "llm-config.required"));
    c(
        "realtime.extra-config-keys",
        ok(
            llmConfigWithout("none", false).replace("}}", ",\"temperature\":0.6}}"),
            "llm-config.required"));
    c(
        "realtime.noop-when-realtime",
        toRealtime(),
        ok("{\"assistant_llm_mode\":\"realtime\"}", "mode.realtime-requires-llm-config"));
    c(
        "llm-config.in-pipeline",
        ok(
            "{\"assistant_llm_config\":{\"provider\":\"gemini\",\"model\":\"m\",\"voice\":\"Puck\"}}",
            "llm-config.required"));
    c(
        "llm-config.partial-without-switch",
        bad("{\"assistant_llm_config\":{\"provider\":\"openai\"}}", "llm-config.required"));

    // The page's examples from either starting mode.
    c(
        "examples.pipeline-on-pipeline",
        ok(PIPELINE_EXAMPLE, "page.examples", "tts.pair", "enum.tts-model"));
    c("examples.realtime-on-realtime", toRealtime(), ok(REALTIME_EXAMPLE, "page.examples"));
    c("examples.round-trip", toRealtime(), toPipeline(), toRealtime(), toPipeline());

    // speaks_first in both modes.
    String speaksFirst =
        "{\"assistant_interaction_config\":{\"speaks_first\":true},"
            + "\"assistant_start_instruction\":\"Hello! How can I help?\"}";
    c("speaks-first.pipeline", ok(speaksFirst, "interaction.speaks-first"));
    c("speaks-first.realtime", toRealtime(), ok(speaksFirst, "interaction.speaks-first"));
    c(
        "speaks-first.false-in-realtime",
        toRealtime(),
        ok(
            "{\"assistant_interaction_config\":{\"speaks_first\":false}}",
            "interaction.speaks-first"));
    c(
        "speaks-first.with-realtime-switch",
        ok(
            REALTIME_EXAMPLE.replace(
                "\"assistant_llm_mode\"",
                "\"assistant_interaction_config\": {\"speaks_first\": true}, \"assistant_llm_mode\""),
            "interaction.speaks-first",
            "page.examples",
            "llm-config.required"));
    c(
        "speaks-first.with-pipeline-switch",
        toRealtime(),
        ok(
            PIPELINE_EXAMPLE.replace(
                "\"assistant_llm_mode\"",
                "\"assistant_interaction_config\": {\"speaks_first\": true}, \"assistant_llm_mode\""),
            "interaction.speaks-first",
            "page.examples",
            "mode.pipeline-requires-tts"));
  }

  /** For each variant, the cases it must answer differently from the conformant server. */
  static final Map<Variant, List<String>> ORACLES = new EnumMap<>(Variant.class);

  static void oracle(Variant v, String... cases) {
    ORACLES.put(v, List.of(cases));
  }

  static {
    oracle(Variant.AUTH_ACCEPTS_TOKEN_STARTING_WITH_KEY, "auth.key-plus-suffix");
    oracle(Variant.AUTH_ACCEPTS_PREFIX_OF_KEY, "auth.key-prefix");
    oracle(Variant.AUTH_IGNORES_KEY_CASE, "auth.key-other-case");
    oracle(Variant.AUTH_ACCEPTS_ANY_TOKEN, "auth.wrong", "auth.key-plus-suffix");
    oracle(Variant.AUTH_ACCEPTS_MISSING_HEADER, "auth.missing");
    oracle(Variant.AUTH_ACCEPTS_KEY_WITHOUT_BEARER_SCHEME, "auth.bare-key");
    oracle(Variant.AUTH_WRONG_KEY_ANSWERS_403, "auth.wrong");
    oracle(Variant.UNKNOWN_ASSISTANT_ANSWERS_200, "lookup.unknown");
    oracle(Variant.UNKNOWN_ASSISTANT_ANSWERS_400, "lookup.unknown");
    oracle(Variant.UNKNOWN_ASSISTANT_ANSWERS_500, "lookup.unknown");
    oracle(Variant.MALFORMED_JSON_ANSWERS_500, "body.malformed");
    oracle(Variant.MALFORMED_JSON_IGNORED, "body.malformed");
    oracle(Variant.ARRAY_BODY_ACCEPTED, "body.array");
    oracle(Variant.SCALAR_BODY_ANSWERS_500, "body.string");
    oracle(Variant.NAME_ACCEPTS_NUMBER, "types.assistant_name.number");
    oracle(Variant.DESCRIPTION_ACCEPTS_NUMBER, "types.assistant_description.number");
    oracle(Variant.PROMPT_ACCEPTS_NUMBER, "types.assistant_prompt.number");
    oracle(Variant.START_INSTRUCTION_ACCEPTS_NUMBER, "types.assistant_start_instruction.number");
    oracle(
        Variant.END_CALL_TRIGGER_PHRASE_ACCEPTS_NUMBER,
        "types.assistant_end_call_trigger_phrase.number");
    oracle(
        Variant.END_CALL_AGENT_MESSAGE_ACCEPTS_NUMBER,
        "types.assistant_end_call_agent_message.number");
    oracle(Variant.END_CALL_URL_ACCEPTS_NUMBER, "types.assistant_end_call_url.number");
    oracle(Variant.END_CALL_ENABLED_ACCEPTS_NON_BOOLEAN, "types.assistant_end_call_enabled.string");
    oracle(
        Variant.INTERACTION_CONFIG_ACCEPTS_NON_OBJECT, "types.assistant_interaction_config.string");
    oracle(Variant.LLM_MODE_OUTSIDE_ENUM_ACCEPTED, "mode.bogus");
    oracle(Variant.TTS_MODEL_OUTSIDE_ENUM_ACCEPTED, "tts-model.bogus");
    oracle(Variant.TTS_MODEL_MISTRAL_REJECTED, "tts-model.mistral");
    oracle(Variant.TTS_CONFIG_ACCEPTS_NON_OBJECT, "tts-config.string");
    oracle(Variant.LLM_CONFIG_ACCEPTS_NON_OBJECT, "realtime.config-string");
    oracle(Variant.TTS_PAIR_MODEL_WITHOUT_CONFIG_ACCEPTED, "pair.model-only");
    oracle(Variant.TTS_PAIR_CONFIG_WITHOUT_MODEL_ACCEPTED, "pair.config-only");
    oracle(
        Variant.TTS_CONFIG_NULL_COUNTS_AS_SENT,
        "pair.model-with-null-config",
        "pipeline.null-config");
    oracle(
        Variant.PIPELINE_SWITCH_WITH_ONE_TTS_FIELD_ACCEPTED,
        "pipeline.model-only",
        "pipeline.config-only");
    oracle(Variant.PIPELINE_SWITCH_WITHOUT_TTS_ACCEPTED, "pipeline.without-tts");
    oracle(Variant.REALTIME_SWITCH_WITHOUT_LLM_CONFIG_ACCEPTED, "realtime.without-config");
    oracle(Variant.REALTIME_SWITCH_WITH_NULL_LLM_CONFIG_ACCEPTED, "realtime.null-config");
    oracle(Variant.SWITCH_NOT_STORED, "realtime.noop-when-realtime", "pipeline.without-tts");
    oracle(
        Variant.LLM_CONFIG_PROVIDER_OPTIONAL,
        "realtime.missing-provider",
        "realtime.null-provider");
    oracle(Variant.LLM_CONFIG_MODEL_OPTIONAL, "realtime.missing-model", "realtime.null-model");
    oracle(Variant.LLM_CONFIG_VOICE_OPTIONAL, "realtime.missing-voice", "realtime.null-voice");
    oracle(
        Variant.LLM_CONFIG_NULL_MEMBERS_ACCEPTED,
        "realtime.null-provider",
        "realtime.null-model",
        "realtime.null-voice");
    oracle(Variant.LLM_CONFIG_API_KEY_REQUIRED, "realtime.example");
    oracle(Variant.SPEAKS_FIRST_REJECTED_IN_REALTIME, "speaks-first.realtime");
    oracle(Variant.SPEAKS_FIRST_REJECTED_IN_PIPELINE, "speaks-first.pipeline");
    oracle(
        Variant.PIPELINE_EXAMPLE_REJECTED_WHEN_ALREADY_PIPELINE, "examples.pipeline-on-pipeline");
    oracle(
        Variant.REALTIME_EXAMPLE_REJECTED_WHEN_ALREADY_REALTIME, "examples.realtime-on-realtime");
    oracle(Variant.VALIDATION_ERRORS_ANSWER_422, "pair.model-only");
    oracle(Variant.SUCCESS_ANSWERS_201, "examples.pipeline-on-pipeline");
    oracle(Variant.EMPTY_PATCH_ANSWERS_500, "body.empty-object");
    oracle(Variant.SUCCESS_OMITS_ASSISTANT_ID, "realtime.example");
    oracle(Variant.SUCCESS_ASSISTANT_ID_OUTSIDE_DATA, "realtime.example");
    oracle(Variant.SUCCESS_ECHOES_ANOTHER_ID, "realtime.example");
    oracle(Variant.SUCCESS_AS_TEXT_PLAIN, "realtime.example");
    oracle(Variant.SUCCESS_FLAG_AS_STRING, "realtime.example");
    oracle(Variant.SUCCESS_FLAG_FALSE, "realtime.example");
    oracle(Variant.SUCCESS_WITHOUT_MESSAGE, "realtime.example");
  }

  // --- Running cases ------------------------------------------------------------------------

  static String caseId(int index) {
    return String.format("00000000-0000-4000-8000-%012d", index + 1);
  }

  static List<String> allCaseIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      ids.add(caseId(i));
    }
    ids.add(PAGE_ID);
    return ids;
  }

  static Answer send(String baseUrl, String authorization, String id, String body)
      throws IOException, InterruptedException {
    return send(baseUrl, "PATCH", authorization, "/assistant/update/" + id, body);
  }

  static Answer send(String baseUrl, String method, String authorization, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(method, BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = CLIENT.send(request.build(), BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /** Runs every case on a fresh server of the variant; answers per case, per step. */
  static List<List<Answer>> runAll(Variant variant) throws Exception {
    List<List<Answer>> answers = new ArrayList<>();
    try (IndependentServer server = IndependentServer.start(KEY, allCaseIds(), variant)) {
      for (int i = 0; i < CASES.size(); i++) {
        List<Answer> caseAnswers = new ArrayList<>();
        for (Step s : CASES.get(i).steps()) {
          String id = s.id() == null ? caseId(i) : s.id();
          caseAnswers.add(send(server.baseUrl(), s.authorization(), id, s.body()));
        }
        answers.add(caseAnswers);
      }
    }
    return answers;
  }

  /** The index of the first step answered differently, or -1. */
  static int firstDifference(List<Answer> a, List<Answer> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return i;
      }
    }
    return -1;
  }

  static List<List<Answer>> conformant;

  @BeforeAll
  static void runConformant() throws Exception {
    conformant = runAll(Variant.CONFORMANT);
  }

  @AfterAll
  static void forget() {
    conformant = null;
  }

  // --- The conformant server ----------------------------------------------------------------

  @Test
  void conformantAnswersEveryStepAsThePageSays() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      Case k = CASES.get(i);
      for (int j = 0; j < k.steps().size(); j++) {
        Step s = k.steps().get(j);
        Answer a = conformant.get(i).get(j);
        String where = k.name() + " step " + j + ": ";
        if (a.status() != s.expect()) {
          failures.add(where + "expected " + s.expect() + " got " + a.status() + " " + a.body());
          continue;
        }
        if (!a.contentType().startsWith("application/json")) {
          failures.add(where + "content type " + a.contentType());
        }
        JsonNode body = JSON.readTree(a.body());
        if (s.expect() == 200) {
          String id = s.id() == null ? caseId(i) : s.id();
          if (!body.path("success").isBoolean()
              || !body.path("success").booleanValue()
              || !body.path("message").isString()
              || !id.equals(body.path("data").path("assistant_id").stringValue())) {
            failures.add(where + "success body " + a.body());
          }
        } else if (!body.path("success").isBoolean()
            || body.path("success").booleanValue()
            || !body.path("message").isString()) {
          failures.add(where + "error body " + a.body());
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  @Test
  void conformantIsDeterministicSoEveryDifferenceComesFromTheVariant() throws Exception {
    assertEquals(conformant, runAll(Variant.CONFORMANT));
  }

  @Test
  void thePagesExamplesAnswerTheExampleResponse() throws Exception {
    try (IndependentServer server =
        IndependentServer.start(KEY, List.of(PAGE_ID), Variant.CONFORMANT)) {
      for (String example : List.of(PIPELINE_EXAMPLE, REALTIME_EXAMPLE, PIPELINE_EXAMPLE)) {
        Answer a = send(server.baseUrl(), BEARER, PAGE_ID, example);
        assertEquals(200, a.status(), a.body());
        assertEquals("application/json", a.contentType());
        JsonNode body = JSON.readTree(a.body());
        assertEquals(true, body.get("success").booleanValue());
        assertEquals("Assistant updated successfully", body.get("message").stringValue());
        assertEquals(PAGE_ID, body.get("data").get("assistant_id").stringValue());
      }
    }
  }

  @Test
  void switchesAndFieldsAreStoredAndRejectedRequestsChangeNothing() throws Exception {
    String id = caseId(0);
    try (IndependentServer server = IndependentServer.start(KEY, List.of(id), Variant.CONFORMANT)) {
      String base = server.baseUrl();
      assertEquals("pipeline", server.llmMode(id));
      assertEquals("elevenlabs", server.stored(id).get("assistant_tts_model").stringValue());
      assertEquals(
          "JBFqnCBv7z4s9ByuOnH",
          server.stored(id).get("assistant_tts_config").get("voice_id").stringValue());

      assertEquals(200, send(base, BEARER, id, REALTIME_EXAMPLE).status());
      assertEquals("realtime", server.llmMode(id));
      assertEquals(
          "Puck", server.stored(id).get("assistant_llm_config").get("voice").stringValue());
      Answer noop = send(base, BEARER, id, "{\"assistant_llm_mode\":\"realtime\"}");
      assertEquals(200, noop.status(), "realtime to realtime is no switch");
      assertEquals(
          "[\"assistant_llm_mode\"]",
          JSON.readTree(noop.body()).get("data").get("updated_fields").toString());

      // A rejected switch stores nothing, not even its valid fields.
      assertEquals(
          400,
          send(base, BEARER, id, "{\"assistant_llm_mode\":\"pipeline\",\"assistant_name\":\"x\"}")
              .status());
      assertEquals("realtime", server.llmMode(id));
      assertFalse(server.stored(id).has("assistant_name"));

      assertEquals(200, send(base, BEARER, id, PIPELINE_EXAMPLE).status());
      assertEquals("pipeline", server.llmMode(id));
      assertEquals(400, send(base, BEARER, id, "{\"assistant_llm_mode\":\"realtime\"}").status());

      // Partial interaction-config update: keys merge; null means absent.
      assertEquals(
          200,
          send(base, BEARER, id, "{\"assistant_interaction_config\":{\"speaks_first\":true}}")
              .status());
      assertEquals(
          200,
          send(
                  base,
                  BEARER,
                  id,
                  "{\"assistant_interaction_config\":{\"other\":1},\"assistant_name\":null}")
              .status());
      JsonNode interaction = server.stored(id).get("assistant_interaction_config");
      assertTrue(interaction.get("speaks_first").booleanValue());
      assertEquals(1, interaction.get("other").intValue());
      assertFalse(server.stored(id).has("assistant_name"));
    }
  }

  @Test
  void silentAreasAreLenientAndNeverAnswer500() throws Exception {
    String id = caseId(0);
    try (IndependentServer server = IndependentServer.start(KEY, List.of(id), Variant.CONFORMANT)) {
      String base = server.baseUrl();
      // No Content-Type check.
      HttpResponse<String> textPlain =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/assistant/update/" + id))
                  .header("Authorization", BEARER)
                  .header("Content-Type", "text/plain")
                  .method("PATCH", BodyPublishers.ofString(NAME))
                  .build(),
              BodyHandlers.ofString());
      assertEquals(200, textPlain.statusCode());
      // Other methods and paths are a JSON 404; the query string is ignored.
      assertEquals(404, send(base, "POST", BEARER, "/assistant/update/" + id, NAME).status());
      assertEquals(404, send(base, "PATCH", BEARER, "/assistant/update/", NAME).status());
      assertEquals(
          404, send(base, "PATCH", BEARER, "/assistant/update/" + id + "/x", NAME).status());
      assertEquals(404, send(base, "PATCH", BEARER, "/assistants/" + id, NAME).status());
      assertEquals(
          200, send(base, "PATCH", BEARER, "/assistant/update/" + id + "?x=1", NAME).status());
      // A percent-encoded known id is the known id.
      assertEquals(
          200,
          send(base, "PATCH", BEARER, "/assistant/update/" + id.replace("-", "%2D"), NAME)
              .status());
      // Repeated Authorization headers are refused.
      HttpResponse<String> twice =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/assistant/update/" + id))
                  .header("Authorization", BEARER)
                  .header("Authorization", BEARER)
                  .method("PATCH", BodyPublishers.ofString(NAME))
                  .build(),
              BodyHandlers.ofString());
      assertEquals(401, twice.statusCode());
      // Deep nesting and odd bytes stay 400.
      assertEquals(400, send(base, BEARER, id, "[".repeat(5000) + "]".repeat(5000)).status());
      assertEquals(
          400,
          send(base, BEARER, id, "{\"assistant_name\":" + "[".repeat(3000) + "]".repeat(3000) + "}")
              .status());
      assertEquals(400, send(base, BEARER, id, "\u0000\u00ff").status());
    }
  }

  @Test
  void anOversizedBodyIs400AndTheServerStaysUp() throws Exception {
    String id = caseId(0);
    try (IndependentServer server = IndependentServer.start(KEY, List.of(id), Variant.CONFORMANT)) {
      String big = "{\"assistant_name\":\"" + "a".repeat(IndependentServer.MAX_BODY_BYTES) + "\"}";
      assertEquals(400, send(server.baseUrl(), BEARER, id, big).status());
      assertEquals(200, send(server.baseUrl(), BEARER, id, NAME).status());
    }
  }

  @Test
  void closeEndsEveryThreadAndRefusesFurtherRequests() throws Exception {
    IndependentServer server = IndependentServer.start(KEY, List.of(caseId(0)), Variant.CONFORMANT);
    String base = server.baseUrl();
    assertEquals(200, send(base, BEARER, caseId(0), NAME).status());
    long start = System.nanoTime();
    server.close();
    server.close();
    System.out.println(
        "close took " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    // every thread ends (the minute guards against a hang only: they end in milliseconds)
    assertTrue(server.awaitTermination(60), "a thread of the server still runs after close");
    assertThrows(IOException.class, () -> send(base, BEARER, caseId(0), NAME));
  }

  // --- The variants -------------------------------------------------------------------------

  @Test
  void everyVariantQuotesASentenceNamesKnownRulesAndHasAnOracle() {
    assertTrue(Variant.values().length - 1 >= 35, "at least 35 variants");
    Set<String> caseNames = CASES.stream().map(Case::name).collect(Collectors.toSet());
    for (Variant v : Variant.values()) {
      if (v == Variant.CONFORMANT) {
        assertTrue(v.rules().isEmpty());
        continue;
      }
      assertFalse(v.sentence().isBlank(), v.name());
      assertFalse(v.rules().isEmpty(), v.name());
      assertTrue(Variant.RULE_IDS.containsAll(v.rules()), v.name());
      assertNotNull(ORACLES.get(v), () -> v + " has no oracle");
      assertTrue(caseNames.containsAll(ORACLES.get(v)), () -> v + " oracle names no case");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.EXCLUDE, names = "CONFORMANT")
  void theVariantBreaksItsSentenceAndNothingElse(Variant variant) throws Exception {
    List<String> problems =
        problems(runAll(variant), Set.copyOf(variant.rules()), ORACLES.get(variant));
    if (!problems.isEmpty()) {
      fail(variant + ":\n" + String.join("\n", problems));
    }
  }

  /** The checker has teeth: a real variant judged against the wrong rules or oracle fails. */
  @Test
  void theCheckerFlagsDifferencesOutsideTheNamedRulesAndSilentOracles() throws Exception {
    List<List<Answer>> answers = runAll(Variant.TTS_PAIR_MODEL_WITHOUT_CONFIG_ACCEPTED);
    assertTrue(problems(answers, Set.of("tts.pair"), List.of("pair.model-only")).isEmpty());
    List<String> wrongRules =
        problems(answers, Set.of("enum.tts-model"), List.of("pair.model-only"));
    assertTrue(
        wrongRules.stream()
            .anyMatch(p -> p.contains("differs outside its rules at pair.model-only")),
        () -> String.join("\n", wrongRules));
    List<String> silentOracle = problems(answers, Set.of("tts.pair"), List.of("pair.config-only"));
    assertTrue(
        silentOracle.stream().anyMatch(p -> p.contains("pair.config-only answers like")),
        () -> String.join("\n", silentOracle));
  }

  /**
   * What is wrong with a variant's answers: an oracle case answered like the conformant server, an
   * oracle case differing already in a setup step, or a case whose first differing step carries
   * none of the variant's rules.
   */
  static List<String> problems(
      List<List<Answer>> answers, Set<String> rules, List<String> oracleCases) {
    List<String> problems = new ArrayList<>();
    Set<String> differing = new HashSet<>();
    for (int i = 0; i < CASES.size(); i++) {
      Case k = CASES.get(i);
      int at = firstDifference(conformant.get(i), answers.get(i));
      if (at < 0) {
        continue;
      }
      differing.add(k.name());
      Step s = k.steps().get(at);
      if (s.rules().stream().noneMatch(rules::contains)) {
        problems.add(
            "differs outside its rules at "
                + k.name()
                + " step "
                + at
                + " (step rules "
                + s.rules()
                + "): conformant "
                + conformant.get(i).get(at)
                + ", variant "
                + answers.get(i).get(at));
      }
      if (oracleCases.contains(k.name()) && at != k.steps().size() - 1) {
        problems.add("oracle " + k.name() + " differs already in setup step " + at);
      }
    }
    for (String name : oracleCases) {
      if (!differing.contains(name)) {
        problems.add("oracle case " + name + " answers like the conformant server");
      }
    }
    return problems;
  }
}
