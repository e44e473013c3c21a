package dev.assistantkit.contract.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the bundle tests look for in a loaded tree. */
final class BundleRefs {

  /** The corpus of real documents, beside the modules. */
  static final Path CORPUS = Path.of("..", "corpus");

  static final Path CAFE = CORPUS.resolve("redocly-cafe-starter/openapi.yaml");
  static final Path NHS = CORPUS.resolve("nhs-pds/personal-demographics.yaml");

  private BundleRefs() {}

  /**
   * A {@code $ref} in a tree.
   *
   * @param value what it says
   * @param at where it stands
   */
  record Ref(String value, String at) {}

  /** Every string {@code $ref} in the tree, anywhere. */
  static List<Ref> refs(JsonNode root) {
    List<Ref> out = new ArrayList<>();
    collect(root, "#", out);
    return out;
  }

  private static void collect(JsonNode n, String at, List<Ref> out) {
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        collect(n.get(i), at + "/" + i, out);
      }
    } else if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String child = at + "/" + SpecPointer.escape(e.getKey());
        if (e.getKey().equals("$ref") && e.getValue().isString()) {
          out.add(new Ref(e.getValue().asString(), child));
        } else {
          collect(e.getValue(), child, out);
        }
      }
    }
  }

  /** Every {@code $ref} of the document is a {@code #/...} pointer to a node it has. */
  static void assertAllInternalAndResolved(SpecDocument doc) {
    List<Ref> refs = refs(doc.root());
    assertTrue(!refs.isEmpty(), "the document has references");
    for (Ref r : refs) {
      assertTrue(r.value().startsWith("#/"), () -> r + " is not internal");
      assertTrue(doc.node(r.value()).isPresent(), () -> r + " names nothing");
      JsonNode end = doc.resolve(doc.require(r.value()));
      assertTrue(end != null && !end.has("$ref"), () -> r + " does not end at a node");
    }
  }
}
