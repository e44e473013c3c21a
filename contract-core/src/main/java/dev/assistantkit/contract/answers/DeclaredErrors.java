package dev.assistantkit.contract.answers;

import dev.assistantkit.contract.rules.MediaType;
import dev.assistantkit.contract.rules.ValidationReport;
import dev.assistantkit.contract.rules.Violation;
import dev.assistantkit.contract.spec.SchemaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error body in the shape a document declares for the error's status, when the kit's problem
 * details do not fit it (petstore's {@code {code, message}}, conduit's {@code {errors: {body:
 * [...]}}}): a server that follows the document answers a body valid against the declared schema,
 * so the mock does too. The base is the response's first example that is valid, else a value
 * generated from the schema; then each place the schema leaves room for it is filled with what the
 * kit knows (a message-like string gets the detail, a list of strings the violations' messages, a
 * status-like integer the status, an object that allows it the kit's {@code errors} list), each
 * kept only when the body stays valid. The rules always travel in the {@link
 * Answers#VIOLATIONS_HEADER} header too.
 */
final class DeclaredErrors {

  /** Names of a string that says what went wrong. */
  private static final Set<String> MESSAGE_NAMES =
      Set.of(
          "message",
          "detail",
          "details",
          "error",
          "error_description",
          "errormessage",
          "error_message",
          "description",
          "reason",
          "msg",
          "title");

  /** Names of an integer that holds the HTTP status. */
  private static final Set<String> STATUS_NAMES =
      Set.of("status", "code", "status_code", "statuscode", "http_status", "httpstatus");

  private static final int MAX_DEPTH = 4;

  private final SchemaSet schemas;
  private final Examples examples;
  private final Answers.Generated generated;

  DeclaredErrors(SchemaSet schemas, Examples examples, Answers.Generated generated) {
    this.schemas = schemas;
    this.examples = examples;
    this.generated = generated;
  }

  /** Whether a value is valid against a media type's schema (true when it has none). */
  boolean fits(MediaType media, JsonNode value) {
    if (value == null || media.schema().isEmpty()) {
      return value != null;
    }
    try {
      return schemas.validate(media.schema().get(), value).isEmpty();
    } catch (SchemaSet.TooComplex e) {
      return false;
    }
  }

  /**
   * A body valid against the media type's schema that says as much of the report as the schema
   * allows; empty when no valid base can be found.
   */
  Optional<JsonNode> shaped(
      MediaType media, int status, String detail, ValidationReport report, ArrayNode kitErrors) {
    Optional<JsonNode> base =
        examples.of(media).stream()
            .map(Examples.NamedValue::value)
            .filter(v -> fits(media, v))
            .findFirst()
            .map(JsonNode::deepCopy)
            .or(
                () ->
                    media
                        .schemaLocation()
                        .flatMap(
                            l -> generated.value(l, status * 31L + report.ruleIds().hashCode()))
                        .filter(v -> fits(media, v)));
    if (base.isEmpty()) {
      return Optional.empty();
    }
    JsonNode body = base.get();
    List<String> messages = new ArrayList<>();
    for (Violation v : report.violations()) {
      messages.add(v.message());
    }
    if (messages.isEmpty()) {
      messages.add(detail);
    }
    if (body.isString()) {
      JsonNode text = JsonNodeFactory.instance.stringNode(detail);
      return Optional.of(fits(media, text) ? text : body);
    }
    fill(media, body, body, detail, messages, status, 0);
    if (body.isObject() && !body.has("errors")) {
      ((ObjectNode) body).set("errors", kitErrors);
      if (!fits(media, body)) {
        ((ObjectNode) body).remove("errors");
      }
    }
    return Optional.of(body);
  }

  /** Fills the places under a node that can say what went wrong, keeping the body valid. */
  private void fill(
      MediaType media,
      JsonNode root,
      JsonNode node,
      String detail,
      List<String> messages,
      int status,
      int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (node instanceof ObjectNode o) {
      for (String name : new ArrayList<>(o.propertyNames())) {
        JsonNode v = o.get(name);
        String key = name.toLowerCase(Locale.ROOT);
        if (v.isString() && MESSAGE_NAMES.contains(key)) {
          replace(media, root, () -> o.put(name, detail), () -> o.set(name, v));
        } else if (v.isIntegralNumber() && STATUS_NAMES.contains(key)) {
          replace(media, root, () -> o.put(name, status), () -> o.set(name, v));
        } else if (v.isArray() && allStrings(v)) {
          ArrayNode list = JsonNodeFactory.instance.arrayNode();
          messages.forEach(list::add);
          replace(media, root, () -> o.set(name, list), () -> o.set(name, v));
        } else if (v.isContainer()) {
          fill(media, root, v, detail, messages, status, depth + 1);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode item : a) {
        fill(media, root, item, detail, messages, status, depth + 1);
      }
    }
  }

  private static boolean allStrings(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isString()) {
        return false;
      }
    }
    return true;
  }

  /** Makes a change, and undoes it when the body no longer fits the schema. */
  private void replace(MediaType media, JsonNode root, Runnable change, Runnable undo) {
    change.run();
    if (!fits(media, root)) {
      undo.run();
    }
  }

  /** The violations as the kit lists them: rule, where, JSON Pointer, message. */
  static ArrayNode kitErrors(ValidationReport report) {
    ArrayNode errors = JsonNodeFactory.instance.arrayNode();
    for (Violation v : report.violations()) {
      ObjectNode e = errors.addObject();
      e.put("rule", v.ruleId());
      e.put("in", v.in().wireName());
      e.put("pointer", v.pointer());
      e.put("message", v.message());
    }
    return errors;
  }

  /** The rules a report names, for the {@link Answers#VIOLATIONS_HEADER} header. */
  static ArrayNode listed(ValidationReport report) {
    ArrayNode listed = JsonNodeFactory.instance.arrayNode();
    for (Violation v : report.violations()) {
      ObjectNode e = listed.addObject();
      e.put("rule", v.ruleId());
      e.put("in", v.in().wireName());
      e.put("pointer", v.pointer());
    }
    return listed;
  }

  static Map.Entry<String, String> header(ArrayNode listed) {
    return Map.entry(Answers.VIOLATIONS_HEADER, Answers.asciiOnly(JSON.writeValueAsString(listed)));
  }

  private static final tools.jackson.databind.json.JsonMapper JSON =
      dev.assistantkit.contract.spec.JsonMappers.plain();
}
