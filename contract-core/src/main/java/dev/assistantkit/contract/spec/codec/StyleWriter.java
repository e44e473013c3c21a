package dev.assistantkit.contract.spec.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes a value in its style (OpenAPI "Style Examples", RFC 6570 where the OAS defers to it). The
 * value's own JSON type decides primitive, array or object. RFC 6570's undefined values (null, an
 * empty array or object) write nothing. Items and property values must be scalars: nested
 * containers are {@link ProblemKind#UNREPRESENTABLE}, except under deepObject, which writes nested
 * objects as {@code name[a][b]} and arrays with explicit indexes {@code name[list][0]} (the form
 * Prism reads).
 */
final class StyleWriter {

  private final String name;
  private final ParameterStyle style;
  private final boolean explode;
  private final Escaping escaping;
  private final boolean allowReserved;
  private final String pointer;

  StyleWriter(
      String name,
      ParameterStyle style,
      boolean explode,
      Escaping escaping,
      boolean allowReserved,
      String pointer) {
    this.name = name;
    this.style = style;
    this.explode = explode;
    this.escaping = escaping;
    this.allowReserved = allowReserved;
    this.pointer = pointer;
  }

  static boolean undefined(JsonNode v) {
    return v == null || v.isMissingNode() || v.isNull() || (v.isContainer() && v.isEmpty());
  }

  /** simple, label, matrix: the one string ({@code ""} when undefined). */
  String single(JsonNode v) {
    if (undefined(v)) {
      return "";
    }
    return switch (style) {
      case SIMPLE -> joined(v, ",", explode ? "=" : ",", ",");
      case LABEL -> "." + joined(v, explode ? "." : ",", explode ? "=" : ",", ",.");
      case MATRIX -> matrix(v);
      default -> throw new IllegalStateException(style + " writes pairs");
    };
  }

  /**
   * The items (or key/value pieces) of a value, escaped and joined.
   *
   * @param itemDelimiter between array items and between an object's entries
   * @param keyDelimiter between a key and its value
   * @param delimiters the characters to escape inside items and values; keys also escape the key
   *     delimiter
   */
  private String joined(JsonNode v, String itemDelimiter, String keyDelimiter, String delimiters) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        items.add(value(v.get(i), CodecProblem.child(pointer, Integer.toString(i)), delimiters));
      }
      return String.join(itemDelimiter, items);
    }
    if (v.isObject()) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        String at = CodecProblem.child(pointer, e.getKey());
        String key = escaping.value(e.getKey(), allowReserved, delimiters + keyDelimiter, at);
        entries.add(key + keyDelimiter + value(e.getValue(), at, delimiters));
      }
      return String.join(itemDelimiter, entries);
    }
    return value(v, pointer, "");
  }

  private String value(JsonNode scalar, String at, String delimiters) {
    return escaping.value(Scalars.text(scalar, at), allowReserved, delimiters, at);
  }

  /** {@code ;color=blue}, {@code ;color=a,b} / {@code ;color=a;color=b}, {@code ;R=100;G=200}. */
  private String matrix(JsonNode v) {
    String n = escaping.name(name, pointer);
    if (v.isArray() && explode) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < v.size(); i++) {
        out.append(';')
            .append(n)
            .append(
                assigned(value(v.get(i), CodecProblem.child(pointer, Integer.toString(i)), ",;=")));
      }
      return out.toString();
    }
    if (v.isObject() && explode) {
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        String at = CodecProblem.child(pointer, e.getKey());
        out.append(';')
            .append(escaping.value(e.getKey(), false, ";=", at))
            .append(assigned(value(e.getValue(), at, ";=")));
      }
      return out.toString();
    }
    return ";" + n + assigned(joined(v, ",", ",", ",;"));
  }

  private static String assigned(String value) {
    return value.isEmpty() ? "" : "=" + value;
  }

  /** form, spaceDelimited, pipeDelimited, deepObject: name/value pairs (none when undefined). */
  List<Map.Entry<String, String>> pairs(JsonNode v) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (undefined(v)) {
      return out;
    }
    if (style == ParameterStyle.DEEP_OBJECT) {
      if (!v.isObject()) {
        throw new CodecFailure(
            ProblemKind.UNREPRESENTABLE, pointer, "deepObject writes objects only");
      }
      deep(name, v, pointer, out, 0);
      return out;
    }
    String n = escaping.name(name, pointer);
    if (v.isArray() && explode) {
      for (int i = 0; i < v.size(); i++) {
        out.add(
            Map.entry(n, value(v.get(i), CodecProblem.child(pointer, Integer.toString(i)), "")));
      }
    } else if (v.isObject() && explode) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        String at = CodecProblem.child(pointer, e.getKey());
        out.add(Map.entry(escaping.name(e.getKey(), at), value(e.getValue(), at, "")));
      }
    } else {
      String delimiter = delimiter();
      out.add(
          Map.entry(n, joined(v, delimiter, delimiter, style == ParameterStyle.FORM ? "," : "")));
    }
    return out;
  }

  private String delimiter() {
    boolean raw = escaping == Escaping.RAW;
    return switch (style) {
      case SPACE_DELIMITED -> raw ? " " : "%20";
      case PIPE_DELIMITED -> raw ? "|" : "%7C";
      default -> ",";
    };
  }

  private void deep(
      String path, JsonNode v, String at, List<Map.Entry<String, String>> out, int depth) {
    if (depth > SchemaShape.MAX_DEPTH) {
      throw new CodecFailure(ProblemKind.UNREPRESENTABLE, at, "a deepObject value nests too deep");
    }
    if (v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        String key = e.getKey();
        String here = CodecProblem.child(at, key);
        if (key.isEmpty() || key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
          throw new CodecFailure(
              ProblemKind.UNREPRESENTABLE,
              here,
              "a deepObject key cannot be empty or hold brackets");
        }
        deep(path + "[" + key + "]", e.getValue(), here, out, depth + 1);
      }
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        deep(
            path + "[" + i + "]",
            v.get(i),
            CodecProblem.child(at, Integer.toString(i)),
            out,
            depth + 1);
      }
    } else {
      out.add(Map.entry(escaping.name(path, at), value(v, at, "")));
    }
  }
}
