package dev.assistantkit.contract.answers;

import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.OperationParser;
import dev.assistantkit.contract.rules.Response;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's answers as the mock sends them: the success body (the operation's answer example
 * with its {@code fill}s), and the decided error body ({@code ErrorResponse}) for a report.
 */
public final class Answers {

  private static final JsonMapper JSON = JsonMappers.plain();

  /** Values valid against a schema, for an answer the document gives no example of. */
  public interface Generated {

    /**
     * A value valid against the schema at a location, the same for the same seed; empty when none
     * can be made.
     */
    Optional<JsonNode> value(String schemaLocation, long seed);

    /** Generates nothing: answers then have only the document's examples. */
    Generated NONE = (location, seed) -> Optional.empty();
  }

  private final SpecDocument spec;
  private final ResourceViews views;
  private final Examples examples;
  private final Generated generated;
  private final DeclaredErrors declaredErrors;

  /** Whether the document is written in the kit's dialect, whose errors have the kit's shape. */
  private final boolean kitShape;

  public Answers(SpecDocument spec, SchemaSet schemas, ResourceViews views, Generated generated) {
    this.spec = spec;
    this.views = views;
    this.examples = new Examples(spec);
    this.generated = generated;
    this.declaredErrors = new DeclaredErrors(schemas, examples, generated);
    this.kitShape = spec.node("#/x-engine-rules").isPresent();
  }

  /** Success answers that depend only on the path, by operation and path values; bounded. */
  private final java.util.concurrent.ConcurrentHashMap<String, Answer> byPath =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The success answer of an operation for these path parameters and resource state. */
  public Answer success(
      Operation op,
      ApiRequest request,
      Map<String, String> parameters,
      Optional<ResourceState> state) {
    Operation.ResourceAction action = op.resource().orElse(null);
    if (action == null
        || action.answerExample() == null
        || action.action() == Operation.Action.LIST
        || (action.resource().inferred() && state.isEmpty())) {
      // an inferred resource's answer without the resource (a delete, a 204, a forced answer) is
      // the document's own
      return documented(op, op.successStatus(), request, Optional.empty()).orElseThrow();
    }
    if (action.fill().values().stream().allMatch(v -> v.startsWith("path."))) {
      String key = op.location() + "\n" + parameters;
      Answer cached = byPath.get(key);
      if (cached == null) {
        cached = build(op, action, parameters, state);
        if (key.length() < 1024) {
          if (byPath.size() >= 4096) {
            byPath.clear();
          }
          byPath.put(key, cached);
        }
      }
      return cached;
    }
    return build(op, action, parameters, state);
  }

  /**
   * The answer of a list of an inferred resource ({@code --stateful}): the resources there are, as
   * the answer's array (the rest of an enclosing object as generated from its schema).
   */
  public Answer list(Operation op, List<ResourceState> states) {
    Operation.ResourceAction action = op.resource().orElseThrow();
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    states.forEach(st -> items.add(views.response(action.resource(), st)));
    JsonNode body = action.answerExample().deepCopy();
    for (Map.Entry<String, String> f : action.fill().entrySet()) {
      body = set(body, f.getKey(), items);
    }
    return new Answer(op.successStatus(), List.of(), JSON.writeValueAsBytes(body));
  }

  private Answer build(
      Operation op,
      Operation.ResourceAction action,
      Map<String, String> parameters,
      Optional<ResourceState> state) {
    JsonNode body = action.answerExample().deepCopy();
    for (Map.Entry<String, String> f : action.fill().entrySet()) {
      body = set(body, f.getKey(), fillValue(f.getValue(), parameters, state, action));
    }
    List<Map.Entry<String, String>> headers = List.of();
    if (action.action() == Operation.Action.CREATE && state.isPresent()) {
      // where the new resource is: the item path under the collection the request named (under
      // its parents' values, for a nested one)
      headers =
          List.of(
              Map.entry(
                  "Location",
                  op.path().fill(parameters)
                      + "/"
                      + java.net.URLEncoder.encode(state.get().id(), StandardCharsets.UTF_8)
                          .replace("+", "%20")));
    }
    return new Answer(op.successStatus(), headers, JSON.writeValueAsBytes(body));
  }

  private JsonNode fillValue(
      String source,
      Map<String, String> parameters,
      Optional<ResourceState> state,
      Operation.ResourceAction action) {
    if (source.startsWith("path.")) {
      return JsonNodeFactory.instance.stringNode(parameters.getOrDefault(source.substring(5), ""));
    }
    if (source.equals("resource")) {
      return state
          .map(s -> (JsonNode) views.response(action.resource(), s))
          .orElse(JsonNodeFactory.instance.nullNode());
    }
    throw new IllegalStateException("unknown fill source " + source);
  }

  /**
   * The answer the document gives a status of an operation: the named example, else the first, else
   * a value generated from the schema (the same for the same request), in the media type the
   * request accepts (else the first JSON one, else the first); with the headers it declares that
   * have an example. Empty when an example is asked for by a name the response does not have.
   */
  public Optional<Answer> documented(
      Operation op, int status, ApiRequest request, Optional<String> exampleName) {
    Optional<Response> response = op.response(status);
    List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
    response.ifPresent(
        r ->
            r.headers()
                .forEach(
                    h ->
                        examples
                            .header(h.location())
                            .ifPresent(v -> headers.add(Map.entry(h.name(), v)))));
    if (response.isEmpty() || response.get().content().isEmpty()) {
      return exampleName.isPresent()
          ? Optional.empty()
          : Optional.of(new Answer(status, null, headers, new byte[0]));
    }
    MediaType media = negotiate(response.get(), request.headers().first("Accept"));
    EncodedBody body;
    if (exampleName.isPresent()) {
      Optional<Examples.NamedValue> named = examples.pick(media, exampleName);
      if (named.isEmpty()) {
        return Optional.empty();
      }
      body = EncodedBody.of(media, readable(media, named.get().value()));
    } else {
      body =
          unnamed
              .computeIfAbsent(
                  media.location(), l -> fittingExample(media).map(v -> EncodedBody.of(media, v)))
              .or(() -> media.schemaLocation().flatMap(l -> generatedBody(media, l, seed(request))))
              .orElseGet(
                  () ->
                      EncodedBody.of(
                          media,
                          examples
                              .pick(media, exampleName)
                              .map(e -> readable(media, e.value()))
                              .orElse(null)));
    }
    return Optional.of(new Answer(status, body.type(), headers, body.bytes()));
  }

  /**
   * A body ready to send, made once: an answer's example or generated value, in the media type sent
   * for it. Shared by every answer that sends it, so never written to.
   */
  private record EncodedBody(String type, byte[] bytes) {

    static EncodedBody of(MediaType media, JsonNode value) {
      String type = concrete(media, value);
      return new EncodedBody(type, encode(type, value));
    }
  }

  /** The body of the first fitting example, by media type location; empty when none fits. */
  private final java.util.concurrent.ConcurrentHashMap<String, Optional<EncodedBody>> unnamed =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Bodies generated from a schema, by media type and request seed: the same request gets the same
   * body, so it is generated once, not once per request (generation walked the schema and checked
   * its candidate with the validator: a quarter of the CPU of the petstore's stateless answers).
   * Bounded: emptied when full, as {@link #byPath} is.
   */
  private final java.util.concurrent.ConcurrentHashMap<GeneratedKey, Optional<EncodedBody>>
      generatedBodies = new java.util.concurrent.ConcurrentHashMap<>();

  private record GeneratedKey(String mediaLocation, long seed) {}

  private static final int GENERATED_KEPT = 1024;

  private Optional<EncodedBody> generatedBody(MediaType media, String schemaLocation, long seed) {
    GeneratedKey key = new GeneratedKey(media.location(), seed);
    Optional<EncodedBody> kept = generatedBodies.get(key);
    if (kept != null) {
      return kept;
    }
    Optional<EncodedBody> made =
        generated.value(schemaLocation, seed).map(v -> EncodedBody.of(media, v));
    if (generatedBodies.size() >= GENERATED_KEPT) {
      generatedBodies.clear();
    }
    generatedBodies.put(key, made);
    return made;
  }

  /** The first example of a media type valid against its schema, by media type location. */
  private final java.util.concurrent.ConcurrentHashMap<String, Optional<JsonNode>> fitting =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The example an answer gives when none is asked for by name: the first the schema accepts. The
   * schema is what the document requires of an answer, an example only illustrates it: an example
   * that breaks it (DeepL's {@code "EN"} where the enum lists {@code "en"}) is not answered unless
   * asked for. A media type other than JSON keeps its first example (its schema speaks of the JSON
   * model, not of the text sent).
   */
  private Optional<JsonNode> fittingExample(MediaType media) {
    if (media.kind() != MediaType.Family.JSON) {
      return examples.pick(media, Optional.empty()).map(Examples.NamedValue::value);
    }
    return fitting.computeIfAbsent(
        media.location(),
        l ->
            examples.of(media).stream()
                .map(e -> readable(media, e.value()))
                .filter(v -> declaredErrors.fits(media, v))
                .findFirst());
  }

  /**
   * An example's value as the body it stands for: a string that holds JSON, given for a JSON media
   * type whose schema it does not fit as a string but does fit parsed, is that JSON (OpenAPI lets
   * an example be given as its serialized text, "escaping where necessary"); else the value as it
   * is.
   */
  private JsonNode readable(MediaType media, JsonNode value) {
    if (media.kind() != MediaType.Family.JSON || value == null || !value.isString()) {
      return value;
    }
    String text = value.asString().trim();
    if (!(text.startsWith("{") || text.startsWith("["))) {
      return value;
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (tools.jackson.core.JacksonException notJson) {
      return value;
    }
    return parsed != null
            && !declaredErrors.fits(media, value)
            && declaredErrors.fits(media, parsed)
        ? parsed
        : value;
  }

  /** The names of the examples the answer of a status has (for a message). */
  public List<String> exampleNames(Operation op, int status, ApiRequest request) {
    return op.response(status)
        .filter(r -> !r.content().isEmpty())
        .map(r -> examples.of(negotiate(r, request.headers().first("Accept"))))
        .map(l -> l.stream().map(Examples.NamedValue::name).toList())
        .orElse(List.of());
  }

  /** The media type of a response the Accept header asks for first; else JSON; else the first. */
  static MediaType negotiate(Response r, Optional<String> accept) {
    if (accept.isPresent()) {
      for (String range : accept.get().split(",")) {
        String want = range.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (want.isEmpty() || want.equals("*/*")) {
          continue;
        }
        for (MediaType m : r.content()) {
          if (m.matches(want) > 0
              || (want.endsWith("/*")
                  && m.name().startsWith(want.substring(0, want.length() - 1)))) {
            return m;
          }
        }
      }
    }
    return r.content().stream()
        .filter(m -> m.kind() == MediaType.Family.JSON)
        .findFirst()
        .orElse(r.content().get(0));
  }

  /** A media type to send for a declared one (a wildcard becomes a type of the value). */
  private static String concrete(MediaType media, JsonNode value) {
    String name = media.name();
    if (!name.contains("*")) {
      return name;
    }
    if (value != null && !value.isString()) {
      return CONTENT_JSON;
    }
    return name.startsWith("text/") ? "text/plain" : "application/octet-stream";
  }

  private static final String CONTENT_JSON = "application/json";

  private static byte[] encode(String type, JsonNode value) {
    if (value == null) {
      return new byte[0];
    }
    if (MediaType.isJson(type) || !value.isString()) {
      return JSON.writeValueAsBytes(value);
    }
    return value.asString().getBytes(StandardCharsets.UTF_8);
  }

  /** The same request, the same seed: its method, target and body. */
  static long seed(ApiRequest request) {
    long h = 1125899906842597L;
    for (char c : (request.method() + " " + request.target()).toCharArray()) {
      h = 31 * h + c;
    }
    for (byte b : request.body()) {
      h = 31 * h + b;
    }
    return h;
  }

  /** Sets a value at a JSON Pointer, making objects on the way; "" replaces the root. */
  private static JsonNode set(JsonNode root, String pointer, JsonNode value) {
    List<String> segs = SpecPointer.segments(pointer);
    if (segs.isEmpty()) {
      return value;
    }
    JsonNode n = root;
    for (String s : segs.subList(0, segs.size() - 1)) {
      JsonNode next = n.get(s);
      if (next == null || !next.isObject()) {
        next = ((ObjectNode) n).putObject(s);
      }
      n = next;
    }
    ((ObjectNode) n).set(segs.get(segs.size() - 1), value);
    return root;
  }

  /** The error body for a report, answered with a status (op may be null: no operation matched). */
  public Answer error(
      Operation op, int status, ValidationReport report, List<Map.Entry<String, String>> headers) {
    if (!kitShape) {
      return problem(op, status, report, headers);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("success", false);
    String summary = summary(op, status);
    int n = report.violations().size();
    body.put(
        "message",
        status == 400 ? summary + ": " + n + (n == 1 ? " problem" : " problems") : summary);
    body.set("errors", DeclaredErrors.kitErrors(report));
    return new Answer(status, headers, JSON.writeValueAsBytes(body));
  }

  /**
   * The error of a document not written in the kit's dialect: RFC 9457 problem details, the
   * violations in its {@code errors} member (rule, where, JSON Pointer, message), in the JSON media
   * type the document declares for the status; where the document declares a schema these do not
   * fit, a body valid against it that says what it can ({@link DeclaredErrors}), the rules then
   * listed in the {@value #VIOLATIONS_HEADER} header.
   */
  private Answer problem(
      Operation op, int status, ValidationReport report, List<Map.Entry<String, String>> headers) {
    // no operation (an unknown path, a method its path does not take): no declared media type
    Optional<Response> declared =
        op == null ? Optional.empty() : op.response(status).filter(r -> !r.content().isEmpty());
    if (declared.isPresent()
        && declared.get().content().stream().noneMatch(m -> m.kind() == MediaType.Family.JSON)) {
      return text(status, report, headers, declared.get().content().get(0));
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", reason(status));
    body.put("status", status);
    int n = report.violations().size();
    String detail =
        n == 0
            ? summary(op, status)
            : n == 1 ? report.violations().get(0).message() : n + " problems with the request";
    body.put("detail", detail);
    body.set("errors", DeclaredErrors.kitErrors(report));
    Optional<MediaType> media = declared.flatMap(Response::json);
    if (media.isEmpty()) {
      String type =
          declared
              .flatMap(
                  r ->
                      r.content().stream()
                          .filter(m -> m.kind() == MediaType.Family.JSON)
                          .findFirst())
              .map(m -> concrete(m, body))
              .orElse(PROBLEM_JSON);
      return new Answer(status, type, headers, JSON.writeValueAsBytes(body));
    }
    String type = media.get().name().contains("*") ? PROBLEM_JSON : media.get().name();
    if (declaredErrors.fits(media.get(), body)) {
      return new Answer(status, type, headers, JSON.writeValueAsBytes(body));
    }
    Optional<JsonNode> shaped =
        declaredErrors.shaped(
            media.get(), status, detail, report, DeclaredErrors.kitErrors(report));
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>(headers);
    if (n > 0) {
      out.add(DeclaredErrors.header(DeclaredErrors.listed(report)));
    }
    return new Answer(status, type, out, JSON.writeValueAsBytes(shaped.orElse(body)));
  }

  /**
   * The error of a status the document declares only in a media type other than JSON (a {@code
   * text/html} 400): its example when it has one, else the violations as text; the rules it broke
   * then travel in the {@value #VIOLATIONS_HEADER} header (as Prism's {@code sl-violations}).
   */
  private Answer text(
      int status, ValidationReport report, List<Map.Entry<String, String>> headers, MediaType m) {
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>(headers);
    ArrayNode listed = JSON.createArrayNode();
    StringBuilder text = new StringBuilder(status + " " + reason(status) + "\n");
    for (Violation v : report.violations()) {
      ObjectNode e = listed.addObject();
      e.put("rule", v.ruleId());
      e.put("in", v.in().wireName());
      e.put("pointer", v.pointer());
      text.append(v.ruleId()).append(" (").append(v.in().wireName()).append(' ');
      text.append(v.pointer().isEmpty() ? "/" : v.pointer()).append("): ");
      text.append(v.message()).append('\n');
    }
    if (!listed.isEmpty()) {
      out.add(Map.entry(VIOLATIONS_HEADER, asciiOnly(JSON.writeValueAsString(listed))));
    }
    String body =
        examples
            .pick(m, Optional.empty())
            .map(Examples.NamedValue::value)
            .filter(JsonNode::isString)
            .map(JsonNode::asString)
            .orElse(text.toString());
    String type = m.name().contains("*") ? "text/plain" : m.name();
    return new Answer(status, type, out, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * JSON with every character past ASCII escaped: a header value carries bytes, and a pointer holds
   * whatever names a request sent.
   */
  static String asciiOnly(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The header that lists the rules an error broke when its body is the document's text. */
  public static final String VIOLATIONS_HEADER =
      dev.assistantkit.contract.judging.Observed.VIOLATIONS_HEADER;

  /** The media type of RFC 9457 problem details. */
  public static final String PROBLEM_JSON = "application/problem+json";

  /** The description the operation gives a status, without its full stop; else the reason. */
  private String summary(Operation op, int status) {
    if (op != null) {
      Optional<JsonNode> d =
          spec.node(op.location() + "/responses/" + status + "/description")
              .or(
                  () ->
                      spec.node(op.location() + "/responses/" + status)
                          .map(spec::resolve)
                          .map(r -> r.get("description")));
      if (d.isPresent() && d.get().isString()) {
        String t = d.get().asString().trim();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
      }
    }
    return reason(status);
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 408 -> "Request timeout";
      case 409 -> "Conflict";
      case 413 -> "Content too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable content";
      case 414 -> "URI too long";
      case 431 -> "Request headers too large";
      case 500 -> "Internal server error";
      case 502 -> "Bad gateway";
      case 503 -> "Service unavailable";
      default -> "HTTP " + status;
    };
  }

  /**
   * The first example the operation gives a status, as JSON; for a forced answer ({@code Prefer}).
   */
  public Optional<JsonNode> example(Operation op, int status) {
    Optional<JsonNode> examples =
        spec.node(op.location() + "/responses/" + status)
            .map(spec::resolve)
            .map(r -> r.path("content"))
            .flatMap(
                c -> {
                  for (Map.Entry<String, JsonNode> m : c.properties()) {
                    if (OperationParser.isJson(m.getKey()) && m.getValue().has("examples")) {
                      return Optional.of(m.getValue().get("examples"));
                    }
                  }
                  return Optional.empty();
                });
    if (examples.isEmpty() || examples.get().isEmpty()) {
      return Optional.empty();
    }
    JsonNode first = spec.resolve(examples.get().values().iterator().next());
    return Optional.ofNullable(first.get("value")).map(JsonNode::deepCopy);
  }
}
