package dev.assistantkit.contract.generation;

import tools.jackson.databind.JsonNode;

/**
 * A schema node of the document and its {@code #/...} location: every schema the generator reads is
 * one of these, never a synthesized one, so any of them can be validated on its own.
 */
record SchemaAt(JsonNode node, String location) {

  /** The child at a relative path of raw (unescaped) segments. */
  SchemaAt child(String... segments) {
    JsonNode n = node;
    StringBuilder at = new StringBuilder(location);
    for (String s : segments) {
      n = n == null ? null : (n.isArray() ? n.get(Integer.parseInt(s)) : n.get(s));
      at.append('/').append(dev.assistantkit.contract.spec.SpecPointer.escape(s));
    }
    return new SchemaAt(n, at.toString());
  }

  boolean isFalse() {
    return node != null && node.isBoolean() && !node.asBoolean();
  }
}
