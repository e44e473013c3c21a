package dev.assistantkit.contract.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.FloatNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.node.ShortNode;
import tools.jackson.databind.node.StringNode;

/**
 * A JSON tree as one string, and back, exactly: the same node classes, each number as it was held
 * (an {@code int}, a {@code BigDecimal} with its scale, a {@link NumberAsSent}), each string char
 * for char (an unpaired surrogate too), properties in order. What keeps trees for long (a journal's
 * thousand resource states) holds one string each instead of several objects per node.
 *
 * <p>The text is the kit's own, not JSON: a tag per node, lengths before what they measure. A tree
 * holding a node of another kind (binary, another POJO), or nested deeper than {@link #MAX_DEPTH},
 * is not written.
 */
public final class TreeText {

  /** The deepest tree written: a deeper one is kept as it is. */
  public static final int MAX_DEPTH = 64;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeText() {}

  /** The tree as text; empty when it holds a node of another kind, or nests deeper. */
  public static Optional<String> write(JsonNode tree) {
    StringBuilder out = new StringBuilder(512);
    return write(tree, out, 0) ? Optional.of(out.toString()) : Optional.empty();
  }

  /** The tree a text of {@link #write} stands for: a new tree, equal node for node. */
  public static JsonNode read(String text) {
    TreeTextReader r = new TreeTextReader(text);
    JsonNode tree = r.node();
    if (r.at != text.length()) {
      throw new IllegalArgumentException("not a tree's text: more after the tree");
    }
    return tree;
  }

  private static boolean write(JsonNode n, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    Class<?> c = n.getClass();
    if (c == ObjectNode.class) {
      out.append('{').append(n.size()).append(';');
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        chars(e.getKey(), out);
        if (!write(e.getValue(), out, depth + 1)) {
          return false;
        }
      }
    } else if (c == ArrayNode.class) {
      out.append('[').append(n.size()).append(';');
      for (JsonNode v : n) {
        if (!write(v, out, depth + 1)) {
          return false;
        }
      }
    } else if (c == StringNode.class) {
      out.append('s');
      chars(n.stringValue(), out);
    } else if (c == BooleanNode.class) {
      out.append(n.booleanValue() ? 't' : 'f');
    } else if (c == NullNode.class) {
      out.append('n');
    } else if (c == IntNode.class) {
      out.append('i').append(n.intValue()).append(';');
    } else if (c == LongNode.class) {
      out.append('l').append(n.longValue()).append(';');
    } else if (c == ShortNode.class) {
      out.append('h').append(n.shortValue()).append(';');
    } else if (c == BigIntegerNode.class) {
      out.append('g').append(n.bigIntegerValue()).append(';');
    } else if (c == DoubleNode.class) {
      out.append('d').append(n.doubleValue()).append(';');
    } else if (c == FloatNode.class) {
      out.append('r').append(n.floatValue()).append(';');
    } else if (c == DecimalNode.class) {
      out.append('b').append(n.decimalValue()).append(';');
    } else if (c == POJONode.class && ((POJONode) n).getPojo() instanceof NumberAsSent s) {
      out.append('p');
      chars(s.text(), out);
    } else {
      return false;
    }
    return true;
  }

  private static void chars(String s, StringBuilder out) {
    out.append(s.length()).append(':').append(s);
  }

  /** Reads a text of {@link #write} from its start. */
  private static final class TreeTextReader {
    private final String text;
    private int at;

    TreeTextReader(String text) {
      this.text = text;
    }

    JsonNode node() {
      char tag = text.charAt(at++);
      return switch (tag) {
        case '{' -> {
          ObjectNode o = NODES.objectNode();
          for (int i = count(); i > 0; i--) {
            String name = chars();
            o.set(name, node());
          }
          yield o;
        }
        case '[' -> {
          ArrayNode a = NODES.arrayNode();
          for (int i = count(); i > 0; i--) {
            a.add(node());
          }
          yield a;
        }
        case 's' -> NODES.stringNode(chars());
        case 't' -> BooleanNode.TRUE;
        case 'f' -> BooleanNode.FALSE;
        case 'n' -> NullNode.getInstance();
        case 'i' -> IntNode.valueOf(Integer.parseInt(until(';')));
        case 'l' -> LongNode.valueOf(Long.parseLong(until(';')));
        case 'h' -> ShortNode.valueOf(Short.parseShort(until(';')));
        case 'g' -> BigIntegerNode.valueOf(new BigInteger(until(';')));
        case 'd' -> DoubleNode.valueOf(Double.parseDouble(until(';')));
        case 'r' -> FloatNode.valueOf(Float.parseFloat(until(';')));
        case 'b' -> DecimalNode.valueOf(new BigDecimal(until(';')));
        case 'p' -> NODES.pojoNode(new NumberAsSent(chars()));
        default -> throw new IllegalArgumentException("not a tree's text: tag " + tag);
      };
    }

    private int count() {
      return Integer.parseInt(until(';'));
    }

    private String chars() {
      int length = Integer.parseInt(until(':'));
      String s = text.substring(at, at + length);
      at += length;
      return s;
    }

    private String until(char end) {
      int stop = text.indexOf(end, at);
      if (stop < 0) {
        throw new IllegalArgumentException("not a tree's text: no '" + end + "'");
      }
      String s = text.substring(at, stop);
      at = stop + 1;
      return s;
    }
  }
}
