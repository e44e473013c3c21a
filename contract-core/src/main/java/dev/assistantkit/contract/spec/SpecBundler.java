package dev.assistantkit.contract.spec;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One tree out of a document split across files, every {@code $ref} in it internal.
 *
 * <ul>
 *   <li>A reference into the main file becomes {@code #/...} of the main file.
 *   <li>A reference to part of another file places that part under {@code #/x-bundled/}, at the
 *       file's path from the main file's directory followed by the fragment's segments: {@code
 *       components/schemas/Pet.yaml} becomes {@code #/x-bundled/components/schemas/Pet.yaml}, and
 *       {@code common.yaml#/components/schemas/Error} becomes {@code
 *       #/x-bundled/common.yaml/components/schemas/Error}. A pointer then names the file and the
 *       place in it, in error messages as in the served document, and depends on nothing but that
 *       file's path: adding or renaming another file moves nothing. Each part is placed once, so
 *       references that loop across files (recursive schemas) are fine. References inside a placed
 *       part are read relative to its own file.
 *   <li>A reference to a file that is not YAML or JSON ({@code .md}, {@code .cs}, ...) is replaced
 *       by the file's text, as a string (Redocly's reading, for {@code x-codeSamples}).
 *   <li>A reference to another file where OpenAPI reads data (an example) is replaced by the
 *       content it names, as Redocly and Prism do; see {@link RefPosition}.
 * </ul>
 */
final class SpecBundler {

  /** The key under which parts of other files are placed. */
  static final String BUNDLED = "x-bundled";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * A place in the document's files.
   *
   * @param file the file's real path
   * @param pointer the fragment's segments
   */
  private record Target(Path file, List<String> pointer) {}

  private record Pending(Target target, RefPosition position) {}

  /** The file a walk is in. */
  private record Src(Path file, String name) {
    String where(RefTrail at) {
      return name + at.pointer();
    }
  }

  private final SpecSources sources;
  private final SpecLimits limits;
  private final JsonNode mainTree;
  private final Src mainSrc;
  private final Deque<Pending> work = new ArrayDeque<>();
  private final Set<Target> queued = new HashSet<>();
  private final BundledParts parts;
  private final Set<Target> inlining = new HashSet<>();
  private final Map<String, String> written = new LinkedHashMap<>();
  private final Map<String, RefString> refs = new HashMap<>();
  private final Map<Path, Src> srcs = new HashMap<>();
  private long nodes;

  private SpecBundler(SpecSources sources, JsonNode mainTree) {
    this.sources = sources;
    this.limits = sources.limits();
    this.mainTree = mainTree;
    this.mainSrc = new Src(sources.main(), sources.display(sources.main()));
    this.parts = new BundledParts(sources);
  }

  /** The bundled tree of a main file whose tree refers to other files. */
  static JsonNode bundle(SpecSources sources, JsonNode mainTree) {
    if (mainTree.has(BUNDLED)) {
      throw new SpecLoadException(
          SpecLoadException.Reason.RESERVED_KEY,
          sources.display(sources.main()) + "#/" + BUNDLED,
          "the document has a top-level '" + BUNDLED + "', which the loader reserves");
    }
    return new SpecBundler(sources, mainTree).run();
  }

  private JsonNode run() {
    ObjectNode out = (ObjectNode) copy(mainTree, mainSrc, RefTrail.TOP, RefPosition.NORMAL, 1);
    while (!work.isEmpty()) {
      place(work.poll());
    }
    if (!parts.isEmpty()) {
      out.set(BUNDLED, parts.assemble());
    }
    RefScan.checkChains(out, written);
    return out;
  }

  /** A reference string taken apart, once per distinct string. */
  private RefString ref(String raw) {
    return refs.computeIfAbsent(raw, RefString::parse);
  }

  private JsonNode copy(JsonNode n, Src src, RefTrail at, RefPosition pos, int depth) {
    if (depth > limits.maxDepth()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.TOO_DEEP,
          src.where(at),
          "the bundled document would be nested deeper than " + limits.maxDepth() + " levels");
    }
    if (++nodes > limits.maxNodes()) {
      throw new SpecLoadException(
          SpecLoadException.Reason.TOO_MANY_NODES,
          src.where(at),
          "the bundled document would have more than " + limits.maxNodes() + " nodes");
    }
    if (n.isArray()) {
      ArrayNode out = NODES.arrayNode(n.size());
      for (int i = 0; i < n.size(); i++) {
        out.add(copy(n.get(i), src, at.then(Integer.toString(i)), pos.item(), depth + 1));
      }
      return out;
    }
    if (!n.isObject()) {
      return n; // value nodes are immutable: shared
    }
    JsonNode ref = n.get("$ref");
    if (ref != null && ref.isString()) {
      return pos == RefPosition.LITERAL
          ? literal(n, ref(ref.asString()), src, at, depth)
          : reference(n, ref(ref.asString()), src, at, pos, depth);
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String k = e.getKey();
      RefTrail t = at.then(k);
      JsonNode c = copy(e.getValue(), src, t, pos.child(k, e.getValue()), depth + 1);
      out.set(k, k.equals("discriminator") && pos != RefPosition.LITERAL ? mapping(c, src, t) : c);
    }
    return out;
  }

  /** A reference object: its {@code $ref} made internal, its other keys copied. */
  private JsonNode reference(
      JsonNode n, RefString r, Src src, RefTrail at, RefPosition pos, int depth) {
    Supplier<String> where = () -> src.where(at);
    r.refuseUnfollowable(where);
    Path file = fileOf(r, src, where);
    if (!SpecSources.isData(file)) {
      return text(r, file, where);
    }
    String target;
    if (r.anchor() != null) {
      target = anchor(r, file, where);
    } else {
      target = pointerTo(file, r.pointer(), pos, r.raw(), where);
      written.computeIfAbsent(target, k -> where.get());
      if (src.equals(mainSrc) && r.kind() == RefString.Kind.INTERNAL) {
        target = r.raw(); // the main file's own references stay as written
      }
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String k = e.getKey();
      out.set(
          k,
          k.equals("$ref")
              ? StringNode.valueOf(target)
              : copy(e.getValue(), src, at.then(k), pos.child(k, e.getValue()), depth + 1));
    }
    return out;
  }

  /** A reference where data stands: replaced by what it names, when that is in the files. */
  private JsonNode literal(JsonNode n, RefString r, Src src, RefTrail at, int depth) {
    boolean follows =
        r.kind() == RefString.Kind.RELATIVE
            || (r.kind() == RefString.Kind.INTERNAL && !src.equals(mainSrc) && r.anchor() == null);
    if (!follows) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.set(
            e.getKey(),
            copy(e.getValue(), src, at.then(e.getKey()), RefPosition.LITERAL, depth + 1));
      }
      return out;
    }
    Supplier<String> where = () -> src.where(at);
    Path file = fileOf(r, src, where);
    if (!SpecSources.isData(file)) {
      return text(r, file, where);
    }
    if (r.anchor() != null) {
      throw unsupported(r, where, "a plain-name fragment in an example is not followed");
    }
    JsonNode node = find(file, r.pointer(), r.raw(), where);
    Target t = new Target(file, r.pointer());
    if (!inlining.add(t)) {
      throw new SpecLoadException(
          SpecLoadException.Reason.REF_CHAIN,
          where.get(),
          "$ref '" + r.raw() + "' inlines an example that contains itself");
    }
    try {
      Src into = src(file);
      return copy(node, into, RefTrail.of(r.pointer()), RefPosition.LITERAL, depth);
    } finally {
      inlining.remove(t);
    }
  }

  /** A discriminator's mapping values that are references, made internal. */
  private JsonNode mapping(JsonNode discriminator, Src src, RefTrail at) {
    JsonNode mapping = discriminator.path("mapping");
    if (!mapping.isObject()) {
      return discriminator;
    }
    Map<String, String> rewritten = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> m : mapping.properties()) {
      String v = m.getValue().asString("");
      if (!RefScan.isReference(v)) {
        continue;
      }
      RefString r = ref(v);
      RefTrail entry = at.then("mapping").then(m.getKey());
      Supplier<String> where = () -> src.where(entry);
      r.refuseUnfollowable(where);
      Path file = fileOf(r, src, where);
      if (r.anchor() != null || !SpecSources.isData(file)) {
        throw unsupported(r, where, "a discriminator mapping must name a schema by pointer");
      }
      String target = pointerTo(file, r.pointer(), RefPosition.NORMAL, v, where);
      written.computeIfAbsent(target, k -> where.get());
      if (!(src.equals(mainSrc) && r.kind() == RefString.Kind.INTERNAL)) {
        rewritten.put(m.getKey(), target);
      }
    }
    rewritten.forEach(((ObjectNode) mapping)::put);
    return discriminator;
  }

  private Src src(Path file) {
    return srcs.computeIfAbsent(file, f -> new Src(f, sources.display(f)));
  }

  private Path fileOf(RefString r, Src src, Supplier<String> where) {
    return r.kind() == RefString.Kind.INTERNAL
        ? src.file()
        : sources.resolve(src.file(), r.path(), where);
  }

  private JsonNode text(RefString r, Path file, Supplier<String> where) {
    if (r.anchor() != null || !r.pointer().isEmpty()) {
      throw unsupported(r, where, "a fragment of a text file");
    }
    return StringNode.valueOf(sources.inline(file, where));
  }

  /** A plain-name fragment: followed only into the main file, where the validator finds it. */
  private String anchor(RefString r, Path file, Supplier<String> where) {
    if (!file.equals(sources.main())) {
      throw unsupported(r, where, "a plain-name fragment ($anchor) in another file");
    }
    return "#" + r.anchor();
  }

  /** The internal pointer of a place in the files; a place in another file is queued. */
  private String pointerTo(
      Path file, List<String> pointer, RefPosition pos, String raw, Supplier<String> where) {
    find(file, pointer, raw, where);
    if (file.equals(sources.main())) {
      return "#" + SpecPointer.of(pointer);
    }
    Target t = new Target(file, pointer);
    if (queued.add(t)) {
      work.add(new Pending(t, pos));
    }
    return "#/" + BUNDLED + SpecPointer.of(parts.placement(file, pointer));
  }

  private JsonNode find(Path file, List<String> pointer, String raw, Supplier<String> where) {
    JsonNode tree = file.equals(sources.main()) ? mainTree : sources.tree(file, where);
    JsonNode node = SpecPointer.find(tree, pointer);
    if (node == null) {
      throw new SpecLoadException(
          SpecLoadException.Reason.MISSING_TARGET,
          where.get(),
          "$ref '"
              + raw
              + "' names "
              + sources.display(file)
              + "#"
              + SpecPointer.of(pointer)
              + ", which is not there");
    }
    return node;
  }

  private void place(Pending p) {
    Target t = p.target();
    if (parts.covered(t.file(), t.pointer())) {
      return; // inside a part already placed
    }
    JsonNode node = SpecPointer.find(sources.tree(t.file(), () -> ""), t.pointer());
    List<String> at = parts.placement(t.file(), t.pointer());
    parts.put(at, copy(node, src(t.file()), RefTrail.of(t.pointer()), p.position(), 2 + at.size()));
  }

  private static SpecLoadException unsupported(RefString r, Supplier<String> where, String what) {
    return new SpecLoadException(
        SpecLoadException.Reason.UNSUPPORTED_REF,
        where.get(),
        "$ref '" + r.raw() + "': " + what + " is not supported");
  }
}
