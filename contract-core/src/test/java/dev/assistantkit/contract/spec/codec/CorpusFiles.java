package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.SpecDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * A resolver for documents split across files (redocly-cafe-starter): a {@code $ref} is followed
 * relative to the file its node was read from, fragments included. Test code, to show the codecs
 * take any resolver.
 */
final class CorpusFiles implements UnaryOperator<JsonNode> {

  private final Map<Path, JsonNode> files = new HashMap<>();
  private final Map<JsonNode, Path> origin = new IdentityHashMap<>();

  JsonNode load(Path file) {
    Path f = file.normalize();
    JsonNode root = files.get(f);
    if (root == null) {
      try {
        root = SpecDocument.fromYaml(Files.readString(f)).root();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.put(f, root);
      register(root, f);
    }
    return root;
  }

  private void register(JsonNode n, Path f) {
    if (n.isContainer()) {
      origin.put(n, f);
      n.values().forEach(child -> register(child, f));
    }
  }

  @Override
  public JsonNode apply(JsonNode node) {
    JsonNode n = node;
    for (int hops = 0; n != null && n.isObject() && n.has("$ref") && hops < 16; hops++) {
      String ref = n.get("$ref").asString();
      int hash = ref.indexOf('#');
      String file = hash < 0 ? ref : ref.substring(0, hash);
      String fragment = hash < 0 ? "" : ref.substring(hash + 1);
      Path base = origin.get(n);
      JsonNode root = file.isEmpty() ? files.get(base) : load(base.resolveSibling(file));
      n = fragment.isEmpty() ? root : root.at(fragment);
    }
    return n;
  }
}
