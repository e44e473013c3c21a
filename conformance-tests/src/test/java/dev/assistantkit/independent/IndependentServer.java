package dev.assistantkit.independent;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A second, independent implementation of the "Update Assistant" page ({@code PATCH
 * /assistant/update/{assistant_id}}), written from the page alone, stateful, and lenient wherever
 * the page is silent. {@link Variant} selects the conformant behaviour or one deliberate defect.
 *
 * <h2>What the page states, implemented as stated</h2>
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <key>}; missing or wrong credentials: 401.
 *   <li>Unknown assistant: 404. Validation or payload mismatch: 400. Success: 200 with {@code
 *       success}, {@code message} and {@code data.assistant_id} (the path id).
 *   <li>Top-level field types of the "Request Body (Common Fields)" table: seven strings, {@code
 *       assistant_interaction_config} an object, {@code assistant_end_call_enabled} a boolean.
 *   <li>{@code assistant_llm_mode} is {@code pipeline} or {@code realtime}; {@code
 *       assistant_tts_model} is one of {@code cartesia, sarvam, elevenlabs, mistral}; {@code
 *       assistant_tts_config} and {@code assistant_llm_config} are objects.
 *   <li>TTS fields come in pairs. A switch to pipeline needs both TTS fields; a switch to realtime
 *       needs {@code assistant_llm_config}, which holds provider, model and voice, and optionally
 *       api_key.
 *   <li>{@code assistant_interaction_config.speaks_first} is accepted in both modes.
 *   <li>Updates are stored; a switch changes the stored mode, and later requests are judged against
 *       it. Every assistant starts in pipeline mode with tts model elevenlabs and tts config {@code
 *       {"voice_id": "JBFqnCBv7z4s9ByuOnH"}}.
 * </ul>
 *
 * <h2>Choices where the page is silent</h2>
 *
 * <ol>
 *   <li><b>Order of checks:</b> route, then <b>authentication first</b>, then the assistant lookup
 *       (404), then the body (size, JSON syntax, object, fields, mode rules). So a wrong key gets
 *       401 even for an unknown assistant or a malformed body, and an unknown assistant gets 404
 *       even for a malformed body.
 *   <li><b>Routes:</b> only {@code PATCH /assistant/update/{id}} with exactly one non-empty path
 *       segment as id; every other method or path gets a JSON 404 (405 is not a declared status).
 *       The query string is ignored. The id is percent-decoded and matched exactly
 *       (case-sensitively) against the known ids; ids that are not UUIDs are simply not found
 *       (404), never 400.
 *   <li><b>Authorization header:</b> the scheme {@code Bearer} is matched case-insensitively (RFC
 *       7235), followed by one or more spaces; whitespace around the token is ignored; the token
 *       must equal the key exactly (case-sensitive, constant-time comparison). An empty token, any
 *       other scheme, or more than one Authorization header: 401.
 *   <li><b>Content-Type</b> of the request is not checked; the body is parsed as JSON regardless.
 *   <li><b>Body:</b> more than 1 MiB: 400. An empty body is not JSON: 400. Trailing content after
 *       the JSON value: 400. Duplicate keys: the last one wins. A body that is not a JSON object
 *       (array, string, number, boolean, null): 400.
 *   <li><b>null:</b> a top-level field whose value is JSON {@code null} is treated as absent, for
 *       every field, including the TTS pair and the llm config.
 *   <li><b>Unknown top-level fields</b> are ignored (not stored, no error). {@code {}} (or a body
 *       of only nulls or unknown fields) is a valid no-op: 200.
 *   <li><b>Strings:</b> any JSON string is accepted, including the empty string; {@code
 *       assistant_end_call_url} is not checked to be a URL; {@code assistant_start_instruction} is
 *       accepted without {@code speaks_first}.
 *   <li><b>Enumerations</b> match exactly (case-sensitive): {@code "Realtime"} is 400.
 *   <li><b>Switch:</b> only a <em>change</em> of mode is a switch. Sending the assistant's current
 *       mode is a no-op with no further requirements ({@code {"assistant_llm_mode":"pipeline"}} to
 *       a pipeline assistant is 200); the page's two examples are accepted from either starting
 *       mode.
 *   <li><b>{@code assistant_tts_config}:</b> any <em>non-empty</em> object, with any keys and
 *       values (not checked against the provider); {@code {}} is 400.
 *   <li><b>{@code assistant_llm_config}:</b> validated whenever it is sent (not only on a switch):
 *       it must be an object in which provider, model and voice are present and not null; their
 *       JSON types are not checked; api_key is optional and may be null; other keys are accepted.
 *   <li><b>Mode-foreign fields:</b> TTS fields are accepted (and stored) in realtime mode, and
 *       {@code assistant_llm_config} in pipeline mode, without a switch.
 *   <li><b>{@code assistant_interaction_config}:</b> any object; merged key by key into the stored
 *       one ("partial"); values of any JSON type ({@code speaks_first} is not type-checked).
 *   <li><b>Responses:</b> every response is {@code application/json}. Error bodies are {@code
 *       {"success": false, "message": "..."}} (no rule ids). The success body adds {@code
 *       data.updated_fields}, the names of the fields the request set (unknown and null fields left
 *       out); it depends on the request only, never on the stored state.
 *   <li><b>Atomicity:</b> a request is validated completely before anything is stored; a rejected
 *       request changes nothing. Requests to one assistant are serialised.
 *   <li><b>Unexpected exceptions</b> become a JSON 500.
 * </ol>
 */
public final class IndependentServer implements AutoCloseable {

  /** Request bodies above this size are rejected with 400. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  static final String PIPELINE = "pipeline";
  static final String REALTIME = "realtime";
  private static final Set<String> LLM_MODES = Set.of(PIPELINE, REALTIME);
  private static final Set<String> TTS_MODELS =
      Set.of("cartesia", "sarvam", "elevenlabs", "mistral");
  private static final Set<String> TTS_MODELS_WITHOUT_MISTRAL =
      Set.of("cartesia", "sarvam", "elevenlabs");
  private static final List<String> STRING_FIELDS =
      List.of(
          "assistant_name",
          "assistant_description",
          "assistant_prompt",
          "assistant_start_instruction",
          "assistant_end_call_trigger_phrase",
          "assistant_end_call_agent_message",
          "assistant_end_call_url");
  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "assistant_name",
          "assistant_description",
          "assistant_prompt",
          "assistant_llm_mode",
          "assistant_start_instruction",
          "assistant_interaction_config",
          "assistant_end_call_enabled",
          "assistant_end_call_trigger_phrase",
          "assistant_end_call_agent_message",
          "assistant_end_call_url",
          "assistant_tts_model",
          "assistant_tts_config",
          "assistant_llm_config");
  private static final List<String> LLM_CONFIG_MEMBERS = List.of("provider", "model", "voice");
  private static final Pattern ROUTE = Pattern.compile("/assistant/update/([^/]+)");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final byte[] apiKey;
  private final Variant variant;
  private final Map<String, Assistant> assistants;
  private final String anotherId = UUID.randomUUID().toString();
  private final HttpServer http;
  private final ThreadPoolExecutor pool;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IndependentServer(
      String apiKey, List<String> assistantIds, Variant variant, HttpServer http) {
    this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
    this.variant = variant;
    Map<String, Assistant> map = new LinkedHashMap<>();
    for (String id : assistantIds) {
      map.put(Objects.requireNonNull(id, "assistant id"), new Assistant());
    }
    this.assistants = Map.copyOf(map);
    this.http = http;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256),
            r -> {
              Thread t = new Thread(r, "independent-server-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    http.setExecutor(pool);
    http.createContext("/", this::handle);
  }

  /** Starts a server on 127.0.0.1 and a free port; every listed assistant exists, in pipeline. */
  public static IndependentServer start(String apiKey, List<String> assistantIds, Variant variant) {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("apiKey must not be empty");
    }
    Objects.requireNonNull(variant, "variant");
    // The JDK server flushes headers and body as two segments; with Nagle's algorithm on, the
    // body waits for the client's delayed ACK (~40 ms a request). The flag is read once, when
    // the JVM creates its first HttpServer, so set it before that unless someone chose already.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
      IndependentServer server = new IndependentServer(apiKey, assistantIds, variant, http);
      http.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind 127.0.0.1", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public Variant variant() {
    return variant;
  }

  /** The stored mode of an assistant ({@code pipeline} or {@code realtime}); null if unknown. */
  public String llmMode(String assistantId) {
    Assistant a = assistants.get(assistantId);
    if (a == null) {
      return null;
    }
    synchronized (a) {
      return a.mode;
    }
  }

  /**
   * A copy of everything stored for an assistant (fields by their request names); null if unknown.
   */
  public ObjectNode stored(String assistantId) {
    Assistant a = assistants.get(assistantId);
    if (a == null) {
      return null;
    }
    synchronized (a) {
      ObjectNode copy = a.fields.deepCopy();
      copy.put("assistant_llm_mode", a.mode);
      return copy;
    }
  }

  /**
   * Whether the server was closed and every thread of its pool has ended, waiting for them at most
   * {@code seconds}.
   */
  public boolean awaitTermination(long seconds) throws InterruptedException {
    return closed.get() && pool.awaitTermination(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.stop(0);
      pool.shutdownNow();
      try {
        pool.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ------------------------------------------------------------------------------------------

  /** The state of one assistant; guarded by its own monitor. */
  private static final class Assistant {
    String mode = PIPELINE;
    final ObjectNode fields = JSON.createObjectNode();

    Assistant() {
      fields.put("assistant_tts_model", "elevenlabs");
      fields.putObject("assistant_tts_config").put("voice_id", "JBFqnCBv7z4s9ByuOnH");
    }
  }

  /** A response to send. */
  private record Reply(int status, String contentType, byte[] body) {}

  /** A request the server rejects with 400. */
  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Reply reply;
      try {
        reply = answer(exchange);
      } catch (RuntimeException | Error e) {
        reply = error(500, "Internal server error");
      }
      send(exchange, reply);
    } finally {
      exchange.close();
    }
  }

  private Reply answer(HttpExchange exchange) throws IOException {
    byte[] body = readCapped(exchange.getRequestBody());
    Matcher route = ROUTE.matcher(exchange.getRequestURI().getRawPath());
    if (!"PATCH".equals(exchange.getRequestMethod()) || !route.matches()) {
      return error(404, "Not found");
    }
    String id;
    try {
      id = URLDecoder.decode(route.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return error(404, "Assistant not found");
    }

    int auth = authenticate(exchange.getRequestHeaders());
    if (auth != 0) {
      return error(auth, auth == 403 ? "Forbidden" : "Unauthorized");
    }

    Assistant assistant = assistants.get(id);
    if (assistant == null) {
      switch (variant) {
        case UNKNOWN_ASSISTANT_ANSWERS_200:
          assistant = new Assistant(); // "updated" zero rows, still a success
          break;
        case UNKNOWN_ASSISTANT_ANSWERS_400:
          return error(400, "Invalid assistant_id");
        case UNKNOWN_ASSISTANT_ANSWERS_500:
          throw new IllegalStateException("no row for " + id);
        default:
          return error(404, "Assistant not found");
      }
    }

    if (body == null) {
      return error(400, "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JacksonException e) {
      tree = null;
    }
    if (tree == null || tree.isMissingNode()) {
      if (variant == Variant.MALFORMED_JSON_ANSWERS_500) {
        throw new IllegalStateException("unparsed body");
      }
      if (variant != Variant.MALFORMED_JSON_IGNORED) {
        return error(400, "Request body is not valid JSON");
      }
      tree = JSON.createObjectNode();
    }
    if (tree.isArray() && variant == Variant.ARRAY_BODY_ACCEPTED) {
      tree = JSON.createObjectNode();
    }
    if (!tree.isObject()) {
      if (variant == Variant.SCALAR_BODY_ANSWERS_500 && !tree.isArray()) {
        throw new IllegalStateException("body is not a map");
      }
      return error(400, "Request body must be a JSON object");
    }
    ObjectNode patch = (ObjectNode) tree;

    synchronized (assistant) {
      try {
        validate(assistant, patch);
      } catch (Invalid e) {
        return error(400, e.getMessage());
      }
      if (variant == Variant.EMPTY_PATCH_ANSWERS_500 && patch.isEmpty()) {
        throw new IllegalStateException("nothing to SET");
      }
      return success(id, apply(assistant, patch));
    }
  }

  /** Reads at most {@link #MAX_BODY_BYTES}; null if the body is larger. */
  private static byte[] readCapped(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? null : bytes;
  }

  /** 0 if the request is authenticated, else the status to answer. */
  private int authenticate(Headers headers) {
    List<String> values = headers.get("Authorization");
    if (values == null || values.isEmpty()) {
      return variant == Variant.AUTH_ACCEPTS_MISSING_HEADER ? 0 : 401;
    }
    if (values.size() > 1) {
      return 401;
    }
    String value = values.get(0).strip();
    String token;
    if (value.length() > 6
        && value.regionMatches(true, 0, "Bearer", 0, 6)
        && (value.charAt(6) == ' ' || value.charAt(6) == '\t')) {
      token = value.substring(7).strip();
    } else if (variant == Variant.AUTH_ACCEPTS_KEY_WITHOUT_BEARER_SCHEME) {
      token = value;
    } else {
      return 401;
    }
    if (token.isEmpty()) {
      return 401;
    }
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    String key = new String(apiKey, StandardCharsets.UTF_8);
    boolean ok =
        switch (variant) {
          case AUTH_ACCEPTS_ANY_TOKEN -> true;
          case AUTH_ACCEPTS_TOKEN_STARTING_WITH_KEY -> token.startsWith(key);
          case AUTH_ACCEPTS_PREFIX_OF_KEY -> key.startsWith(token);
          case AUTH_IGNORES_KEY_CASE -> token.equalsIgnoreCase(key);
          default -> MessageDigest.isEqual(given, apiKey);
        };
    if (ok) {
      return 0;
    }
    return variant == Variant.AUTH_WRONG_KEY_ANSWERS_403 ? 403 : 401;
  }

  /** The top-level fields whose value is not JSON null (null means absent). */
  private static Map<String, JsonNode> present(ObjectNode patch) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (!e.getValue().isNull()) {
        fields.put(e.getKey(), e.getValue());
      }
    }
    return fields;
  }

  /** The one string field a field-type variant coerces from numbers and booleans. */
  private String coercedStringField() {
    return switch (variant) {
      case NAME_ACCEPTS_NUMBER -> "assistant_name";
      case DESCRIPTION_ACCEPTS_NUMBER -> "assistant_description";
      case PROMPT_ACCEPTS_NUMBER -> "assistant_prompt";
      case START_INSTRUCTION_ACCEPTS_NUMBER -> "assistant_start_instruction";
      case END_CALL_TRIGGER_PHRASE_ACCEPTS_NUMBER -> "assistant_end_call_trigger_phrase";
      case END_CALL_AGENT_MESSAGE_ACCEPTS_NUMBER -> "assistant_end_call_agent_message";
      case END_CALL_URL_ACCEPTS_NUMBER -> "assistant_end_call_url";
      default -> null;
    };
  }

  private void validate(Assistant assistant, ObjectNode patch) throws Invalid {
    Map<String, JsonNode> f = present(patch);

    // Types of the common fields.
    String coerced = coercedStringField();
    for (String name : STRING_FIELDS) {
      JsonNode v = f.get(name);
      if (v != null
          && !v.isString()
          && !(name.equals(coerced) && (v.isNumber() || v.isBoolean()))) {
        throw new Invalid(name + " must be a string");
      }
    }
    JsonNode interaction = f.get("assistant_interaction_config");
    if (interaction != null
        && !interaction.isObject()
        && variant != Variant.INTERACTION_CONFIG_ACCEPTS_NON_OBJECT) {
      throw new Invalid("assistant_interaction_config must be an object");
    }
    JsonNode endCall = f.get("assistant_end_call_enabled");
    if (endCall != null
        && !endCall.isBoolean()
        && !(variant == Variant.END_CALL_ENABLED_ACCEPTS_NON_BOOLEAN
            && (endCall.isString() || endCall.isNumber()))) {
      throw new Invalid("assistant_end_call_enabled must be a boolean");
    }

    // assistant_llm_mode
    String target = null;
    JsonNode mode = f.get("assistant_llm_mode");
    if (mode != null) {
      if (!mode.isString()) {
        throw new Invalid("assistant_llm_mode must be a string");
      }
      if (LLM_MODES.contains(mode.stringValue())) {
        target = mode.stringValue();
      } else if (variant != Variant.LLM_MODE_OUTSIDE_ENUM_ACCEPTED) {
        throw new Invalid("assistant_llm_mode must be one of: pipeline, realtime");
      }
    }

    // assistant_tts_model and assistant_tts_config
    JsonNode ttsModel = f.get("assistant_tts_model");
    if (ttsModel != null) {
      if (!ttsModel.isString()) {
        throw new Invalid("assistant_tts_model must be a string");
      }
      Set<String> models =
          variant == Variant.TTS_MODEL_MISTRAL_REJECTED ? TTS_MODELS_WITHOUT_MISTRAL : TTS_MODELS;
      if (!models.contains(ttsModel.stringValue())
          && variant != Variant.TTS_MODEL_OUTSIDE_ENUM_ACCEPTED) {
        throw new Invalid(
            "assistant_tts_model must be one of: "
                + String.join(", ", new ArrayList<>(sorted(models))));
      }
    }
    JsonNode ttsConfig = f.get("assistant_tts_config");
    if (ttsConfig != null) {
      if (!ttsConfig.isObject() && variant != Variant.TTS_CONFIG_ACCEPTS_NON_OBJECT) {
        throw new Invalid("assistant_tts_config must be an object");
      }
      if (ttsConfig.isObject() && ttsConfig.isEmpty()) {
        throw new Invalid("assistant_tts_config must not be empty");
      }
    }

    // assistant_llm_config
    JsonNode llmConfig = f.get("assistant_llm_config");
    if (llmConfig != null) {
      if (!llmConfig.isObject()) {
        if (variant != Variant.LLM_CONFIG_ACCEPTS_NON_OBJECT) {
          throw new Invalid("assistant_llm_config must be an object");
        }
      } else {
        for (String member : LLM_CONFIG_MEMBERS) {
          if (!llmMemberPresent(llmConfig, member)) {
            throw new Invalid("assistant_llm_config." + member + " is required");
          }
        }
        if (variant == Variant.LLM_CONFIG_API_KEY_REQUIRED
            && (!llmConfig.has("api_key") || llmConfig.get("api_key").isNull())) {
          throw new Invalid("assistant_llm_config.api_key is required");
        }
      }
    }

    boolean switching = target != null && !target.equals(assistant.mode);
    boolean toPipeline = switching && PIPELINE.equals(target);
    boolean toRealtime = switching && REALTIME.equals(target);

    // TTS fields come in pairs.
    boolean hasModel = ttsModel != null;
    boolean hasConfig = ttsConfig != null;
    if (variant == Variant.TTS_CONFIG_NULL_COUNTS_AS_SENT
        && hasModel
        && patch.has("assistant_tts_config")) {
      hasConfig = true;
    }
    boolean pairChecked =
        !(variant == Variant.PIPELINE_SWITCH_WITH_ONE_TTS_FIELD_ACCEPTED && toPipeline);
    if (pairChecked && hasModel != hasConfig) {
      boolean excused =
          (hasModel && variant == Variant.TTS_PAIR_MODEL_WITHOUT_CONFIG_ACCEPTED)
              || (hasConfig && variant == Variant.TTS_PAIR_CONFIG_WITHOUT_MODEL_ACCEPTED);
      if (!excused) {
        throw new Invalid(
            "TTS fields must come in pairs: send both assistant_tts_model and"
                + " assistant_tts_config, or neither");
      }
    }

    // Switching modes.
    if (toPipeline) {
      boolean ok =
          switch (variant) {
            case PIPELINE_SWITCH_WITHOUT_TTS_ACCEPTED -> true;
            case PIPELINE_SWITCH_WITH_ONE_TTS_FIELD_ACCEPTED -> hasModel || hasConfig;
            default -> hasModel && hasConfig;
          };
      if (!ok) {
        throw new Invalid(
            "Switching to pipeline requires both assistant_tts_model and assistant_tts_config");
      }
    }
    if (toRealtime) {
      boolean hasLlmConfig =
          llmConfig != null
              || (variant == Variant.REALTIME_SWITCH_WITH_NULL_LLM_CONFIG_ACCEPTED
                  && patch.has("assistant_llm_config"));
      if (!hasLlmConfig && variant != Variant.REALTIME_SWITCH_WITHOUT_LLM_CONFIG_ACCEPTED) {
        throw new Invalid("Switching to realtime requires assistant_llm_config");
      }
    }

    // speaks_first (supported in both modes, unless a variant says otherwise).
    String effectiveMode = target != null ? target : assistant.mode;
    if (interaction != null
        && interaction.isObject()
        && interaction.has("speaks_first")
        && !interaction.get("speaks_first").isNull()) {
      if (variant == Variant.SPEAKS_FIRST_REJECTED_IN_REALTIME && REALTIME.equals(effectiveMode)) {
        throw new Invalid("speaks_first is not supported in realtime mode");
      }
      if (variant == Variant.SPEAKS_FIRST_REJECTED_IN_PIPELINE && PIPELINE.equals(effectiveMode)) {
        throw new Invalid("speaks_first is not supported in pipeline mode");
      }
    }

    // The page's examples, sent to an assistant already in that mode.
    if (variant == Variant.PIPELINE_EXAMPLE_REJECTED_WHEN_ALREADY_PIPELINE
        && PIPELINE.equals(target)
        && PIPELINE.equals(assistant.mode)
        && hasModel
        && hasConfig) {
      throw new Invalid("Assistant is already in pipeline mode");
    }
    if (variant == Variant.REALTIME_EXAMPLE_REJECTED_WHEN_ALREADY_REALTIME
        && REALTIME.equals(target)
        && REALTIME.equals(assistant.mode)
        && llmConfig != null) {
      throw new Invalid("Assistant is already in realtime mode");
    }
  }

  private boolean llmMemberPresent(JsonNode llmConfig, String member) {
    boolean optional =
        switch (variant) {
          case LLM_CONFIG_PROVIDER_OPTIONAL -> member.equals("provider");
          case LLM_CONFIG_MODEL_OPTIONAL -> member.equals("model");
          case LLM_CONFIG_VOICE_OPTIONAL -> member.equals("voice");
          default -> false;
        };
    if (optional) {
      return true;
    }
    JsonNode value = llmConfig.get(member);
    if (value == null || value.isMissingNode()) {
      return false;
    }
    return !value.isNull() || variant == Variant.LLM_CONFIG_NULL_MEMBERS_ACCEPTED;
  }

  /** Stores the patch; returns the names of the fields it set, in request order. */
  private List<String> apply(Assistant assistant, ObjectNode patch) {
    List<String> updated = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : present(patch).entrySet()) {
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (!KNOWN_FIELDS.contains(name)) {
        continue;
      }
      updated.add(name);
      if (name.equals("assistant_llm_mode")) {
        if (LLM_MODES.contains(value.stringValue()) && variant != Variant.SWITCH_NOT_STORED) {
          assistant.mode = value.stringValue();
        }
      } else if (name.equals("assistant_interaction_config")
          && value.isObject()
          && assistant.fields.get(name) instanceof ObjectNode stored) {
        stored.setAll((ObjectNode) value.deepCopy());
      } else {
        assistant.fields.set(name, value.deepCopy());
      }
    }
    return updated;
  }

  private static List<String> sorted(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }

  // --- Responses ----------------------------------------------------------------------------

  private Reply success(String id, List<String> updatedFields) {
    ObjectNode out = JSON.createObjectNode();
    switch (variant) {
      case SUCCESS_FLAG_AS_STRING -> out.put("success", "true");
      case SUCCESS_FLAG_FALSE -> out.put("success", false);
      default -> out.put("success", true);
    }
    if (variant != Variant.SUCCESS_WITHOUT_MESSAGE) {
      out.put("message", "Assistant updated successfully");
    }
    if (variant == Variant.SUCCESS_ASSISTANT_ID_OUTSIDE_DATA) {
      out.put("assistant_id", id);
      updatedFields.forEach(out.putArray("updated_fields")::add);
    } else {
      ObjectNode data = out.putObject("data");
      if (variant == Variant.SUCCESS_ECHOES_ANOTHER_ID) {
        data.put("assistant_id", anotherId);
      } else if (variant != Variant.SUCCESS_OMITS_ASSISTANT_ID) {
        data.put("assistant_id", id);
      }
      updatedFields.forEach(data.putArray("updated_fields")::add);
    }
    int status = variant == Variant.SUCCESS_ANSWERS_201 ? 201 : 200;
    String type =
        variant == Variant.SUCCESS_AS_TEXT_PLAIN ? "text/plain; charset=utf-8" : "application/json";
    return new Reply(status, type, JSON.writeValueAsBytes(out));
  }

  private Reply error(int status, String message) {
    if (status == 400 && variant == Variant.VALIDATION_ERRORS_ANSWER_422) {
      status = 422;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("success", false);
    out.put("message", message);
    return new Reply(status, "application/json", JSON.writeValueAsBytes(out));
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
    if (!head) {
      exchange.getResponseBody().write(reply.body());
    }
  }
}
