package dev.assistantkit.contract.answers;

import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.OperationParser;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.ResourceState;
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

  private final SpecDocument spec;
  private final ResourceViews views;

  public Answers(SpecDocument spec, ResourceViews views) {
    this.spec = spec;
    this.views = views;
  }

  /** Success answers that depend only on the path, by operation and path values; bounded. */
  private final java.util.concurrent.ConcurrentHashMap<String, Answer> byPath =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The success answer of an operation for these path parameters and resource state. */
  public Answer success(
      Operation op, Map<String, String> parameters, Optional<ResourceState> state) {
    Operation.ResourceAction action = op.resource().orElse(null);
    if (action == null) {
      return new Answer(op.successStatus(), List.of(), "{}".getBytes(StandardCharsets.UTF_8));
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

  private Answer build(
      Operation op,
      Operation.ResourceAction action,
      Map<String, String> parameters,
      Optional<ResourceState> state) {
    JsonNode body = action.answerExample().deepCopy();
    for (Map.Entry<String, String> f : action.fill().entrySet()) {
      body = set(body, f.getKey(), fillValue(f.getValue(), parameters, state, action));
    }
    return new Answer(op.successStatus(), List.of(), JSON.writeValueAsBytes(body));
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
    ObjectNode body = JSON.createObjectNode();
    body.put("success", false);
    String summary = summary(op, status);
    int n = report.violations().size();
    body.put(
        "message",
        status == 400 ? summary + ": " + n + (n == 1 ? " problem" : " problems") : summary);
    ArrayNode errors = body.putArray("errors");
    for (Violation v : report.violations()) {
      ObjectNode e = errors.addObject();
      e.put("rule", v.ruleId());
      e.put("in", v.in().wireName());
      e.put("pointer", v.pointer());
      e.put("message", v.message());
    }
    return new Answer(status, headers, JSON.writeValueAsBytes(body));
  }

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
