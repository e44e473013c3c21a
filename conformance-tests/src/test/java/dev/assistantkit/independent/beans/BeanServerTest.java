package dev.assistantkit.independent.beans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exercises {@link BeanServer} directly over HTTP, a handful of requests per rule of the page. */
class BeanServerTest {
  static final String KEY = "sk-beans-Key-42";
  static final String ID = BeanServer.EXAMPLE_ID;
  static final String UNKNOWN = "6f1c2a9e-0b7d-4c3e-9a51-2d8f0e4b7c16";
  static final String PIPELINE =
      "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"elevenlabs\","
          + "\"assistant_tts_config\":{\"voice_id\":\"JBFqnCBv7z4s9ByuOnH\"}}";
  static final String REALTIME =
      "{\"assistant_llm_mode\":\"realtime\",\"assistant_llm_config\":{\"provider\":\"gemini\","
          + "\"model\":\"gemini-3.1-flash-live-preview\",\"voice\":\"Puck\"}}";
  static final String TTS_PAIR =
      "{\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":{\"voice_id\":\"v\"}}";
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  static final JsonMapper JSON = JsonMapper.builder().build();

  private BeanServer server;

  @BeforeEach
  void start() {
    server = new BeanServer(KEY, Variant.CONFORMANT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static HttpResponse<String> send(
      BeanServer s, String method, String path, String auth, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.baseUri() + path))
            .timeout(Duration.ofSeconds(60)) // a guard against a hang only
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> patch(BeanServer s, String id, String body) {
    return send(s, "PATCH", "/assistant/update/" + id, "Bearer " + KEY, "application/json", body);
  }

  static int status(BeanServer s, String body) {
    return patch(s, ID, body).statusCode();
  }

  static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  // ------------------------------------------------------------------ examples and the response

  @Test
  void bothExampleRequestsAnswerTheDocumentedBody() {
    for (String body : new String[] {PIPELINE, REALTIME}) {
      HttpResponse<String> r = patch(server, ID, body);
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      JsonNode j = json(r);
      assertTrue(j.get("success").asBoolean());
      assertEquals("Assistant updated successfully", j.get("message").asString());
      assertEquals(ID, j.get("data").get("assistant_id").asString());
    }
    assertEquals(Mode.REALTIME, server.modeOf(ID));
  }

  @Test
  void onlyTheFieldsToChangeAreSent() {
    assertEquals(200, status(server, "{\"assistant_name\":\"Ava\"}"));
    assertEquals("Ava", server.storedValue(ID, "assistant_name"));
    assertEquals(200, status(server, "{\"assistant_end_call_enabled\":true}"));
    assertEquals(200, status(server, "{}"));
    assertEquals(
        200,
        status(
            server,
            "{\"assistant_description\":\"d\",\"assistant_prompt\":\"p\","
                + "\"assistant_start_instruction\":\"Hello!\",\"assistant_end_call_trigger_phrase\":"
                + "\"bye\",\"assistant_end_call_agent_message\":\"Goodbye\","
                + "\"assistant_end_call_url\":\"https://example.com/hook\"}"));
  }

  // ------------------------------------------------------------------------------------ auth

  @Test
  void theBearerKeyIsChecked() {
    String path = "/assistant/update/" + ID;
    String body = "{\"assistant_name\":\"x\"}";
    HttpResponse<String> missing = send(server, "PATCH", path, null, "application/json", body);
    assertEquals(401, missing.statusCode());
    assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals(
        401, send(server, "PATCH", path, "Bearer nope", "application/json", body).statusCode());
    assertEquals(
        401,
        send(server, "PATCH", path, "Bearer " + KEY.toLowerCase(), "application/json", body)
            .statusCode());
    assertEquals(401, send(server, "PATCH", path, KEY, "application/json", body).statusCode());
    assertEquals(
        401, send(server, "PATCH", path, "Basic " + KEY, "application/json", body).statusCode());
    // silent: the scheme is case-insensitive (RFC 7235)
    HttpResponse<String> lower =
        send(server, "PATCH", path, "bearer " + KEY, "application/json", body);
    assertEquals(200, lower.statusCode(), lower.body());
    assertEquals(401, json(missing).get("error").get("status").asInt());
  }

  // ------------------------------------------------------------------------------ field types

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"assistant_name\":5}",
        "{\"assistant_name\":null}",
        "{\"assistant_description\":true}",
        "{\"assistant_prompt\":[\"p\"]}",
        "{\"assistant_llm_mode\":1}",
        "{\"assistant_start_instruction\":{}}",
        "{\"assistant_interaction_config\":\"speaks_first\"}",
        "{\"assistant_interaction_config\":{\"speaks_first\":\"yes\"}}",
        "{\"assistant_end_call_enabled\":\"true\"}",
        "{\"assistant_end_call_trigger_phrase\":2}",
        "{\"assistant_end_call_agent_message\":false}",
        "{\"assistant_end_call_url\":[]}",
        "{\"assistant_tts_model\":\"cartesia\",\"assistant_tts_config\":\"voice\"}",
        "{\"assistant_llm_config\":\"gemini\"}"
      })
  void eachRowHasItsType(String body) {
    HttpResponse<String> r = patch(server, ID, body);
    assertEquals(400, r.statusCode(), body);
    assertNotNull(json(r).get("error").get("violations"), r.body());
  }

  @Test
  void theViolationNamesTheJsonField() {
    JsonNode v = json(patch(server, ID, "{\"assistant_name\":5}")).get("error").get("violations");
    assertEquals("assistant_name", v.get(0).get("field").asString());
    assertEquals("must be a JSON string, not number", v.get(0).get("message").asString());
  }

  // ------------------------------------------------------------------------------------ enums

  @ParameterizedTest
  @ValueSource(strings = {"cartesia", "sarvam", "elevenlabs", "mistral"})
  void everyTtsProviderIsAccepted(String model) {
    assertEquals(
        200,
        status(
            server,
            "{\"assistant_tts_model\":\""
                + model
                + "\",\"assistant_tts_config\":{\"voice\":\"a\"}}"));
  }

  @Test
  void enumsAreExact() {
    assertEquals(400, status(server, "{\"assistant_llm_mode\":\"hybrid\"}"));
    assertEquals(400, status(server, PIPELINE.replace("\"pipeline\"", "\"PIPELINE\"")));
    assertEquals(400, status(server, TTS_PAIR.replace("cartesia", "openai")));
    assertEquals(400, status(server, TTS_PAIR.replace("cartesia", "Cartesia")));
    String message =
        json(patch(server, ID, "{\"assistant_llm_mode\":\"hybrid\"}"))
            .get("error")
            .get("message")
            .asString();
    assertTrue(message.contains("'hybrid' is not one of"), message); // EL interpolation
  }

  // ------------------------------------------------------------------------- the TTS pair rule

  @Test
  void ttsFieldsComeInPairs() {
    assertEquals(400, status(server, "{\"assistant_tts_model\":\"sarvam\"}"));
    assertEquals(400, status(server, "{\"assistant_tts_config\":{\"voice_id\":\"x\"}}"));
    assertEquals(200, status(server, TTS_PAIR));
    assertEquals(Mode.REALTIME, server.modeOf(ID)); // a pair alone switches nothing
  }

  // ------------------------------------------------------------------------ the switch rules

  @Test
  void switchingToPipelineNeedsBothTtsFieldsAndIsStored() {
    assertEquals(400, status(server, "{\"assistant_llm_mode\":\"pipeline\"}"));
    assertEquals(
        400,
        status(server, "{\"assistant_llm_mode\":\"pipeline\",\"assistant_tts_model\":\"sarvam\"}"));
    assertEquals(Mode.REALTIME, server.modeOf(ID));
    assertEquals(200, status(server, PIPELINE));
    assertEquals(Mode.PIPELINE, server.modeOf(ID));
    // silent: the mode it is already in is not a switch
    assertEquals(200, status(server, "{\"assistant_llm_mode\":\"pipeline\"}"));
  }

  @Test
  void switchingToRealtimeNeedsTheLlmConfigAndIsStored() {
    assertEquals(200, status(server, PIPELINE));
    assertEquals(400, status(server, "{\"assistant_llm_mode\":\"realtime\"}"));
    assertEquals(400, status(server, REALTIME.replace(",\"voice\":\"Puck\"", "")));
    assertEquals(400, status(server, REALTIME.replace("\"Puck\"", "7")));
    assertEquals(Mode.PIPELINE, server.modeOf(ID));
    assertEquals(200, status(server, REALTIME.replace("}}", ",\"api_key\":\"k\"}}")));
    assertEquals(Mode.REALTIME, server.modeOf(ID));
    assertEquals(400, status(server, "{\"assistant_llm_mode\":\"pipeline\"}"));
  }

  // --------------------------------------------------------------------------- runtime notes

  @Test
  void speaksFirstWorksInBothModes() {
    String speaks =
        "{\"assistant_interaction_config\":{\"speaks_first\":true},"
            + "\"assistant_start_instruction\":\"Hi, how can I help?\"}";
    assertEquals(200, status(server, speaks));
    assertEquals(200, status(server, PIPELINE));
    assertEquals(200, status(server, speaks));
    assertEquals(true, server.storedValue(ID, "speaks_first"));
    assertEquals(200, status(server, "{\"assistant_start_instruction\":\"Later\"}"));
  }

  // ------------------------------------------------------------------------- status codes

  @Test
  void statusesOfTheOtherRows() {
    assertEquals(404, patch(server, UNKNOWN, "{\"assistant_name\":\"x\"}").statusCode());
    assertEquals(404, patch(server, "not-a-uuid", "{\"assistant_name\":\"x\"}").statusCode());
    assertEquals(200, patch(server, ID.toUpperCase(), "{\"assistant_name\":\"x\"}").statusCode());
    // silent: the body is judged before existence
    assertEquals(400, patch(server, UNKNOWN, "{\"assistant_name\":5}").statusCode());
    assertEquals(400, status(server, "{\"assistant_name\":"));
    assertEquals(400, status(server, ""));
    assertEquals(400, status(server, "[]"));
    assertEquals(400, status(server, "null"));
    assertEquals(400, status(server, "{} {}"));
    assertEquals(200, status(server, "{\"not_a_field\":1}"));
    assertEquals(
        405,
        send(server, "GET", "/assistant/update/" + ID, "Bearer " + KEY, null, null).statusCode());
    assertEquals(
        404, send(server, "PATCH", "/assistant/" + ID, "Bearer " + KEY, null, "{}").statusCode());
  }

  @Test
  void nullClearsOptionalText() {
    assertEquals(200, status(server, "{\"assistant_prompt\":\"p\"}"));
    assertEquals(200, status(server, "{\"assistant_prompt\":null}"));
    assertEquals(null, server.storedValue(ID, "assistant_prompt"));
    assertEquals(400, status(server, "{\"assistant_tts_model\":null,\"assistant_tts_config\":{}}"));
  }

  // ------------------------------------------------------------------------------- variants

  @Test
  void variantsAnswerTheSilentQuestionsDifferently() {
    try (BeanServer s = new BeanServer(KEY, Variant.EXISTENCE_FIRST)) {
      assertEquals(400, patch(s, "not-a-uuid", "{}").statusCode());
      assertEquals(404, patch(s, UNKNOWN, "{\"assistant_name\":5}").statusCode());
      assertEquals(false, json(patch(s, ID, "{\"assistant_name\":5}")).get("success").asBoolean());
    }
    try (BeanServer s = new BeanServer(KEY, Variant.STRICT_BODY)) {
      assertEquals(400, status(s, "{\"not_a_field\":1}"));
      assertEquals(400, status(s, "{\"assistant_prompt\":null}"));
      assertEquals(400, status(s, "{}"));
      String path = "/assistant/update/" + ID;
      assertEquals(
          401, send(s, "PATCH", path, "bearer " + KEY, "application/json", "{}").statusCode());
      assertEquals(200, status(s, "{\"assistant_name\":\"n\"}"));
    }
    try (BeanServer s = new BeanServer(KEY, Variant.SAME_MODE_IS_SWITCH)) {
      assertEquals(Mode.PIPELINE, s.modeOf(ID));
      assertEquals(400, status(s, "{\"assistant_llm_mode\":\"pipeline\"}"));
      assertEquals(200, status(s, "{\"assistant_name\":null}"));
      assertEquals("Example assistant", s.storedValue(ID, "assistant_name"));
    }
    try (BeanServer s = new BeanServer(KEY, Variant.CROSS_MODE_REFUSED)) {
      assertEquals(400, status(s, TTS_PAIR));
      assertEquals(200, status(s, PIPELINE));
      assertEquals(200, status(s, TTS_PAIR));
      assertEquals(400, status(s, "{\"assistant_llm_config\":" + REALTIME.split(":", 3)[2]));
    }
    try (BeanServer s = new BeanServer(KEY, Variant.PROBLEM_JSON)) {
      HttpResponse<String> r =
          send(s, "PATCH", "/assistant/update/" + ID, "Bearer " + KEY, "text/plain", "{}");
      assertEquals(400, r.statusCode());
      assertEquals("application/problem+json", r.headers().firstValue("Content-Type").get());
      assertEquals(400, json(r).get("status").asInt());
      assertEquals(400, patch(s, "42", "{}").statusCode());
      assertEquals(200, status(s, "{}"));
    }
    try (BeanServer s = new BeanServer(KEY, Variant.BODY_BEFORE_AUTH)) {
      String path = "/assistant/update/" + ID;
      assertEquals(
          400,
          send(s, "PATCH", path, null, "application/json", "{\"assistant_name\":1}").statusCode());
      assertEquals(401, send(s, "PATCH", path, null, "application/json", "{}").statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void everyPageFollowingServerTakesBothExamples(Variant v) {
    if (!v.followsPage()) {
      assertNotNull(v.sentence());
      return;
    }
    try (BeanServer s = new BeanServer(KEY, v)) {
      Mode other = v.choices().startMode() == Mode.PIPELINE ? Mode.REALTIME : Mode.PIPELINE;
      String first = other == Mode.PIPELINE ? PIPELINE : REALTIME;
      String second = other == Mode.PIPELINE ? REALTIME : PIPELINE;
      assertEquals(200, status(s, first), v.toString());
      assertEquals(other, s.modeOf(ID));
      assertEquals(200, status(s, second), v.toString());
      assertEquals(404, patch(s, UNKNOWN, "{\"assistant_name\":\"x\"}").statusCode());
    }
  }

  // ------------------------------------------------------------------------------- mutants

  /** For each mutant: what a client sees, which differs from what CONFORMANT shows. */
  static final Map<Variant, Function<BeanServer, String>> WITNESSES = witnesses();

  private static Map<Variant, Function<BeanServer, String>> witnesses() {
    Map<Variant, Function<BeanServer, String>> w = new EnumMap<>(Variant.class);
    String path = "/assistant/update/" + ID;
    String name = "{\"assistant_name\":\"n\"}";
    w.put(
        Variant.NO_AUTH_CHECK,
        s -> "" + send(s, "PATCH", path, null, "application/json", name).statusCode());
    w.put(
        Variant.ANY_BEARER_ACCEPTED,
        s -> "" + send(s, "PATCH", path, "Bearer x", "application/json", name).statusCode());
    w.put(
        Variant.KEY_CASE_INSENSITIVE,
        s ->
            ""
                + send(s, "PATCH", path, "Bearer " + KEY.toUpperCase(), "application/json", name)
                    .statusCode());
    w.put(
        Variant.RAW_KEY_ACCEPTED,
        s -> "" + send(s, "PATCH", path, KEY, "application/json", name).statusCode());
    w.put(
        Variant.WRONG_KEY_403,
        s -> "" + send(s, "PATCH", path, "Bearer x", "application/json", name).statusCode());
    w.put(Variant.NAME_REQUIRED, s -> "" + status(s, "{\"assistant_prompt\":\"p\"}"));
    w.put(Variant.NAME_NUMBER_ACCEPTED, s -> "" + status(s, "{\"assistant_name\":5}"));
    w.put(Variant.PROMPT_TYPE_UNCHECKED, s -> "" + status(s, "{\"assistant_prompt\":5}"));
    w.put(
        Variant.END_CALL_ENABLED_TYPE_UNCHECKED,
        s -> "" + status(s, "{\"assistant_end_call_enabled\":\"true\"}"));
    w.put(
        Variant.INTERACTION_CONFIG_TYPE_UNCHECKED,
        s -> "" + status(s, "{\"assistant_interaction_config\":true}"));
    w.put(
        Variant.TTS_CONFIG_STRING_ACCEPTED,
        s -> "" + status(s, TTS_PAIR.replace("{\"voice_id\":\"v\"}", "\"v\"")));
    w.put(
        Variant.LLM_CONFIG_STRING_ACCEPTED,
        s -> "" + status(s, "{\"assistant_llm_config\":\"g\"}"));
    w.put(Variant.MODE_ENUM_UNCHECKED, s -> "" + status(s, "{\"assistant_llm_mode\":\"hybrid\"}"));
    w.put(
        Variant.MODE_CASE_INSENSITIVE,
        s -> "" + status(s, PIPELINE.replace("\"pipeline\"", "\"Pipeline\"")));
    w.put(Variant.TTS_MODEL_ENUM_UNCHECKED, s -> "" + status(s, TTS_PAIR.replace("cartesia", "x")));
    w.put(Variant.MISTRAL_REFUSED, s -> "" + status(s, TTS_PAIR.replace("cartesia", "mistral")));
    w.put(
        Variant.TTS_MODEL_WITHOUT_CONFIG_ACCEPTED,
        s -> "" + status(s, "{\"assistant_tts_model\":\"sarvam\"}"));
    w.put(
        Variant.TTS_CONFIG_WITHOUT_MODEL_ACCEPTED,
        s -> "" + status(s, "{\"assistant_tts_config\":{}}"));
    w.put(
        Variant.PIPELINE_SWITCH_WITHOUT_TTS_ACCEPTED,
        s -> "" + status(s, "{\"assistant_llm_mode\":\"pipeline\"}"));
    w.put(
        Variant.REALTIME_SWITCH_WITHOUT_LLM_CONFIG_ACCEPTED,
        s -> status(s, PIPELINE) + " " + status(s, "{\"assistant_llm_mode\":\"realtime\"}"));
    w.put(
        Variant.LLM_CONFIG_MEMBERS_UNCHECKED,
        s -> "" + status(s, "{\"assistant_llm_config\":{\"provider\":\"gemini\"}}"));
    w.put(
        Variant.MODE_SWITCH_NOT_STORED,
        s -> status(s, PIPELINE) + " " + status(s, "{\"assistant_llm_mode\":\"pipeline\"}"));
    w.put(Variant.NO_DATA_ASSISTANT_ID, s -> json(patch(s, ID, name)).get("data").toString());
    w.put(Variant.SUCCESS_FALSE_ON_200, s -> json(patch(s, ID, name)).get("success").toString());
    w.put(
        Variant.WRONG_ASSISTANT_ID_ECHO,
        s -> json(patch(s, ID, name)).get("data").get("assistant_id").asString());
    w.put(Variant.UNKNOWN_ID_200, s -> "" + patch(s, UNKNOWN, name).statusCode());
    w.put(Variant.VALIDATION_422, s -> "" + status(s, "{\"assistant_name\":5}"));
    w.put(Variant.MALFORMED_JSON_500, s -> "" + status(s, "{\"assistant_name\""));
    w.put(
        Variant.SPEAKS_FIRST_REFUSED_IN_PIPELINE,
        s ->
            status(s, PIPELINE)
                + " "
                + status(s, "{\"assistant_interaction_config\":{\"speaks_first\":true}}"));
    w.put(
        Variant.START_INSTRUCTION_NEEDS_SPEAKS_FIRST,
        s -> "" + status(s, "{\"assistant_start_instruction\":\"Hello\"}"));
    return w;
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void eachMutantBreaksItsSentence(Variant v) {
    if (v.followsPage()) {
      return;
    }
    Function<BeanServer, String> witness = WITNESSES.get(v);
    assertNotNull(witness, "no witness for " + v);
    String conformant;
    try (BeanServer s = new BeanServer(KEY, Variant.CONFORMANT)) {
      conformant = witness.apply(s);
    }
    try (BeanServer s = new BeanServer(KEY, v)) {
      assertNotEquals(conformant, witness.apply(s), v + " breaks: " + v.sentence());
    }
  }

  @Test
  void thereAreSixVariantsAndThirtyMutants() {
    long page = java.util.Arrays.stream(Variant.values()).filter(Variant::followsPage).count();
    assertEquals(7, page);
    assertEquals(30, Variant.values().length - page);
  }
}
