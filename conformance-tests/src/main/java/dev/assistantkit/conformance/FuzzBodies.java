package dev.assistantkit.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded, seeded stream of generated bodies: valid base bodies with one to three random changes
 * (a property set to a value from a pool, removed, an unknown one added, the mode flipped), and now
 * and then a body broken as text (cut short, a key twice). The same seed gives the same bodies.
 */
final class FuzzBodies {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * One generated body.
   *
   * @param name its number and the changes made
   * @param body the body as sent
   */
  record Fuzzed(String name, byte[] body) {}

  private final SpecBodies bodies;
  private final List<List<String>> paths;
  private final List<JsonNode> pool;

  FuzzBodies(SpecBodies bodies) {
    this.bodies = bodies;
    this.paths = propertyPaths(bodies);
    this.pool = valuePool(bodies, paths);
  }

  List<Fuzzed> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Fuzzed> out = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      SpecBodies.Base base = bodies.all().get(random.nextInt(bodies.all().size()));
      ObjectNode body = base.body().deepCopy();
      List<String> changes = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        changes.add(change(random, body));
      }
      String text = SpecBodies.text(body);
      int breakage = random.nextInt(12);
      if (breakage == 0 && text.length() > 2) {
        text = text.substring(0, 1 + random.nextInt(text.length() - 1));
        changes.add("cut short");
      } else if (breakage == 1 && text.startsWith("{\"")) {
        String first = text.substring(1, text.indexOf(':') + 1);
        text = "{" + first + "\"dup\"," + text.substring(1);
        changes.add("first key twice");
      }
      out.add(
          new Fuzzed(
              "#" + i + " from " + base.name() + ": " + String.join("; ", changes),
              text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return out;
  }

  private String change(Random random, ObjectNode body) {
    switch (random.nextInt(8)) {
      case 0, 1, 2, 3 -> {
        List<String> path = paths.get(random.nextInt(paths.size()));
        JsonNode value = pool.get(random.nextInt(pool.size()));
        SpecBodies.set(body, path, value);
        return SpecBodies.dotted(path) + "=" + clip(SpecBodies.text(value));
      }
      case 4, 5 -> {
        List<String> names = new ArrayList<>();
        body.propertyNames().forEach(names::add);
        if (names.isEmpty()) {
          return "nothing to remove";
        }
        String name = names.get(random.nextInt(names.size()));
        body.remove(name);
        return "without " + name;
      }
      case 6 -> {
        String name = random.nextBoolean() ? "assistant_nmae" : "x_" + random.nextInt(100);
        body.put(name, "fuzz");
        return "unknown " + name;
      }
      default -> {
        // each mode of the spec, and one that differs from a valid one only in case
        List<String> modes = Contracts.shared().spec().llmModes();
        int pick = random.nextInt(modes.size() + 1);
        String mode =
            pick < modes.size()
                ? modes.get(pick)
                : Character.toUpperCase(modes.get(0).charAt(0)) + modes.get(0).substring(1);
        body.put("assistant_llm_mode", mode);
        return "assistant_llm_mode=" + mode;
      }
    }
  }

  /** Every property path the request schema names, nested ones included. */
  private static List<List<String>> propertyPaths(SpecBodies bodies) {
    List<List<String>> out = new ArrayList<>();
    JsonNode root = bodies.contract().spec().node(DerivedCases.REQUEST_SCHEMA).orElseThrow();
    collect(bodies, root, List.of(), out, 0);
    return List.copyOf(out);
  }

  private static void collect(
      SpecBodies bodies, JsonNode schema, List<String> path, List<List<String>> out, int depth) {
    JsonNode eff = bodies.effective(schema);
    for (Map.Entry<String, JsonNode> p : eff.path("properties").properties()) {
      List<String> at = new ArrayList<>(path);
      at.add(p.getKey());
      out.add(List.copyOf(at));
      if (depth < 3) {
        collect(bodies, p.getValue(), at, out, depth + 1);
      }
    }
  }

  /** Values seen in valid bodies, enum values, and values of every JSON type, some edgy. */
  private static List<JsonNode> valuePool(SpecBodies bodies, List<List<String>> paths) {
    Set<JsonNode> out = new LinkedHashSet<>();
    for (SpecBodies.Base b : bodies.all()) {
      for (List<String> p : paths) {
        JsonNode v = SpecBodies.at(b.body(), p);
        if (v != null) {
          out.add(v);
        }
      }
    }
    out.add(NODES.nullNode());
    out.add(NODES.booleanNode(true));
    out.add(NODES.numberNode(42));
    out.add(NODES.numberNode(-1.5));
    out.add(NODES.stringNode(""));
    out.add(NODES.stringNode("x"));
    out.add(NODES.stringNode("nul\u0000inside"));
    out.add(NODES.stringNode("not a url"));
    out.add(NODES.stringNode("https://example.com/hooks/end-call"));
    out.add(NODES.arrayNode());
    out.add(NODES.objectNode());
    out.add(NODES.objectNode().put("voice_id", ""));
    out.add(NODES.objectNode().put("speaks_first", "yes"));
    return List.copyOf(out);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
