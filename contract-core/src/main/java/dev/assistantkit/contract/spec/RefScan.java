package dev.assistantkit.contract.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The references of one tree, looked at without changing anything: the single-file road's one walk.
 * It finds the first reference to another file (then the document needs {@link SpecBundler}),
 * refuses remote and absolute ones, checks that every internal pointer names a node, and that no
 * chain of references to references is longer than {@link #MAX_HOPS} or a loop.
 */
final class RefScan {

  /** References to references the readers follow ({@link SpecDocument#resolve}). */
  static final int MAX_HOPS = 16;

  private final JsonNode root;
  private final String name;
  private final Map<String, String> internal = new LinkedHashMap<>();
  private String external;

  private RefScan(JsonNode root, String name) {
    this.root = root;
    this.name = name;
  }

  /**
   * The first reference to another file, as {@code '$ref' at place}, or empty when every reference
   * is internal (then the internal ones have been checked).
   *
   * @param name the document's file name for messages ({@code ""} for a text)
   */
  static Optional<String> firstExternal(JsonNode root, String name) {
    RefScan scan = new RefScan(root, name);
    scan.walk(root, RefTrail.TOP, RefPosition.NORMAL);
    if (scan.external != null) {
      return Optional.of(scan.external);
    }
    checkChains(root, scan.internal);
    return Optional.empty();
  }

  private void walk(JsonNode n, RefTrail at, RefPosition pos) {
    if (external != null) {
      return;
    }
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), at.then(Integer.toString(i)), pos.item());
      }
      return;
    }
    if (!n.isObject()) {
      return;
    }
    JsonNode ref = n.get("$ref");
    if (ref != null && ref.isString()) {
      reference(RefString.parse(ref.asString()), at, pos);
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (e.getKey().equals("discriminator") && pos != RefPosition.LITERAL) {
        mapping(e.getValue(), at.then("discriminator"));
      }
      walk(e.getValue(), at.then(e.getKey()), pos.child(e.getKey(), e.getValue()));
    }
  }

  private void reference(RefString r, RefTrail at, RefPosition pos) {
    Supplier<String> where = () -> name + at.pointer();
    if (r.kind() == RefString.Kind.RELATIVE) {
      external = "$ref '" + r.raw() + "' at " + where.get();
      return;
    }
    if (pos == RefPosition.LITERAL) {
      return; // data: kept as written
    }
    r.refuseUnfollowable(where);
    if (r.anchor() == null) {
      if (SpecPointer.find(root, r.pointer()) == null) {
        throw missing(r.raw(), where.get());
      }
      internal.computeIfAbsent(r.fragment(), k -> where.get());
    }
  }

  private void mapping(JsonNode discriminator, RefTrail at) {
    for (Map.Entry<String, JsonNode> m : discriminator.path("mapping").properties()) {
      String v = m.getValue().asString("");
      if (isReference(v)) {
        reference(RefString.parse(v), at.then("mapping").then(m.getKey()), RefPosition.NORMAL);
      }
    }
  }

  /** Whether a discriminator mapping value is a reference rather than a schema name. */
  static boolean isReference(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.contains("/")
        || v.contains("#")
        || v.endsWith(".yaml")
        || v.endsWith(".yml")
        || v.endsWith(".json");
  }

  static SpecLoadException missing(String raw, String where) {
    return new SpecLoadException(
        SpecLoadException.Reason.MISSING_TARGET,
        where,
        "$ref '" + raw + "' names nothing: the document has no node there");
  }

  /**
   * Follows every reference's chain through references to references: each must end at a node that
   * is not a reference within {@link #MAX_HOPS} hops.
   *
   * @param refs internal {@code #/...} pointers, each with the place of a reference to it
   */
  static void checkChains(JsonNode root, Map<String, String> refs) {
    Map<String, Integer> hops = new HashMap<>();
    for (Map.Entry<String, String> r : refs.entrySet()) {
      List<String> chain = new ArrayList<>();
      int tail = 0;
      for (String p = r.getKey(); p != null; ) {
        Integer known = hops.get(p);
        if (known != null) {
          tail = known;
          break;
        }
        if (chain.size() >= MAX_HOPS) {
          throw tooLong(r.getKey(), r.getValue());
        }
        chain.add(p);
        JsonNode n = SpecPointer.find(root, SpecPointer.segments(p));
        if (n == null) {
          throw missing(p, r.getValue());
        }
        p = internalRef(n);
      }
      for (int i = chain.size() - 1; i >= 0; i--) {
        if (++tail > MAX_HOPS) {
          throw tooLong(r.getKey(), r.getValue());
        }
        hops.put(chain.get(i), tail);
      }
    }
  }

  /** The pointer a node refers to, when it is a reference to a {@code #/...} pointer. */
  private static String internalRef(JsonNode n) {
    JsonNode ref = n.isObject() ? n.get("$ref") : null;
    if (ref == null || !ref.isString()) {
      return null;
    }
    String s = ref.asString();
    return s.equals("#") || s.startsWith("#/") ? RefString.parse(s).fragment() : null;
  }

  private static SpecLoadException tooLong(String pointer, String where) {
    return new SpecLoadException(
        SpecLoadException.Reason.REF_CHAIN,
        where,
        "the $ref to "
            + pointer
            + " starts a chain of references to references that loops or is longer than "
            + MAX_HOPS);
  }
}
