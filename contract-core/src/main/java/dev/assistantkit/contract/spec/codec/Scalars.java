package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.codec.SchemaShape.Scalar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Texts to typed values and back. A text is coerced only when the schema does not take it as a
 * string already (so {@code type: [integer, string]} keeps {@code "5"} a string, as AJV's
 * coerceTypes does): to a number when it is a JSON number and the schema allows integer or number,
 * to a boolean when it is {@code true} or {@code false} and the schema allows boolean, to null when
 * it is {@code null} and the schema allows null. Anything else stays a string, for schema
 * validation to report the type.
 *
 * <p>Numbers are bounded: at most {@value #MAX_NUMBER_LENGTH} characters and an exponent of at most
 * four digits; a longer text stays a string (a client's {@code 1e2147483648} must not turn into a
 * BigDecimal some later step cannot convert).
 */
final class Scalars {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final int MAX_NUMBER_LENGTH = 400;

  private Scalars() {}

  static JsonNode coerce(String text, SchemaShape shape) {
    Set<Scalar> types = shape.scalars();
    if (types.isEmpty() || types.contains(Scalar.STRING)) {
      return NODES.stringNode(text);
    }
    if (types.contains(Scalar.INTEGER) || types.contains(Scalar.NUMBER)) {
      JsonNode n = number(text);
      if (n != null) {
        return n;
      }
    }
    if (types.contains(Scalar.BOOLEAN) && (text.equals("true") || text.equals("false"))) {
      return NODES.booleanNode(text.equals("true"));
    }
    if (types.contains(Scalar.NULL) && text.equals("null")) {
      return NODES.nullNode();
    }
    return NODES.stringNode(text);
  }

  /** A JSON number's node, or null when the text is not a JSON number within the bounds. */
  static JsonNode number(String text) {
    int n = text.length();
    if (n == 0 || n > MAX_NUMBER_LENGTH) {
      return null;
    }
    int i = text.charAt(0) == '-' ? 1 : 0;
    int intStart = i;
    i = digits(text, i);
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
      return null;
    }
    if (i == n) {
      return integer(text, intDigits);
    }
    if (text.charAt(i) == '.') {
      int fracStart = ++i;
      i = digits(text, i);
      if (i == fracStart) {
        return null;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      i = digits(text, i);
      if (i == expStart || i - expStart > 4) {
        return null;
      }
    }
    return i == n ? NODES.numberNode(new BigDecimal(text)) : null;
  }

  /** As Jackson reads a JSON integer: an int node when it fits, else a long, else a BigInteger. */
  private static JsonNode integer(String text, int digits) {
    if (digits > 18) {
      return NODES.numberNode(new BigInteger(text));
    }
    long v = Long.parseLong(text);
    return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
  }

  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
