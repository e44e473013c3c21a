package dev.assistantkit.independent.beans;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.assistantkit.independent.beans.Choices.ErrorShape;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorFactory;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server of the page "Update Assistant" (PATCH /assistant/update/{assistant_id}), written from
 * the page alone: Jetty 11's plain {@link AbstractHandler} API as the transport, the body bound by
 * Jackson 3 to {@link UpdateAssistantPatch} and judged by Jakarta Bean Validation (Hibernate
 * Validator, messages interpolated with Expressly): field constraints for the JSON types and the
 * enums, class-level constraints for the TTS pair and both switch rules, one validation group per
 * rule ({@link Checks}), so each {@link Variant} is a set of groups plus a few transport hooks. It
 * binds 127.0.0.1 on a port the system picks, keeps assistants in memory (the example assistant
 * {@value #EXAMPLE_ID} exists at start) and stops on {@link #close()}.
 *
 * <p>What the page states, and this server does:
 *
 * <ul>
 *   <li>PATCH /assistant/update/{assistant_id} with {@code Authorization: Bearer <key>}; a missing
 *       or wrong credential is a 401 (with {@code WWW-Authenticate: Bearer}).
 *   <li>Every body member is optional ("Only send fields you want to change"); each has the JSON
 *       type of its row; assistant_llm_mode is pipeline or realtime; assistant_tts_model one of
 *       cartesia, sarvam, elevenlabs, mistral; assistant_tts_config, assistant_llm_config and
 *       assistant_interaction_config are objects.
 *   <li>The TTS fields come in pairs; switching to pipeline needs both; switching to realtime needs
 *       assistant_llm_config, which has provider, model and voice (strings) and may have api_key.
 *       speaks_first (a boolean) is accepted in both modes; the start instruction is stored
 *       whatever speaks_first is.
 *   <li>200 {"success":true,"message":"Assistant updated successfully","data":{"assistant_id"}};
 *       400 for a validation or payload error, 401, 404 for an unknown assistant, 500 for a failure
 *       of the server itself.
 * </ul>
 *
 * <p>Where the page is silent, {@link Variant#CONFORMANT} chooses ({@link Choices#DEFAULTS}; the
 * other variants change some of these):
 *
 * <ul>
 *   <li><b>Check order</b>: credentials (401), then the body (400: JSON syntax, types, enums, the
 *       pair rule, the config members), then the id (404, also for a non-UUID id), then the mode
 *       rules against the stored mode (400). So an unknown id with a bad body is a 400, not a 404.
 *   <li><b>A non-UUID assistant_id</b>: 404, it names no assistant (UUIDs are read in any case).
 *   <li><b>Unknown members</b>: ignored. <b>null</b>: JSON Merge Patch (RFC 7396) — a null clears
 *       an optional text field (description, prompt, start instruction, end-call phrase, message,
 *       URL) or a member of assistant_interaction_config; a null where a value is needed (name,
 *       mode, TTS pair, the configs, the end-call flag) is a 400. <b>{@code {}}</b>: 200, nothing
 *       changes. Duplicate members: the last one wins.
 *   <li><b>Content-Type</b>: not checked, the body is read as JSON whatever it says. Malformed
 *       JSON, an empty body, trailing data, or a body that is not an object: 400.
 *   <li><b>Same mode again</b>: naming the mode the assistant is already in is not a switch and
 *       needs no other field. That is what makes the server stateful: after a switch to pipeline,
 *       {"assistant_llm_mode":"pipeline"} alone is a 200 and {"assistant_llm_mode":"realtime"}
 *       alone a 400. The example assistant starts in <b>realtime</b> mode.
 *   <li><b>Cross-mode fields</b>: TTS fields sent to a realtime assistant, or assistant_llm_config
 *       to a pipeline one, are accepted and kept for a later switch (the other mode's settings
 *       survive a switch too). assistant_tts_config's members are not checked for any provider.
 *   <li><b>Merge</b>: top-level members replace; assistant_interaction_config merges member by
 *       member.
 *   <li><b>Error body</b>: {"error":{"status":N,"code":"...","message":"...","violations":
 *       [{"field":"...","message":"..."}]}} (application/json); a 401 also carries {@code
 *       WWW-Authenticate: Bearer}. The scheme is read case-insensitively (RFC 7235), the key
 *       exactly.
 *   <li><b>Outside the operation</b>: another path is a 404, another method on the path a 405 with
 *       {@code Allow: PATCH}.
 * </ul>
 */
public final class BeanServer implements AutoCloseable {
  /** The assistant of the page's examples; it exists when the server starts. */
  public static final String EXAMPLE_ID = "550e8400-e29b-41d4-a716-446655440000";

  private static final Pattern ROUTE = Pattern.compile("/assistant/update/([^/]*)");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final byte[] key;
  private final Variant variant;
  private final Choices choices;
  private final ObjectMapper json;

  /**
   * One factory for every server of the JVM: it is thread-safe and caches each class's constraints,
   * and building it (with that metadata) costs more than the requests a short test sends.
   */
  private static final ValidatorFactory VALIDATION =
      Validation.byProvider(HibernateValidator.class)
          .configure()
          .propertyNodeNameProvider(new JsonNames())
          .buildValidatorFactory();

  private final Class<?>[] stateless;
  private final Class<?>[] stateful;
  private final Map<UUID, StoredAssistant> assistants = new ConcurrentHashMap<>();
  private final Server jetty;
  private final ServerConnector connector;

  /** Starts {@code variant} on 127.0.0.1 and a free port, accepting {@code apiKey}. */
  public BeanServer(String apiKey, Variant variant) {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("an API key is needed");
    }
    this.key = apiKey.getBytes(StandardCharsets.UTF_8);
    this.variant = variant;
    this.choices = variant.choices();
    JsonMapper.Builder mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    if (choices.nulls() == Choices.Nulls.SKIP) {
      mapper.changeDefaultNullHandling(n -> JsonSetter.Value.forValueNulls(Nulls.SKIP));
    }
    this.json = mapper.build();
    Set<Class<?>> groups = variant.groups();
    this.stateless =
        groups.stream().filter(Checks.Stateless.class::isAssignableFrom).toArray(Class<?>[]::new);
    this.stateful =
        groups.stream().filter(Checks.Stateful.class::isAssignableFrom).toArray(Class<?>[]::new);
    StoredAssistant example = new StoredAssistant(UUID.fromString(EXAMPLE_ID), choices.startMode());
    assistants.put(example.id, example);

    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("bean-server");
    threads.setDaemon(true);
    this.jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    // Jetty 11 caches header fields per connection and, by default, looks them up ignoring
    // case: on a kept-alive connection "Authorization: Bearer KEY" after "Bearer key" would
    // read as the cached "Bearer key" (and the other way round). The key is compared exactly.
    http.setHeaderCacheCaseSensitive(true);
    this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(new Handler());
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
  }

  /** Runs one server until the process ends: {@code KEY [VARIANT] [PORT-FILE]}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: BeanServer KEY [VARIANT] [PORT-FILE]");
      System.exit(2);
    }
    Variant v = args.length > 1 ? Variant.valueOf(args[1]) : Variant.CONFORMANT;
    BeanServer server = new BeanServer(args[0], v);
    if (args.length > 2) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(args[2]), server.port() + "\n");
    }
    System.out.println(v + " listening on " + server.baseUri());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }

  /** The port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** http://127.0.0.1:PORT */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The variant this server is. */
  public Variant variant() {
    return variant;
  }

  /** The stored mode of an assistant (for tests), or null if it does not exist. */
  public Mode modeOf(String assistantId) {
    StoredAssistant a = assistants.get(UUID.fromString(assistantId));
    if (a == null) {
      return null;
    }
    synchronized (a) {
      return a.mode;
    }
  }

  /** A stored member of an assistant (for tests): a top-level field or "speaks_first". */
  public Object storedValue(String assistantId, String member) {
    StoredAssistant a = assistants.get(UUID.fromString(assistantId));
    synchronized (a) {
      return UpdateAssistantPatch.SPEAKS_FIRST.equals(member)
          ? a.interaction.get(member)
          : a.fields.get(member);
    }
  }

  /** Adds an assistant in {@code mode} (for tests), returning its id. */
  public String addAssistant(Mode mode) {
    StoredAssistant a = new StoredAssistant(UUID.randomUUID(), mode);
    assistants.put(a.id, a);
    return a.id.toString();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }

  // ------------------------------------------------------------------------------ the operation

  /** The HTTP answer to one request. */
  record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {}

  /** A refusal: the status, a code, a message and the violations it is made of. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final transient List<Map<String, String>> violations;
    final transient Map<String, String> headers;

    Refusal(int status, String code, String message) {
      this(status, code, message, List.of(), Map.of());
    }

    Refusal(
        int status,
        String code,
        String message,
        List<Map<String, String>> violations,
        Map<String, String> headers) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.violations = violations;
      this.headers = headers;
    }
  }

  Answer answer(
      String method, String rawPath, String authorization, String contentType, byte[] body) {
    Matcher route = ROUTE.matcher(rawPath);
    if (!route.matches()) {
      return error(new Refusal(404, "no_route", "No such route: " + rawPath));
    }
    if (!"PATCH".equals(method)) {
      return error(
          new Refusal(
              405,
              "method_not_allowed",
              "Use PATCH to update an assistant",
              List.of(),
              Map.of("Allow", "PATCH")));
    }
    String rawId = route.group(1);
    try {
      UpdateAssistantPatch patch;
      StoredAssistant assistant;
      switch (choices.order()) {
        case AUTH_BODY_EXISTENCE -> {
          authenticate(authorization);
          patch = read(contentType, body);
          assistant = find(rawId);
        }
        case AUTH_EXISTENCE_BODY -> {
          authenticate(authorization);
          assistant = find(rawId);
          patch = read(contentType, body);
        }
        case BODY_AUTH_EXISTENCE -> {
          patch = read(contentType, body);
          authenticate(authorization);
          assistant = find(rawId);
        }
        default -> throw new IllegalStateException(choices.order().toString());
      }
      return update(assistant, patch);
    } catch (Refusal r) {
      return error(r);
    } catch (RuntimeException e) {
      return error(new Refusal(500, "internal_error", "Internal server error"));
    }
  }

  private void authenticate(String authorization) {
    if (variant == Variant.NO_AUTH_CHECK) {
      return;
    }
    Map<String, String> challenge =
        Map.of("WWW-Authenticate", "Bearer realm=\"assistant\", error=\"invalid_token\"");
    if (authorization == null || authorization.isBlank()) {
      throw new Refusal(401, "unauthorized", "Missing API key", List.of(), challenge);
    }
    String h = authorization.strip();
    if (variant == Variant.RAW_KEY_ACCEPTED && same(h)) {
      return;
    }
    int space = h.indexOf(' ');
    String scheme = space < 0 ? h : h.substring(0, space);
    String token = space < 0 ? "" : h.substring(space).stripLeading();
    boolean bearer =
        choices.schemeCaseInsensitive()
            ? "Bearer".equalsIgnoreCase(scheme)
            : "Bearer".equals(scheme);
    boolean accepted =
        bearer
            && switch (variant) {
              case ANY_BEARER_ACCEPTED -> !token.isEmpty();
              case KEY_CASE_INSENSITIVE ->
                  token.equalsIgnoreCase(new String(key, StandardCharsets.UTF_8));
              default -> same(token);
            };
    if (accepted) {
      return;
    }
    if (variant == Variant.WRONG_KEY_403 && bearer && !token.isEmpty()) {
      throw new Refusal(403, "forbidden", "This API key may not update assistants");
    }
    throw new Refusal(401, "unauthorized", "Invalid API key", List.of(), challenge);
  }

  private boolean same(String token) {
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), key);
  }

  private UpdateAssistantPatch read(String contentType, byte[] body) {
    if (choices.jsonContentTypeRequired() && !isJson(contentType)) {
      throw new Refusal(
          400,
          "unsupported_content_type",
          "The body must be sent as Content-Type: application/json");
    }
    UpdateAssistantPatch patch;
    try {
      patch = json.readValue(body, UpdateAssistantPatch.class);
    } catch (JacksonException e) {
      if (variant == Variant.MALFORMED_JSON_500) {
        throw new IllegalStateException(e);
      }
      throw new Refusal(400, "malformed_body", "The body must be one JSON object");
    }
    if (patch == null) {
      if (variant == Variant.MALFORMED_JSON_500) {
        throw new IllegalStateException("null body");
      }
      throw new Refusal(400, "malformed_body", "The body must be one JSON object");
    }
    judge(VALIDATION.getValidator(), patch, stateless);
    return patch;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private StoredAssistant find(String rawId) {
    if (!UUID_TEXT.matcher(rawId).matches()) {
      throw new Refusal(
          choices.nonUuidId(),
          choices.nonUuidId() == 404 ? "assistant_not_found" : "invalid_assistant_id",
          choices.nonUuidId() == 404 ? "Assistant not found" : "assistant_id must be a UUID");
    }
    UUID id = UUID.fromString(rawId.toLowerCase(Locale.ROOT));
    StoredAssistant a = assistants.get(id);
    if (a == null) {
      if (variant == Variant.UNKNOWN_ID_200) {
        return new StoredAssistant(id, choices.startMode()); // judged and answered, never kept
      }
      throw new Refusal(404, "assistant_not_found", "Assistant not found");
    }
    return a;
  }

  private Answer update(StoredAssistant a, UpdateAssistantPatch patch) {
    synchronized (a) {
      Judging judging =
          new Judging(a.mode, choices.sameModeIsSwitch(), variant == Variant.MODE_CASE_INSENSITIVE);
      Validator v =
          VALIDATION
              .unwrap(HibernateValidatorFactory.class)
              .usingContext()
              .constraintValidatorPayload(judging)
              .getValidator();
      judge(v, patch, stateful);
      a.apply(patch, variant == Variant.MODE_SWITCH_NOT_STORED ? null : judging.requested(patch));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (variant != Variant.NO_DATA_ASSISTANT_ID) {
      data.put(
          "assistant_id",
          (variant == Variant.WRONG_ASSISTANT_ID_ECHO ? UUID.randomUUID() : a.id).toString());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", variant != Variant.SUCCESS_FALSE_ON_200);
    body.put("message", "Assistant updated successfully");
    body.put("data", data);
    return new Answer(200, "application/json", json.writeValueAsBytes(body), Map.of());
  }

  private void judge(Validator v, UpdateAssistantPatch patch, Class<?>[] groups) {
    if (groups.length == 0) {
      return; // no group would mean jakarta.validation's Default group
    }
    Set<ConstraintViolation<UpdateAssistantPatch>> found = v.validate(patch, groups);
    if (found.isEmpty()) {
      return;
    }
    List<Map<String, String>> violations = new ArrayList<>();
    for (ConstraintViolation<UpdateAssistantPatch> c : found) {
      Map<String, String> one = new LinkedHashMap<>();
      one.put("field", field(c.getPropertyPath()));
      one.put("message", c.getMessage());
      violations.add(one);
    }
    violations.sort(
        Comparator.comparing((Map<String, String> m) -> m.get("field"))
            .thenComparing(m -> m.get("message")));
    Map<String, String> first = violations.get(0);
    String message =
        (first.get("field").isEmpty() ? "" : first.get("field") + " ") + first.get("message");
    int status = variant == Variant.VALIDATION_422 ? 422 : 400;
    throw new Refusal(status, "validation_failed", message, violations, Map.of());
  }

  private static String field(Path path) {
    StringBuilder s = new StringBuilder();
    for (Path.Node n : path) {
      if (n.getName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(n.getName());
      }
    }
    return s.toString();
  }

  private Answer error(Refusal r) {
    List<Map<String, String>> violations = r.violations;
    Map<String, Object> body = new LinkedHashMap<>();
    String contentType = "application/json";
    ErrorShape shape = choices.errors();
    switch (shape) {
      case ERROR_OBJECT -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", r.status);
        error.put("code", r.code);
        error.put("message", r.getMessage());
        if (!violations.isEmpty()) {
          error.put("violations", violations);
        }
        body.put("error", error);
      }
      case ENVELOPE -> {
        body.put("success", false);
        body.put("message", r.getMessage());
        if (!violations.isEmpty()) {
          body.put("errors", violations);
        }
      }
      case PROBLEM -> {
        contentType = "application/problem+json";
        body.put("type", "https://errors.example.invalid/" + r.code);
        body.put("title", title(r.status));
        body.put("status", r.status);
        body.put("detail", r.getMessage());
        if (!violations.isEmpty()) {
          body.put("violations", violations);
        }
      }
      default -> throw new IllegalStateException(shape.toString());
    }
    return new Answer(r.status, contentType, json.writeValueAsBytes(body), r.headers);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 422 -> "Unprocessable Content";
      default -> "Internal Server Error";
    };
  }

  // ------------------------------------------------------------------------------- the store

  /** One assistant: its mode, its top-level fields and its interaction config. */
  private static final class StoredAssistant {
    final UUID id;
    Mode mode;
    final Map<String, Object> fields = new LinkedHashMap<>();
    final Map<String, Object> interaction = new LinkedHashMap<>();

    StoredAssistant(UUID id, Mode mode) {
      this.id = id;
      this.mode = mode;
      fields.put(UpdateAssistantPatch.NAME, "Example assistant");
      if (mode == Mode.REALTIME) {
        fields.put(
            UpdateAssistantPatch.LLM_CONFIG,
            Map.of(
                "provider", "gemini", "model", "gemini-3.1-flash-live-preview", "voice", "Puck"));
      } else {
        fields.put(UpdateAssistantPatch.TTS_MODEL, "elevenlabs");
        fields.put(UpdateAssistantPatch.TTS_CONFIG, Map.of("voice_id", "JBFqnCBv7z4s9ByuOnH"));
      }
      interaction.put(UpdateAssistantPatch.SPEAKS_FIRST, false);
    }

    /** Stores a judged patch; {@code newMode} null keeps the mode. Caller holds the lock. */
    void apply(UpdateAssistantPatch patch, Mode newMode) {
      for (Map.Entry<String, Object> e : patch.values().entrySet()) {
        String name = e.getKey();
        Object v = e.getValue();
        if (v == Absent.VALUE || name.equals(UpdateAssistantPatch.MODE)) {
          continue;
        }
        if (name.equals(UpdateAssistantPatch.INTERACTION) && v instanceof Map<?, ?> m) {
          m.forEach(
              (k, x) -> {
                if (x == null) {
                  interaction.remove(String.valueOf(k));
                } else {
                  interaction.put(String.valueOf(k), x);
                }
              });
        } else if (v == null) {
          fields.remove(name);
        } else {
          fields.put(name, v);
        }
      }
      if (newMode != null) {
        mode = newMode;
      }
    }
  }

  // ---------------------------------------------------------------------------- the transport

  /** Jetty's plain handler: reads the request, answers it, writes the answer. */
  private final class Handler extends AbstractHandler {
    @Override
    public void handle(
        String target, Request base, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      base.setHandled(true);
      byte[] body = request.getInputStream().readAllBytes();
      Answer a =
          answer(
              request.getMethod(),
              request.getRequestURI(),
              request.getHeader("Authorization"),
              request.getContentType(),
              body);
      response.setStatus(a.status());
      a.headers().forEach(response::setHeader);
      response.setContentType(a.contentType());
      response.setContentLength(a.body().length);
      response.getOutputStream().write(a.body());
    }
  }

  /** Names a property node by its JSON name (the field's {@link JsonProperty}). */
  private static final class JsonNames implements PropertyNodeNameProvider {
    @Override
    public String getName(Property property) {
      if (property instanceof JavaBeanProperty bean) {
        try {
          JsonProperty p =
              bean.getDeclaringClass()
                  .getDeclaredField(property.getName())
                  .getAnnotation(JsonProperty.class);
          if (p != null) {
            return p.value();
          }
        } catch (NoSuchFieldException e) {
          return property.getName();
        }
      }
      return property.getName();
    }
  }
}
