package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.JsonMappers;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random values for round-trip tests, from a seed (so a failure names the seed that reproduces it),
 * drawn from characters that stress the codecs: every delimiter of every style, {@code %} and
 * {@code %41}-like triples, {@code +}, spaces, non-ASCII and characters outside the BMP. A {@link
 * Limits} leaves out what a location or style cannot carry by definition.
 */
final class CodecValues {

  private static final String[] ATOMS = {
    "a", "Z", "0", "9", "-", ".", "_", "~", " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*",
    "+", ",", "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "^", "`", "{", "|", "}",
        "%41",
    "%zz", "é", "€", "中", "😀", "blue", "true", "5", "null"
  };

  private static final String VISIBLE = "abcXYZ0189-._~!\"#$%&'()*+/:;<=>?@[\\]^`{|}";

  /**
   * What a value may not hold.
   *
   * @param headerSafe visible ASCII and interior spaces only
   * @param forbidden characters no string may hold
   */
  record Limits(boolean headerSafe, String forbidden) {
    static final Limits NONE = new Limits(false, "");

    Limits also(String chars) {
      return new Limits(headerSafe, forbidden + chars);
    }
  }

  private final Random random;

  CodecValues(long seed) {
    this.random = new Random(seed);
  }

  /** A non-empty string within the limits. */
  String text(Limits limits) {
    StringBuilder out = new StringBuilder();
    int length = 1 + random.nextInt(6);
    while (out.length() < length) {
      String atom =
          limits.headerSafe()
              ? String.valueOf(VISIBLE.charAt(random.nextInt(VISIBLE.length())))
              : ATOMS[random.nextInt(ATOMS.length)];
      if (atom.chars().noneMatch(c -> limits.forbidden().indexOf(c) >= 0)) {
        out.append(atom);
      }
    }
    if (limits.headerSafe() && random.nextInt(4) == 0 && out.length() > 1) {
      out.insert(1, ' ');
    }
    return out.toString();
  }

  JsonNode integer() {
    return switch (random.nextInt(4)) {
      case 0 -> JsonMappers.plain().getNodeFactory().numberNode(random.nextInt(10));
      case 1 -> JsonMappers.plain().getNodeFactory().numberNode(-random.nextInt(1_000_000));
      case 2 -> JsonMappers.plain().getNodeFactory().numberNode(random.nextLong());
      default -> JsonMappers.plain().getNodeFactory().numberNode(random.nextInt());
    };
  }

  JsonNode bool() {
    return JsonMappers.plain().getNodeFactory().booleanNode(random.nextBoolean());
  }

  ArrayNode array(int max, java.util.function.Supplier<JsonNode> item) {
    ArrayNode a = JsonMappers.plain().createArrayNode();
    int n = 1 + random.nextInt(max);
    for (int i = 0; i < n; i++) {
      a.add(item.get());
    }
    return a;
  }

  /** An object of random keys (non-empty, within the limits) and string values. */
  ObjectNode map(Limits keyLimits, Limits valueLimits) {
    ObjectNode o = JsonMappers.plain().createObjectNode();
    int n = 1 + random.nextInt(3);
    while (o.size() < n) {
      o.put(text(keyLimits), text(valueLimits));
    }
    return o;
  }

  boolean chance(int inN) {
    return random.nextInt(inN) == 0;
  }
}
