package dev.assistantkit.contract.generation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Arrays: as many items as the bounds ask (one or two more while shallow and not recursive), each
 * from its {@code prefixItems}/{@code items} schemas, the first ones also satisfying {@code
 * contains}, all distinct under {@code uniqueItems}. Under a twist it misses a count or repeats an
 * item.
 */
final class ArrayMaker {

  /** The most items made (a larger {@code minItems} cannot be met). */
  static final int MAX_ITEMS = 10_000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ValueMaker maker;

  ArrayMaker(ValueMaker maker) {
    this.maker = maker;
  }

  JsonNode make(Conjunction c, String path, long seed, CallState st) {
    long lo = c.lowerCount("minItems", "maxItems");
    long hi = Math.min(c.upperCount("minItems", "maxItems"), c.closedLength());
    List<SchemaAt> contains = c.contains();
    long needContains = contains.isEmpty() ? 0 : Math.max(1, c.largest("minContains", 1));
    boolean repeat = c.repeat();
    long base =
        Math.max(Math.max(lo, st.plan.minItems(path)), Math.max(needContains, repeat ? 2 : 0));
    if (base > MAX_ITEMS || base > hi) {
      return null;
    }
    SplittableRandom r = SeedMix.random(SeedMix.child(seed, "#items"));
    boolean shallow = st.depth() <= CallState.OPTIONAL_DEPTH && !recursive(c, st);
    long n = base;
    if (shallow) {
      n = base == 0 ? (r.nextInt(100) < 85 ? 1 + r.nextInt(2) : 0) : base + r.nextInt(2);
    }
    n = Math.min(n, Math.min(hi, MAX_ITEMS));
    st.tick(n);
    st.enter();
    int pushed = 0;
    for (String t : c.refTargets()) {
      st.expanding().push(t);
      pushed++;
    }
    try {
      return items(c, path, seed, st, (int) n, (int) base, contains, needContains, repeat);
    } finally {
      for (int i = 0; i < pushed; i++) {
        st.expanding().pop();
      }
      st.leave();
    }
  }

  private JsonNode items(
      Conjunction c,
      String path,
      long seed,
      CallState st,
      int n,
      int base,
      List<SchemaAt> contains,
      long needContains,
      boolean repeat) {
    boolean unique = c.unique() && !repeat;
    ArrayNode out = F.arrayNode();
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      List<SchemaAt> roots = new ArrayList<>(c.itemRoots(i));
      if (i < needContains) {
        roots.addAll(contains);
      }
      String at = path + "/" + i;
      JsonNode v = null;
      if (repeat && i == 1 && out.size() == 1) {
        v = out.get(0).deepCopy();
      } else {
        for (int k = 0; k < (unique ? 6 : 1) && v == null; k++) {
          JsonNode candidate = maker.make(roots, at, SeedMix.child(seed, i + "#" + k), st);
          if (candidate != null && (!unique || !seen.contains(candidate))) {
            v = candidate;
          }
        }
      }
      if (v == null) {
        if (i >= base) {
          break;
        }
        return null;
      }
      seen.add(v);
      out.add(v);
    }
    return out;
  }

  /** Whether the items' schema is one being expanded above (a recursive structure). */
  private boolean recursive(Conjunction c, CallState st) {
    Conjunction ic =
        Conjunction.of(maker.spec, maker.sem, c.itemRoots(0), java.util.Map.of(), null);
    for (String t : ic.refTargets()) {
      if (st.expanding().contains(t)) {
        return true;
      }
    }
    return false;
  }
}
