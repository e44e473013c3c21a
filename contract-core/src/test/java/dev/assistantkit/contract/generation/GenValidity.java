package dev.assistantkit.contract.generation;

import com.networknt.schema.Error;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The tests' own judge of a generated instance, independent of the generator: the validator's
 * errors, but for a {@code required} property the direction hides ({@code readOnly} in a request,
 * {@code writeOnly} in a response), which the generator leaves out on purpose.
 */
final class GenValidity {

  private GenValidity() {}

  /** The errors that count, as "location @ instance" strings. */
  static List<String> errors(
      SpecDocument spec, SchemaSet schemas, String pointer, JsonNode instance, Direction d) {
    List<String> out = new ArrayList<>();
    for (Error e : schemas.validate(schemas.at(pointer), instance)) {
      String location = SchemaSet.location(e);
      if (e.getKeyword().equals("required")
          && hides(
              spec,
              location.substring(0, location.length() - "/required".length()),
              e.getProperty(),
              d,
              0)) {
        continue;
      }
      out.add(location + " @ '" + e.getInstanceLocation() + "' " + e.getMessage());
    }
    return out;
  }

  /** Whether the schema at a location declares the property read-only/write-only (for the side). */
  static boolean hides(SpecDocument spec, String schemaAt, String name, Direction d, int depth) {
    if (depth > 16) {
      return false;
    }
    String kw = d == Direction.REQUEST ? "readOnly" : "writeOnly";
    JsonNode schema = spec.node(schemaAt).orElse(null);
    if (schema == null || !schema.isObject()) {
      return false;
    }
    if (schema.has("$ref") && hides(spec, schema.get("$ref").asString(), name, d, depth + 1)) {
      return true;
    }
    JsonNode prop = schema.path("properties").get(name);
    if (prop != null) {
      if (prop.path(kw).asBoolean(false)) {
        return true;
      }
      String propAt = schemaAt + "/properties/" + SpecPointer.escape(name);
      if (prop.has("$ref") && flag(spec, prop.get("$ref").asString(), kw, depth + 1)) {
        return true;
      }
      if (flag(spec, propAt, kw, depth + 1)) {
        return true;
      }
    }
    JsonNode allOf = schema.get("allOf");
    for (int i = 0; allOf != null && i < allOf.size(); i++) {
      if (hides(spec, schemaAt + "/allOf/" + i, name, d, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean flag(SpecDocument spec, String at, String kw, int depth) {
    if (depth > 16) {
      return false;
    }
    JsonNode n = spec.node(at).orElse(null);
    if (n == null || !n.isObject()) {
      return false;
    }
    if (n.path(kw).asBoolean(false)) {
      return true;
    }
    if (n.has("$ref") && flag(spec, n.get("$ref").asString(), kw, depth + 1)) {
      return true;
    }
    JsonNode allOf = n.get("allOf");
    for (int i = 0; allOf != null && i < allOf.size(); i++) {
      if (flag(spec, at + "/allOf/" + i, kw, depth + 1)) {
        return true;
      }
    }
    return false;
  }
}
