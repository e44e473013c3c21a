package dev.assistantkit.contract.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A parsed OpenAPI document: read once, then only looked into. Knows nothing of any one API.
 *
 * <p>A document split across files ({@link #fromFile}) is read into one tree in which every {@code
 * $ref} is internal: parts of other files are placed under {@code #/x-bundled/<path of the
 * file>/<fragment>} (see {@link SpecBundler}), only files inside the main file's directory are
 * read, nothing is fetched, and {@link SpecLimits} bound the work. A document whose references are
 * all internal is read as it is, at no extra cost.
 */
public final class SpecDocument {

  /** The classpath name the product's spec ships under, inside contract-core's jar. */
  public static final String RESOURCE = "openapi.yaml";

  private final JsonNode root;
  private final String text;
  private final OpenApiVersion version;
  private final List<Path> files;

  private SpecDocument(JsonNode root, String text, OpenApiVersion version, List<Path> files) {
    this.root = root;
    this.text = text;
    this.version = version;
    this.files = files;
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
   * A spec from one YAML (or JSON) text, every {@code $ref} in it internal.
   *
   * @throws SpecLoadException (an {@link IllegalStateException}) when the text is not a YAML
   *     mapping, is not OpenAPI 3.0/3.1, refers to other files (use {@link #fromFile}) or
   *     elsewhere, or crosses {@link SpecLimits#DEFAULT}
   */
  public static SpecDocument fromYaml(String yaml) {
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    JsonNode root = top(SpecParsing.parse(text, false, "", SpecLimits.DEFAULT).tree(), "");
    OpenApiVersion version = OpenApiVersion.of(root, "");
    RefScan.firstExternal(root, "")
        .ifPresent(
            ref -> {
              throw new SpecLoadException(
                  SpecLoadException.Reason.UNSUPPORTED_REF,
                  "",
                  "the text refers to another file ("
                      + ref
                      + "); load it with SpecDocument.fromFile, which follows such references");
            });
    return new SpecDocument(root, yaml, version, List.of());
  }

  /** {@link #fromFile(Path, SpecLimits)} with {@link SpecLimits#DEFAULT}. */
  public static SpecDocument fromFile(Path file) {
    return fromFile(file, SpecLimits.DEFAULT);
  }

  /**
   * A spec from its main file (YAML, or JSON when the name ends {@code .json}; UTF-8, a BOM
   * tolerated), following its relative {@code $ref}s to other files inside the main file's
   * directory.
   *
   * @throws SpecLoadException (an {@link IllegalStateException}) whose {@link
   *     SpecLoadException#reason() reason} says why the document cannot be loaded and whose {@link
   *     SpecLoadException#where() where} names the file and place
   */
  public static SpecDocument fromFile(Path file, SpecLimits limits) {
    SpecSources sources;
    try {
      sources = new SpecSources(file, limits);
    } catch (SpecLoadException e) {
      throw e.consulting(List.of(file.toAbsolutePath().normalize()));
    }
    try {
      String text = sources.mainText();
      String name = sources.display(sources.main());
      JsonNode root = top(sources.tree(sources.main(), () -> name), name);
      OpenApiVersion version = OpenApiVersion.of(root, name);
      if (RefScan.firstExternal(root, name).isEmpty()) {
        return new SpecDocument(root, text, version, sources.consulted());
      }
      JsonNode bundled = SpecBundler.bundle(sources, root);
      return new SpecDocument(bundled, SpecParsing.yaml(bundled), version, sources.consulted());
    } catch (SpecLoadException e) {
      throw e.consulting(sources.consulted());
    }
  }

  private static JsonNode top(JsonNode root, String name) {
    if (root == null || !root.isObject()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.NOT_YAML, name, "the spec is not a YAML mapping");
    }
    return root;
  }

  /**
   * The document as text: as it was read for a single text or file; for a document split across
   * files, the bundled tree as YAML (a standalone document, every reference internal).
   */
  public String text() {
    return text;
  }

  /**
   * The files the document was read from (real paths, the main file first): every file a change of
   * which may change it. Empty for a document read from text or the classpath.
   */
  public List<Path> files() {
    return files;
  }

  /** The OpenAPI version the document declares. */
  public OpenApiVersion version() {
    return version;
  }

  /** The node at a {@code #/...} pointer, if there is one. */
  public Optional<JsonNode> node(String pointer) {
    return Optional.ofNullable(SpecPointer.find(root, SpecPointer.segments(pointer)));
  }

  /** The node at a pointer, which the spec must have. */
  public JsonNode require(String pointer) {
    return node(pointer)
        .orElseThrow(() -> new IllegalStateException("the spec has nothing at " + pointer));
  }

  /**
   * A node, following {@code $ref}s while it is a reference object (an operation or a path item
   * given as a reference included).
   *
   * @throws IllegalStateException when the references go on for more than 16 hops (a loop)
   */
  public JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int hops = 0; n != null && n.isObject() && n.has("$ref"); hops++) {
      if (hops == RefScan.MAX_HOPS) {
        throw new IllegalStateException(
            "references to references loop or go on for more than "
                + RefScan.MAX_HOPS
                + " hops at "
                + n.get("$ref").asString());
      }
      n = require(n.get("$ref").asString());
    }
    return n;
  }

  /**
   * The location a pointer's node stands for: the pointer itself, or where its {@code $ref}s lead.
   * Readers that build locations below a node ({@code .../requestBody/content/...}) start from
   * here, so an operation given as a reference is read at its target.
   */
  public String locate(String pointer) {
    String at = pointer;
    for (int hops = 0; ; hops++) {
      JsonNode n = require(at);
      JsonNode ref = n.isObject() ? n.get("$ref") : null;
      if (ref == null || !ref.isString()) {
        return at;
      }
      if (hops == RefScan.MAX_HOPS) {
        throw new IllegalStateException(
            "references to references loop or go on for more than "
                + RefScan.MAX_HOPS
                + " hops from "
                + pointer);
      }
      at = ref.asString();
    }
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
    return SpecPointer.isIndex(segment);
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
