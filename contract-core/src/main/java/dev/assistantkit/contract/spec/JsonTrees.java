package dev.assistantkit.contract.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * JSON text to a tree, token by token, without failing on a value a client may send: every number
 * is kept as the number sent (as a {@code BigDecimal}, or as its text when no Java type holds it:
 * {@link NumberAsSent}), and a string that is not valid Unicode (an unpaired surrogate escape such
 * as {@code "\ud800"}, which JSON's grammar allows) is reported, not hidden. Jackson's own tree
 * reader turns {@code 1E+2147483648} into a {@code NumberFormatException} far from the parser.
 *
 * <p>Duplicate keys: the last wins, unless the parser refuses them (its strict duplicate
 * detection); the parser's limits (depth, lengths) apply as it reads.
 */
public final class JsonTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The most digits an integer is judged with: a larger one (1E+5000, or one past what BigDecimal
   * holds) is judged as 10^1000, larger than any bound a document states.
   */
  private static final int JUDGED_DIGITS = 1000;

  private static final BigInteger HUGE = BigInteger.TEN.pow(JUDGED_DIGITS);

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** A stand-in for a number too close to 0 for BigDecimal: not integral, not 0. */
  private static final BigDecimal TINY = new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE);

  private JsonTrees() {}

  /**
   * A value read.
   *
   * @param tree the value as sent (to store and show)
   * @param judged the value as a schema judges it: the same tree, but for each {@link NumberAsSent}
   *     a number of the same sign, integrality and order against any bound a document can state
   *     ({@code ±1E+2147483647} or {@code ±1E-2147483647})
   * @param notUnicode where a string or a name is not valid Unicode (a JSON Pointer and what is
   *     wrong), when one is
   */
  public record JsonRead(JsonNode tree, JsonNode judged, Optional<String> notUnicode) {}

  /**
   * Reads the next value of a parser to its end (empty when there is none).
   *
   * @throws JacksonException when the text is not JSON or breaks the parser's limits
   */
  public static Optional<JsonRead> read(JsonParser p) {
    JsonToken first = p.nextToken();
    if (first == null) {
      return Optional.empty();
    }
    Deque<ContainerNode<?>> open = new ArrayDeque<>();
    String name = null;
    String notUnicode = null;
    boolean rewrite = false;
    JsonNode root = null;
    for (JsonToken t = first; t != null; t = open.isEmpty() ? null : p.nextToken()) {
      JsonNode value;
      switch (t) {
        case START_OBJECT -> value = NODES.objectNode();
        case START_ARRAY -> value = NODES.arrayNode();
        case END_OBJECT, END_ARRAY -> {
          open.pop();
          continue;
        }
        case PROPERTY_NAME -> {
          name = p.currentName();
          if (notUnicode == null && !isUnicode(name)) {
            notUnicode = where(p, "a name");
          }
          continue;
        }
        case VALUE_STRING -> {
          String s = p.getString();
          if (notUnicode == null && !isUnicode(s)) {
            notUnicode = where(p, "a string");
          }
          value = NODES.stringNode(s);
        }
        case VALUE_NUMBER_INT -> value = integer(p);
        case VALUE_NUMBER_FLOAT -> {
          value = decimal(p.getString());
          rewrite |= value instanceof POJONode || !inLongRange(value.decimalValue());
        }
        case VALUE_TRUE -> value = NODES.booleanNode(true);
        case VALUE_FALSE -> value = NODES.booleanNode(false);
        case VALUE_NULL -> value = NODES.nullNode();
        default -> throw new IllegalStateException("unexpected token " + t);
      }
      ContainerNode<?> parent = open.peek();
      if (parent == null) {
        root = value;
      } else if (parent instanceof ObjectNode o) {
        o.set(name, value);
      } else {
        ((ArrayNode) parent).add(value);
      }
      if (value instanceof ContainerNode<?> c) {
        open.push(c);
      }
    }
    return Optional.of(
        new JsonRead(root, rewrite ? judged(root) : root, Optional.ofNullable(notUnicode)));
  }

  /** Whether every surrogate in the text is one half of a pair. */
  public static boolean isUnicode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String where(JsonParser p, String what) {
    String pointer = p.streamReadContext().pathAsPointer().toString();
    String shown = pointer.replaceAll("[^\\x20-\\x7e]", "?");
    return what
        + " at "
        + (shown.length() > 80 ? "(a pointer of " + shown.length() + " characters)" : shown)
        + " holds an unpaired surrogate";
  }

  private static JsonNode integer(JsonParser p) {
    return switch (p.getNumberType()) {
      case INT -> NODES.numberNode(p.getIntValue());
      case LONG -> NODES.numberNode(p.getLongValue());
      default -> NODES.numberNode(p.getBigIntegerValue());
    };
  }

  /** The number as sent: a BigDecimal (trailing zeros kept), or its text when none holds it. */
  static JsonNode decimal(String text) {
    try {
      return NODES.numberNode(new BigDecimal(text));
    } catch (NumberFormatException | ArithmeticException e) {
      return NODES.pojoNode(new NumberAsSent(text));
    }
  }

  /** A copy of the tree as a validator compares it ({@link JsonRead#judged()}). */
  private static JsonNode judged(JsonNode n) {
    if (n instanceof POJONode pojo && pojo.getPojo() instanceof NumberAsSent number) {
      return judgedNumber(standIn(number.text()));
    }
    if (n.isBigDecimal()) {
      return judgedNumber(n.decimalValue());
    }
    if (n.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        copy.set(e.getKey(), judged(e.getValue()));
      }
      return copy;
    }
    if (n.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      n.forEach(v -> copy.add(judged(v)));
      return copy;
    }
    return n;
  }

  /** An integer past 64 bits as a BigInteger of at most 1001 digits; any other number as is. */
  private static JsonNode judgedNumber(BigDecimal d) {
    if (inLongRange(d) || !isIntegral(d)) {
      return NODES.numberNode(d);
    }
    if ((long) d.precision() - d.scale() > JUDGED_DIGITS) {
      return NODES.numberNode(d.signum() < 0 ? HUGE.negate() : HUGE);
    }
    return NODES.numberNode(d.toBigIntegerExact());
  }

  private static boolean inLongRange(BigDecimal d) {
    return d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0;
  }

  private static boolean isIntegral(BigDecimal d) {
    return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /**
   * What a schema judges for a number no BigDecimal holds: only its exponent is out of range, so it
   * is either larger than any number a document can state (an integer) or closer to 0 than any (not
   * an integer), or 0 itself.
   */
  static BigDecimal standIn(String text) {
    int e = Math.max(text.indexOf('e'), text.indexOf('E'));
    String mantissa = e < 0 ? text : text.substring(0, e);
    if (mantissa.chars().noneMatch(c -> c >= '1' && c <= '9')) {
      return BigDecimal.ZERO;
    }
    boolean negative = text.startsWith("-");
    boolean small = e >= 0 && e + 1 < text.length() && text.charAt(e + 1) == '-';
    BigDecimal magnitude = small ? TINY : new BigDecimal(HUGE);
    return negative ? magnitude.negate() : magnitude;
  }
}
