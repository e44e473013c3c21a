package dev.assistantkit.contract.generation;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Names for a property an object does not declare (to break {@code additionalProperties: false}, or
 * to hold a value of an {@code additionalProperties} schema): the first of a fixed list that no
 * schema declares, no {@code patternProperties} pattern matches and every {@code propertyNames}
 * schema accepts, so the same keyword gets the same name in every run.
 */
final class ExtraNames {

  private static final List<String> CANDIDATES =
      List.of(
          "extraProperty",
          "extra",
          "extra_property",
          "extra-property",
          "x",
          "EXTRA",
          "e1",
          "zz",
          "additional",
          "unexpected");

  private ExtraNames() {}

  /** The variant-th acceptable name, or null when none of the list is. */
  static String pick(List<SchemaAt> schemas, ValueMaker maker, int variant) {
    int skip = variant;
    for (String name : CANDIDATES) {
      if (acceptable(name, schemas, maker) && skip-- == 0) {
        return name;
      }
    }
    return null;
  }

  private static boolean acceptable(String name, List<SchemaAt> schemas, ValueMaker maker) {
    for (SchemaAt s : schemas) {
      JsonNode n = s.node();
      if (n == null || !n.isObject()) {
        continue;
      }
      JsonNode props = maker.sem.applies("properties") ? n.get("properties") : null;
      if (props != null && props.has(name)) {
        return false;
      }
      JsonNode pp = maker.sem.applies("patternProperties") ? n.get("patternProperties") : null;
      if (pp != null && pp.isObject()) {
        for (String p : pp.propertyNames()) {
          if (!maker.patterns.surelyMisses(p, name)) {
            return false;
          }
        }
      }
      JsonNode names = maker.sem.applies("propertyNames") ? n.get("propertyNames") : null;
      if (names != null) {
        SchemaAt at = s.child("propertyNames");
        CallState st = new CallState(Direction.RESPONSE, Plan.NONE, null);
        if (!maker.valid(List.of(at), JsonNodeFactory.instance.stringNode(name), "", st)) {
          return false;
        }
      }
    }
    return true;
  }
}
