package dev.assistantkit.contract.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A parsed OpenAPI document: read once, then only looked into. Knows nothing of any one API. */
public final class SpecDocument {

  /** The classpath name the product's spec ships under, inside contract-core's jar. */
  public static final String RESOURCE = "openapi.yaml";

  private final JsonNode root;
  private final String text;

  private SpecDocument(JsonNode root, String text) {
    this.root = root;
    this.text = text;
  }

  /** The spec that ships in contract-core's jar. */
  public static SpecDocument fromClasspath(String resource) {
    try (InputStream in = SpecDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return fromYaml(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A spec from YAML (or JSON) text.
   *
   * @throws IllegalStateException when the text is not a YAML mapping
   */
  public static SpecDocument fromYaml(String yaml) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(yaml);
    } catch (JacksonException e) {
      throw new IllegalStateException("the spec is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException("the spec is not a YAML mapping");
    }
    return new SpecDocument(root, yaml);
  }

  /** The document as it was read (YAML text). */
  public String text() {
    return text;
  }

  /** The node at a {@code #/...} pointer, if there is one. */
  public Optional<JsonNode> node(String pointer) {
    JsonNode n = root;
    for (String segment : SpecPointer.segments(pointer)) {
      n = n.isArray() && isIndex(segment) ? n.get(Integer.parseInt(segment)) : n.get(segment);
      if (n == null) {
        return Optional.empty();
      }
    }
    return Optional.of(n);
  }

  /** The node at a pointer, which the spec must have. */
  public JsonNode require(String pointer) {
    return node(pointer)
        .orElseThrow(() -> new IllegalStateException("the spec has nothing at " + pointer));
  }

  /** A node, following one {@code $ref} if it is a reference object. */
  public JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int hops = 0; n != null && n.isObject() && n.has("$ref") && hops < 16; hops++) {
      n = require(n.get("$ref").asString());
    }
    return n;
  }

  /** Every concrete location a pattern with {@code *} segments names. */
  public List<String> expand(String pattern) {
    List<String> found = new ArrayList<>();
    expand(root, SpecPointer.segments(pattern), 0, "#", found);
    return found;
  }

  private static void expand(JsonNode n, List<String> segs, int i, String at, List<String> out) {
    if (i == segs.size()) {
      out.add(at);
      return;
    }
    String s = segs.get(i);
    if (s.equals("*")) {
      if (n.isObject()) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          expand(e.getValue(), segs, i + 1, at + "/" + SpecPointer.escape(e.getKey()), out);
        }
      } else if (n.isArray()) {
        for (int k = 0; k < n.size(); k++) {
          expand(n.get(k), segs, i + 1, at + "/" + k, out);
        }
      }
      return;
    }
    JsonNode next = n.isArray() && isIndex(s) ? n.get(Integer.parseInt(s)) : n.get(s);
    if (next != null) {
      expand(next, segs, i + 1, at + "/" + SpecPointer.escape(s), out);
    }
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty()
        && segment.length() < 10
        && segment.chars().allMatch(Character::isDigit);
  }

  /** The value of an example given as a pointer to an Example Object (or to its value). */
  public JsonNode exampleValue(String pointer) {
    JsonNode e = resolve(require(pointer));
    return e.has("value") ? e.get("value") : e;
  }

  public JsonNode root() {
    return root;
  }
}
