package dev.assistantkit.contract.spec.codec;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pieces of a serialized value, split on its style's delimiter first and only then decoded: a
 * comma a client escaped as {@code %2C} stays inside its item. Arrays and objects are assembled
 * here for every style.
 */
final class Pieces {

  private Pieces() {}

  /**
   * The raw pieces between delimiters (one pass; {@code ""} gives one empty piece), at most {@code
   * max} of them.
   *
   * @throws CodecFailure beyond {@code max} pieces ({@link ProblemKind#TOO_MANY_PAIRS})
   */
  static List<String> split(String s, char delimiter, boolean trim, int max, String pointer) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == delimiter) {
        if (out.size() == max) {
          throw tooMany(max, pointer);
        }
        String piece = s.substring(start, i);
        out.add(trim ? strip(piece) : piece);
        start = i + 1;
      }
    }
    return out;
  }

  static CodecFailure tooMany(int max, String pointer) {
    return new CodecFailure(
        ProblemKind.TOO_MANY_PAIRS, pointer, "a value of more than " + max + " pieces");
  }

  /** Optional whitespace (SP and HTAB, RFC 9110) off both ends. */
  static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  static JsonNode scalar(String raw, SchemaShape shape, Unescape unescape, String pointer) {
    return Scalars.coerce(unescape.apply(raw, pointer), shape);
  }

  static ArrayNode array(List<String> raws, SchemaShape shape, Unescape unescape, String pointer) {
    ArrayNode out = Scalars.NODES.arrayNode(raws.size());
    SchemaShape items = shape.items();
    for (String raw : raws) {
      out.add(scalar(raw, items, unescape, pointer));
    }
    return out;
  }

  /** {@code k,v,k,v}: keys and values alternate; an odd count is a syntax problem. */
  static ObjectNode keyValueList(
      List<String> raws, SchemaShape shape, Unescape unescape, String pointer) {
    if (raws.size() % 2 != 0) {
      throw new CodecFailure(
          ProblemKind.STYLE_SYNTAX,
          pointer,
          "an object's keys and values must alternate, but " + raws.size() + " pieces were sent");
    }
    ObjectNode out = Scalars.NODES.objectNode();
    for (int i = 0; i < raws.size(); i += 2) {
      put(out, unescape.apply(raws.get(i), pointer), raws.get(i + 1), shape, unescape, pointer);
    }
    return out;
  }

  /**
   * {@code k=v} pieces. A piece without {@code =} is a syntax problem, unless {@code
   * bareKeyIsEmpty} (matrix, RFC 6570 section 3.2.7: an empty value is written as the bare name).
   */
  static ObjectNode assignments(
      List<String> raws,
      SchemaShape shape,
      Unescape unescape,
      String pointer,
      boolean bareKeyIsEmpty) {
    ObjectNode out = Scalars.NODES.objectNode();
    for (String raw : raws) {
      int eq = raw.indexOf('=');
      if (eq < 0 && !bareKeyIsEmpty) {
        throw new CodecFailure(
            ProblemKind.STYLE_SYNTAX, pointer, "an exploded object's piece has no '='");
      }
      String key = unescape.apply(eq < 0 ? raw : raw.substring(0, eq), pointer);
      put(out, key, eq < 0 ? "" : raw.substring(eq + 1), shape, unescape, pointer);
    }
    return out;
  }

  private static void put(
      ObjectNode out,
      String key,
      String rawValue,
      SchemaShape shape,
      Unescape unescape,
      String pointer) {
    String at = CodecProblem.child(pointer, key);
    if (out.has(key)) {
      throw new CodecFailure(ProblemKind.DUPLICATE, at, "the key is sent twice");
    }
    out.set(key, scalar(rawValue, shape.property(key), unescape, at));
  }
}
