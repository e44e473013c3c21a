package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Parameter;
import dev.assistantkit.contract.spec.ApiRequest;
import dev.assistantkit.contract.spec.JsonMappers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a parameter's value from a request as its style says, and types it as its schema says
 * ({@code "5"} is the integer 5 for an integer parameter; a value that does not read as its type
 * stays a string, so that the schema names the mistake).
 */
final class ParameterReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a request holds for a parameter. */
  sealed interface Found permits NotSent, Value, Problem {}

  /** The request does not carry it. */
  record NotSent() implements Found {}

  /** Its value, typed. */
  record Value(JsonNode value) implements Found {}

  /** It is there but cannot be read as its style says. */
  record Problem(String detail) implements Found {}

  private ParameterReader() {}

  /**
   * @param schema the parameter's effective schema ({@code $ref} resolved), or null
   * @param rawPath the path parameters as sent
   */
  static Found read(Parameter p, JsonNode schema, ApiRequest request, Map<String, String> rawPath) {
    return switch (p.in()) {
      case PATH -> path(p, schema, rawPath.get(p.name()));
      case QUERY -> query(p, schema, request.target());
      case HEADER -> header(p, schema, request.headers().all(p.name()));
      case COOKIE -> cookie(p, schema, request.headers().all("Cookie"));
    };
  }

  private static Found path(Parameter p, JsonNode schema, String raw) {
    if (raw == null) {
      return new NotSent();
    }
    String text = raw;
    String style = p.style();
    if (style.equals("label")) {
      if (!text.startsWith(".")) {
        return new Problem("path parameter " + p.name() + " in label style starts with a dot");
      }
      text = text.substring(1);
    } else if (style.equals("matrix")) {
      String prefix = ";" + p.name();
      if (!text.startsWith(prefix)) {
        return new Problem("path parameter " + p.name() + " in matrix style starts with " + prefix);
      }
      text = text.substring(prefix.length());
      text = text.startsWith("=") ? text.substring(1) : text;
    }
    String separator = style.equals("label") && p.explode() ? "\\." : ",";
    Found read = delimited(p, schema, text, separator, true);
    // a malformed escape in a path stays as sent: the parameter's schema judges it
    return read instanceof Problem && type(schema).matches("string|")
        ? new Value(NODES.stringNode(text))
        : read;
  }

  private static Found header(Parameter p, JsonNode schema, List<String> values) {
    if (values.isEmpty()) {
      return new NotSent();
    }
    return delimited(p, schema, String.join(",", values), ",", false);
  }

  private static Found cookie(Parameter p, JsonNode schema, List<String> cookieHeaders) {
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        String[] kv = pair.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(p.name())) {
          return delimited(p, schema, kv[1], ",", true);
        }
      }
    }
    return new NotSent();
  }

  private static Found query(Parameter p, JsonNode schema, String target) {
    int q = target.indexOf('?');
    if (q < 0) {
      return new NotSent();
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : target.substring(q + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      String key = decode(kv[0]);
      if (key == null) {
        return new Problem("query has a malformed percent-encoding");
      }
      pairs.add(new String[] {key, kv.length == 2 ? kv[1] : ""});
    }
    String type = type(schema);
    if (p.mediaType().isPresent()) {
      for (String[] kv : pairs) {
        if (kv[0].equals(p.name())) {
          String v = decode(kv[1]);
          return v == null ? new Problem("query parameter " + p.name() + " is malformed") : json(v);
        }
      }
      return new NotSent();
    }
    if (type.equals("object") && (p.style().equals("deepObject") || p.explode())) {
      ObjectNode out = NODES.objectNode();
      boolean any = false;
      for (String[] kv : pairs) {
        String field = null;
        if (p.style().equals("deepObject")) {
          if (kv[0].startsWith(p.name() + "[") && kv[0].endsWith("]")) {
            field = kv[0].substring(p.name().length() + 1, kv[0].length() - 1);
          }
        } else if (properties(schema).has(kv[0])) {
          field = kv[0];
        }
        if (field != null) {
          String v = decode(kv[1]);
          if (v == null) {
            return new Problem("query parameter " + p.name() + " is malformed");
          }
          out.set(field, typed(v, properties(schema).path(field)));
          any = true;
        }
      }
      return any ? new Value(out) : new NotSent();
    }
    List<String> values = new ArrayList<>();
    for (String[] kv : pairs) {
      if (kv[0].equals(p.name())) {
        values.add(kv[1]);
      }
    }
    if (values.isEmpty()) {
      return new NotSent();
    }
    if (type.equals("array") && p.explode() && p.style().equals("form")) {
      ArrayNode out = NODES.arrayNode();
      for (String v : values) {
        String d = decode(v);
        if (d == null) {
          return new Problem("query parameter " + p.name() + " is malformed");
        }
        out.add(typed(d, schema.path("items")));
      }
      return new Value(out);
    }
    String separator =
        switch (p.style()) {
          case "spaceDelimited" -> "(?:%20|\\+| )";
          case "pipeDelimited" -> "(?:%7C|%7c|\\|)";
          default -> ",";
        };
    return delimited(p, schema, values.get(values.size() - 1), separator, true);
  }

  /** A value written as delimited text: a primitive, an array, or an object's key,value pairs. */
  private static Found delimited(
      Parameter p, JsonNode schema, String raw, String separator, boolean percentEncoded) {
    String type = type(schema);
    if (p.mediaType().isPresent()) {
      String v = percentEncoded ? decode(raw) : raw;
      return v == null
          ? new Problem(p.in().wireName() + " parameter " + p.name() + " is malformed")
          : json(v);
    }
    if (type.equals("array")) {
      ArrayNode out = NODES.arrayNode();
      if (!raw.isEmpty()) {
        for (String item : raw.split(separator, -1)) {
          String d = percentEncoded ? decode(item) : item.trim();
          if (d == null) {
            return new Problem(p.in().wireName() + " parameter " + p.name() + " is malformed");
          }
          out.add(typed(d, schema.path("items")));
        }
      }
      return new Value(out);
    }
    if (type.equals("object")) {
      ObjectNode out = NODES.objectNode();
      String[] parts = raw.isEmpty() ? new String[0] : raw.split(separator, -1);
      if (p.explode()) {
        for (String part : parts) {
          String[] kv = part.split("=", 2);
          String v =
              percentEncoded ? decode(kv.length == 2 ? kv[1] : "") : kv.length == 2 ? kv[1] : "";
          if (v == null) {
            return new Problem(p.in().wireName() + " parameter " + p.name() + " is malformed");
          }
          out.set(kv[0], typed(v, properties(schema).path(kv[0])));
        }
      } else {
        if (parts.length % 2 != 0) {
          return new Problem(
              p.in().wireName() + " parameter " + p.name() + " is not a list of name,value pairs");
        }
        for (int i = 0; i < parts.length; i += 2) {
          String v = percentEncoded ? decode(parts[i + 1]) : parts[i + 1];
          if (v == null) {
            return new Problem(p.in().wireName() + " parameter " + p.name() + " is malformed");
          }
          out.set(parts[i], typed(v, properties(schema).path(parts[i])));
        }
      }
      return new Value(out);
    }
    String v = percentEncoded ? decode(raw) : raw.trim();
    if (v == null) {
      return new Problem(p.in().wireName() + " parameter " + p.name() + " is malformed");
    }
    return new Value(typed(v, schema));
  }

  private static Found json(String text) {
    try {
      JsonNode n = JsonMappers.plain().readTree(text);
      return n == null || n.isMissingNode() ? new Problem("the value is not JSON") : new Value(n);
    } catch (JacksonException e) {
      return new Problem("the value is not JSON");
    }
  }

  private static JsonNode properties(JsonNode schema) {
    return schema == null ? NODES.missingNode() : schema.path("properties");
  }

  /** The schema's type: its {@code type}, the first non-null of a list, else inferred. */
  static String type(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return "";
    }
    JsonNode t = schema.get("type");
    if (t != null && t.isString()) {
      return t.asString();
    }
    if (t != null && t.isArray()) {
      for (JsonNode x : t) {
        if (!x.asString("").equals("null")) {
          return x.asString("");
        }
      }
    }
    if (schema.has("properties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    return "";
  }

  /** A text typed as the schema's primitive type, when it reads as one; else the text. */
  static JsonNode typed(String text, JsonNode schema) {
    switch (type(schema)) {
      case "integer":
        if (text.matches("-?[0-9]{1,18}")) {
          return NODES.numberNode(Long.parseLong(text));
        }
        if (text.matches("-?[0-9]{1,1000}")) {
          return NODES.numberNode(new java.math.BigInteger(text));
        }
        break;
      case "number":
        if (text.matches("-?(0|[1-9][0-9]{0,300})(\\.[0-9]{1,300})?([eE][+-]?[0-9]{1,4})?")) {
          return NODES.numberNode(new java.math.BigDecimal(text));
        }
        break;
      case "boolean":
        if (text.equals("true") || text.equals("false")) {
          return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        break;
      case "null":
        if (text.isEmpty() || text.equals("null")) {
          return NODES.nullNode();
        }
        break;
      default:
        break;
    }
    return NODES.stringNode(text);
  }

  /** Percent-decoding as UTF-8, {@code +} kept; null when malformed. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      byte[] bytes =
          URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.ISO_8859_1)
              .getBytes(StandardCharsets.ISO_8859_1);
      java.nio.charset.CharsetDecoder d =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
      return d.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }
}
