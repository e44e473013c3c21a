package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.codec.SchemaShape.ShapeKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads deepObject pairs: {@code color[R]=100&color[G]=200}, names compared after percent-decoding
 * (so {@code color%5BR%5D}, as OAS 3.1.1 writes it, reads the same).
 *
 * <p>The OpenAPI Specification defines one level only ("the representation of array or object
 * properties is not defined"). Beyond it this reader follows Prism where Prism has a reading:
 * {@code color[a][b]=1} nests objects, {@code color[list][0]=x} indexes an array; it also reads
 * repeated {@code color[list]=x&color[list]=y} and {@code color[list][]=x} as arrays when the
 * schema says array. Malformed names that start with {@code color[} (an unclosed bracket, an empty
 * key where no array is, a gap in indexes, text after the last bracket, nesting deeper than the
 * settings allow) and a bare {@code color=} are {@link ProblemKind#STYLE_SYNTAX}.
 */
final class DeepObjectReader {

  private final String name;
  private final SchemaShape shape;
  private final String pointer;
  private final int maxDepth;

  DeepObjectReader(String name, SchemaShape shape, String pointer, int maxDepth) {
    this.name = name;
    this.shape = shape;
    this.pointer = pointer;
    this.maxDepth = maxDepth;
  }

  JsonNode read(Fields fields, BitSet claimed) {
    ObjectNode root = Scalars.NODES.objectNode();
    String prefix = name + "[";
    for (int i = 0; i < fields.size(); i++) {
      String n = fields.name(i);
      if (n.equals(name)) {
        throw new CodecFailure(
            ProblemKind.STYLE_SYNTAX, pointer, "a deepObject is sent as name[key]=value");
      }
      if (!n.startsWith(prefix)) {
        continue;
      }
      claimed.set(i);
      List<String> keys = keys(n);
      put(root, shape, keys, 0, fields.raw(i), fields.unescape(), pointer);
    }
    return root.isEmpty() ? null : root;
  }

  private List<String> keys(String n) {
    List<String> keys = new ArrayList<>();
    int at = name.length();
    while (at < n.length()) {
      int close = n.indexOf(']', at);
      if (n.charAt(at) != '[' || close < 0 || n.lastIndexOf('[', close) != at) {
        throw new CodecFailure(
            ProblemKind.STYLE_SYNTAX, pointer, "a deepObject key has unbalanced brackets");
      }
      keys.add(n.substring(at + 1, close));
      if (keys.size() > maxDepth) {
        throw new CodecFailure(
            ProblemKind.STYLE_SYNTAX, pointer, "a deepObject key nests deeper than " + maxDepth);
      }
      at = close + 1;
    }
    return keys;
  }

  private void put(
      JsonNode node, SchemaShape s, List<String> keys, int at, String raw, Unescape u, String ptr) {
    String key = keys.get(at);
    boolean last = at == keys.size() - 1;
    if (node instanceof ArrayNode array) {
      putInArray(array, s.items(), keys, at, raw, u, ptr);
      return;
    }
    ObjectNode object = (ObjectNode) node;
    String here = CodecProblem.child(ptr, key);
    if (key.isEmpty()) {
      throw new CodecFailure(ProblemKind.STYLE_SYNTAX, here, "an empty deepObject key");
    }
    SchemaShape property = s.property(key);
    JsonNode existing = object.get(key);
    if (last && property.kind() == ShapeKind.ARRAY) {
      arrayAt(object, key, existing, here).add(Pieces.scalar(raw, property.items(), u, here));
    } else if (last) {
      if (existing != null) {
        throw new CodecFailure(ProblemKind.DUPLICATE, here, "the deepObject key is sent twice");
      }
      object.set(key, Pieces.scalar(raw, property, u, here));
    } else {
      JsonNode child = existing;
      if (child == null) {
        child = container(property, keys.get(at + 1));
        object.set(key, child);
      }
      if (!child.isContainer()) {
        throw new CodecFailure(
            ProblemKind.STYLE_SYNTAX, here, "a deepObject key is both a value and a container");
      }
      put(child, property, keys, at + 1, raw, u, here);
    }
  }

  private void putInArray(
      ArrayNode array,
      SchemaShape items,
      List<String> keys,
      int at,
      String raw,
      Unescape u,
      String ptr) {
    String key = keys.get(at);
    int index = key.isEmpty() ? array.size() : index(key, ptr);
    String here = CodecProblem.child(ptr, Integer.toString(index));
    if (index > array.size()) {
      throw new CodecFailure(
          ProblemKind.STYLE_SYNTAX, here, "a gap in a deepObject array's indexes");
    }
    if (at == keys.size() - 1) {
      if (index < array.size()) {
        throw new CodecFailure(ProblemKind.DUPLICATE, here, "the deepObject item is sent twice");
      }
      array.add(Pieces.scalar(raw, items, u, here));
      return;
    }
    JsonNode child = index < array.size() ? array.get(index) : null;
    if (child == null) {
      child = container(items, keys.get(at + 1));
      array.add(child);
    } else if (!child.isContainer()) {
      throw new CodecFailure(
          ProblemKind.STYLE_SYNTAX, here, "a deepObject item is both a value and a container");
    }
    put(child, items, keys, at + 1, raw, u, here);
  }

  private ArrayNode arrayAt(ObjectNode object, String key, JsonNode existing, String here) {
    if (existing == null) {
      return object.putArray(key);
    }
    if (!existing.isArray()) {
      throw new CodecFailure(
          ProblemKind.STYLE_SYNTAX, here, "a deepObject key is both a value and a container");
    }
    return (ArrayNode) existing;
  }

  private static JsonNode container(SchemaShape s, String nextKey) {
    boolean array =
        s.kind() == ShapeKind.ARRAY
            || (s.kind() != ShapeKind.OBJECT && (nextKey.isEmpty() || isIndex(nextKey)));
    return array ? Scalars.NODES.arrayNode() : Scalars.NODES.objectNode();
  }

  private static boolean isIndex(String key) {
    return !key.isEmpty() && key.length() <= 4 && key.chars().allMatch(Character::isDigit);
  }

  private static int index(String key, String ptr) {
    if (!isIndex(key)) {
      throw new CodecFailure(
          ProblemKind.STYLE_SYNTAX, ptr, "a deepObject array is indexed by numbers");
    }
    return Integer.parseInt(key);
  }
}
