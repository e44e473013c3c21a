package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.codec.SchemaShape.ShapeKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the styles that live among name=value pairs: form, spaceDelimited, pipeDelimited and
 * deepObject, in a query string, cookies, a form body or multipart fields.
 *
 * <ul>
 *   <li>A single-valued read (a primitive, a non-exploded array or object) of a name sent twice is
 *       a {@link ProblemKind#DUPLICATE} (servers disagree on which one wins; openapi-core takes the
 *       first, Prism the last), except for cookies, where the first wins (RFC 6265 section 5.4
 *       lists the most specific cookie first).
 *   <li>Exploded arrays are the values of every pair with the name, in order.
 *   <li>Exploded objects ({@code R=100&G=200}) take the pairs named by the schema's properties, as
 *       Prism does; a free-form map (no properties, or {@code additionalProperties} given) also
 *       takes every pair no other parameter claims.
 *   <li>spaceDelimited and pipeDelimited split on the delimiter sent raw or percent-encoded ({@code
 *       %20}, {@code +} where it means a space, {@code %7C}); an item holding an encoded delimiter
 *       cannot be told from two items (OAS 3.1.1 Appendix E). With explode=true (a combination the
 *       OAS table leaves n/a) they read like form, as Prism does.
 * </ul>
 */
final class FieldsReader {

  private final String name;
  private final ParameterStyle style;
  private final boolean explode;
  private final SchemaShape shape;
  private final String pointer;
  private final boolean firstWins;
  private final boolean refuseEmpty;
  private final int maxDepth;
  private final int maxPieces;

  FieldsReader(
      String name,
      ParameterStyle style,
      boolean explode,
      SchemaShape shape,
      String pointer,
      boolean firstWins,
      boolean refuseEmpty,
      CodecSettings settings) {
    this.name = name;
    this.style = style;
    this.explode = explode;
    this.shape = shape;
    this.pointer = pointer;
    this.firstWins = firstWins;
    this.refuseEmpty = refuseEmpty;
    this.maxDepth = settings.maxDepth();
    this.maxPieces = settings.maxPairs();
  }

  /**
   * The value, or null when none of its pairs was sent.
   *
   * @param foreign names that belong to other parameters (or fields)
   * @param claimed the positions read, marked here
   */
  JsonNode read(Fields fields, Predicate<String> foreign, BitSet claimed) {
    if (style == ParameterStyle.DEEP_OBJECT) {
      return new DeepObjectReader(name, shape, pointer, maxDepth).read(fields, claimed);
    }
    ShapeKind kind = shape.kind();
    if (kind == ShapeKind.ARRAY && explode) {
      return repeated(fields, claimed);
    }
    if (kind == ShapeKind.OBJECT && explode) {
      return spread(fields, foreign, claimed);
    }
    String raw = single(fields, claimed);
    if (raw == null) {
      return null;
    }
    Unescape u = fields.unescape();
    return switch (kind) {
      case PRIMITIVE -> Pieces.scalar(raw, shape, u, pointer);
      case ARRAY -> Pieces.array(split(raw, u), shape, u, pointer);
      case OBJECT ->
          raw.isEmpty()
              ? Scalars.NODES.objectNode()
              : Pieces.keyValueList(split(raw, u), shape, u, pointer);
    };
  }

  private String single(Fields fields, BitSet claimed) {
    List<Integer> at = fields.indexes(name);
    if (at.isEmpty()) {
      return null;
    }
    if (at.size() > 1 && !firstWins) {
      throw new CodecFailure(
          ProblemKind.DUPLICATE, pointer, "sent " + at.size() + " times, but holds one value");
    }
    at.forEach(claimed::set);
    String raw = fields.raw(at.get(0));
    if (raw.isEmpty() && refuseEmpty) {
      throw new CodecFailure(
          ProblemKind.EMPTY_VALUE, pointer, "sent empty, and allowEmptyValue is false");
    }
    return raw;
  }

  private JsonNode repeated(Fields fields, BitSet claimed) {
    List<Integer> at = fields.indexes(name);
    if (at.isEmpty()) {
      return null;
    }
    List<String> raws = new ArrayList<>(at.size());
    for (int i : at) {
      claimed.set(i);
      raws.add(fields.raw(i));
    }
    return Pieces.array(raws, shape, fields.unescape(), pointer);
  }

  private JsonNode spread(Fields fields, Predicate<String> foreign, BitSet claimed) {
    ObjectNode out = Scalars.NODES.objectNode();
    for (int i = 0; i < fields.size(); i++) {
      String key = fields.name(i);
      boolean mine =
          shape.propertyNames().contains(key) || (shape.claimsUnknownKeys() && !foreign.test(key));
      if (!mine || claimed.get(i)) {
        continue;
      }
      claimed.set(i);
      String at = CodecProblem.child(pointer, key);
      SchemaShape property = shape.property(key);
      JsonNode value =
          Pieces.scalar(
              fields.raw(i),
              property.kind() == ShapeKind.ARRAY ? property.items() : property,
              fields.unescape(),
              at);
      if (property.kind() == ShapeKind.ARRAY) {
        JsonNode list = out.get(key);
        (list == null ? out.putArray(key) : (ArrayNode) list).add(value);
      } else if (!out.has(key)) {
        out.set(key, value);
      } else if (!firstWins) {
        throw new CodecFailure(ProblemKind.DUPLICATE, at, "the key is sent twice");
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** The raw pieces of a non-exploded value, split on its style's delimiter. */
  private List<String> split(String raw, Unescape u) {
    return switch (style) {
      case SPACE_DELIMITED ->
          splitEncoded(
              raw, ' ', "%20", u.plusIsSpace() ? '+' : ' ', u.percent(), maxPieces, pointer);
      case PIPE_DELIMITED -> splitEncoded(raw, '|', "%7C", '|', u.percent(), maxPieces, pointer);
      default -> Pieces.split(raw, ',', false, maxPieces, pointer);
    };
  }

  private static List<String> splitEncoded(
      String raw,
      char delimiter,
      String encoded,
      char alias,
      boolean percent,
      int max,
      String pointer) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      int width = c == delimiter || c == alias ? 1 : 0;
      if (width == 0 && percent && raw.regionMatches(true, i, encoded, 0, 3)) {
        width = 3;
      }
      if (width > 0) {
        if (out.size() == max - 1) {
          throw Pieces.tooMany(max, pointer);
        }
        out.add(raw.substring(start, i));
        start = i + width;
        i += width;
      } else {
        i++;
      }
    }
    out.add(raw.substring(start));
    return out;
  }
}
