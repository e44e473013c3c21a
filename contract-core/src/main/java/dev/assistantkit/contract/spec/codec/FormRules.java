package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.codec.SchemaShape.ShapeKind;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A form body's Media Type Object, read once: the body schema's shape and one {@link FieldRule} per
 * declared property. Decodes name=value fields (a form-urlencoded body, or a multipart body's
 * parts) to a JSON object.
 *
 * <p>Fields no property declares are kept (so that {@code additionalProperties: false} is reported
 * by validation): as strings coerced by {@code additionalProperties}, an array of them when the
 * name is sent more than once.
 */
final class FormRules {

  private final SchemaShape body;
  private final Map<String, FieldRule> rules;
  private final CodecSettings settings;

  private FormRules(SchemaShape body, Map<String, FieldRule> rules, CodecSettings settings) {
    this.body = body;
    this.rules = rules;
    this.settings = settings;
  }

  static FormRules of(
      JsonNode mediaType,
      UnaryOperator<JsonNode> resolve,
      boolean stylesApply,
      CodecSettings settings) {
    JsonNode mt = ParameterCodec.resolvedObject(mediaType, resolve);
    SchemaShape body = SchemaShape.of(mt.get("schema"), resolve);
    JsonNode encoding = mt.path("encoding");
    Map<String, FieldRule> rules = new LinkedHashMap<>();
    for (String name : body.propertyNames()) {
      JsonNode e = SchemaShape.resolveSafely(encoding.get(name), resolve);
      rules.put(name, FieldRule.of(name, e, body.property(name), stylesApply));
    }
    return new FormRules(body, rules, settings);
  }

  /** The rule of a field: declared, or content-based by {@code additionalProperties}. */
  FieldRule rule(String name) {
    FieldRule r = rules.get(name);
    return r != null ? r : FieldRule.of(name, null, body.property(name), false);
  }

  /**
   * The body as a JSON object.
   *
   * @param files positions whose values are file placeholders, never parsed or coerced
   */
  ObjectNode decode(Fields fields, BitSet files) {
    ObjectNode out = Scalars.NODES.objectNode();
    BitSet claimed = new BitSet();
    for (FieldRule r : rules.values()) {
      if (r.style() != null) {
        String ptr = CodecProblem.child("", r.name());
        Predicate<String> foreign =
            key ->
                !key.equals(r.name())
                    && (rules.containsKey(key) || rules.containsKey(baseName(key)));
        JsonNode v =
            new FieldsReader(
                    r.name(), r.style(), r.explode(), r.shape(), ptr, false, false, settings)
                .read(fields, foreign, claimed);
        if (v != null) {
          out.set(r.name(), v);
        }
      }
    }
    for (FieldRule r : rules.values()) {
      if (r.style() == null) {
        List<Integer> at = fields.indexes(r.name());
        at.forEach(claimed::set);
        JsonNode v = contentValue(r, at, fields, files, false);
        if (v != null) {
          out.set(r.name(), v);
        }
      }
    }
    for (int i = claimed.nextClearBit(0); i < fields.size(); i = claimed.nextClearBit(i + 1)) {
      String name = fields.name(i);
      List<Integer> at = fields.indexes(name);
      at.forEach(claimed::set);
      out.set(name, contentValue(rule(name), at, fields, files, true));
    }
    return out;
  }

  private static String baseName(String key) {
    int bracket = key.indexOf('[');
    return bracket < 0 ? key : key.substring(0, bracket);
  }

  private JsonNode contentValue(
      FieldRule r, List<Integer> at, Fields fields, BitSet files, boolean unknown) {
    if (at.isEmpty()) {
      return null;
    }
    String ptr = CodecProblem.child("", r.name());
    boolean many = r.shape().kind() == ShapeKind.ARRAY || (unknown && at.size() > 1);
    if (many) {
      SchemaShape items = r.shape().kind() == ShapeKind.ARRAY ? r.shape().items() : r.shape();
      ArrayNode array = Scalars.NODES.arrayNode(at.size());
      for (int j = 0; j < at.size(); j++) {
        array.add(
            one(r, items, fields, at.get(j), files, CodecProblem.child(ptr, Integer.toString(j))));
      }
      return array;
    }
    if (at.size() > 1) {
      throw new CodecFailure(
          ProblemKind.DUPLICATE, ptr, "sent " + at.size() + " times, but holds one value");
    }
    return one(r, r.shape(), fields, at.get(0), files, ptr);
  }

  private static JsonNode one(
      FieldRule r, SchemaShape shape, Fields fields, int i, BitSet files, String ptr) {
    String text = fields.unescape().apply(fields.raw(i), ptr);
    if (files.get(i)) {
      return Scalars.NODES.stringNode(text);
    }
    if (r.json()) {
      return MediaTypes.json(text, ptr);
    }
    return shape.kind() == ShapeKind.PRIMITIVE
        ? Scalars.coerce(text, shape)
        : Scalars.NODES.stringNode(text);
  }
}
