package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Media type names and parameters, and the JSON text some fields and parameters carry. */
final class MediaTypes {

  private MediaTypes() {}

  /** The type/subtype, lower case, without parameters. */
  static String essence(String mediaType) {
    int semi = mediaType.indexOf(';');
    return (semi < 0 ? mediaType : mediaType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /** {@code application/json} and every {@code +json} suffix. */
  static boolean isJson(String mediaType) {
    String e = essence(mediaType);
    return e.equals("application/json") || e.endsWith("+json");
  }

  /** Whether a part of this media type holds text ({@code text/*}, JSON, XML, form-urlencoded). */
  static boolean isText(String mediaType) {
    String e = essence(mediaType);
    return e.startsWith("text/")
        || isJson(e)
        || e.equals("application/xml")
        || e.endsWith("+xml")
        || e.equals("application/x-www-form-urlencoded");
  }

  /**
   * A parameter of a header value such as {@code multipart/form-data; boundary="a b"} or {@code
   * form-data; name="f"}: a token or a quoted-string (with {@code \"} and {@code \\} unescaped),
   * the name compared case-insensitively. One pass over the value.
   */
  static Optional<String> parameter(String headerValue, String name) {
    for (String[] p : parameters(headerValue)) {
      if (p[0].equalsIgnoreCase(name)) {
        return Optional.of(p[1]);
      }
    }
    return Optional.empty();
  }

  /** Every {@code ;name=value} parameter after the first {@code ;}, in order. */
  static List<String[]> parameters(String headerValue) {
    List<String[]> out = new ArrayList<>();
    int i = headerValue.indexOf(';');
    int n = headerValue.length();
    while (i >= 0 && i < n) {
      int eq = headerValue.indexOf('=', i + 1);
      int nextSemi = headerValue.indexOf(';', i + 1);
      if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
        i = nextSemi;
        continue;
      }
      String name = headerValue.substring(i + 1, eq).strip();
      int v = eq + 1;
      while (v < n && (headerValue.charAt(v) == ' ' || headerValue.charAt(v) == '\t')) {
        v++;
      }
      StringBuilder value = new StringBuilder();
      i =
          v < n && headerValue.charAt(v) == '"'
              ? quoted(headerValue, v + 1, value)
              : token(headerValue, v, value);
      out.add(new String[] {name, value.toString()});
      i = headerValue.indexOf(';', i);
    }
    return out;
  }

  private static int quoted(String s, int from, StringBuilder value) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '"') {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
        value.append(s.charAt(i + 1));
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    return i + 1;
  }

  private static int token(String s, int from, StringBuilder value) {
    int end = s.indexOf(';', from);
    end = end < 0 ? s.length() : end;
    value.append(s, from, end);
    int len = value.length();
    while (len > 0 && (value.charAt(len - 1) == ' ' || value.charAt(len - 1) == '\t')) {
      len--;
    }
    value.setLength(len);
    return end;
  }

  /**
   * JSON text to a node, with Jackson's default bounds (nesting, number and string lengths).
   *
   * @throws CodecFailure when the text is not one JSON value
   */
  static JsonNode json(String text, String pointer) {
    JsonNode node;
    try {
      node = JsonMappers.plain().readTree(text);
    } catch (JacksonException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new CodecFailure(ProblemKind.CONTENT_SYNTAX, pointer, "not JSON" + where);
    }
    if (node == null || node.isMissingNode()) {
      throw new CodecFailure(ProblemKind.CONTENT_SYNTAX, pointer, "empty where JSON is expected");
    }
    return node;
  }
}
