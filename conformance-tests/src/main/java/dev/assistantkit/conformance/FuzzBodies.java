package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.masking.SecretMasker;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.spec.SchemaWalker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded, seeded stream of generated bodies for an operation: valid base bodies with one to
 * three random changes (a property the schema declares set to a value from a pool, a property
 * removed, an unknown one added, an enum property set to one of its values or a near miss), and now
 * and then a body broken as text (cut short, a key twice). The same seed gives the same bodies.
 */
final class FuzzBodies {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * One generated body.
   *
   * @param name its number and the changes made
   * @param body the body as sent
   * @param given the state its base body needs
   */
  record Fuzzed(String name, byte[] body, ObjectNode given) {}

  private final SpecBodies bodies;
  private final List<SchemaWalker.Property> properties;
  private final List<SchemaWalker.Property> enums;
  private final List<JsonNode> pool;

  private FuzzBodies(
      SpecBodies bodies, List<SchemaWalker.Property> properties, SecretMasker masker) {
    this.bodies = bodies;
    this.properties = properties;
    this.enums =
        properties.stream()
            .filter(p -> p.schema().path("enum").isArray() && !p.schema().path("enum").isEmpty())
            .toList();
    this.pool = valuePool(bodies, properties, masker);
  }

  /** The generated bodies of an operation; none when it takes no JSON body or has no base. */
  static List<Fuzzed> generate(
      Contract contract, Operation op, SpecBodies bodies, long seed, int count) {
    if (op.bodySchemaLocation().isEmpty() || bodies.isEmpty() || count == 0) {
      return List.of();
    }
    List<SchemaWalker.Property> props =
        contract.walker().properties(op.bodySchemaLocation().get(), DerivedBodies.MAX_DEPTH);
    if (props.isEmpty()) {
      return List.of();
    }
    return new FuzzBodies(bodies, props, contract.masker()).generate(seed, count);
  }

  private List<Fuzzed> generate(long seed, int count) {
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
      } else if (breakage == 1 && text.startsWith("{\"") && text.indexOf(':') > 0) {
        String first = text.substring(1, text.indexOf(':') + 1);
        text = "{" + first + "\"dup\"," + text.substring(1);
        changes.add("first key twice");
      }
      out.add(
          new Fuzzed(
              "#" + i + " from " + base.name() + ": " + String.join("; ", changes),
              text.getBytes(StandardCharsets.UTF_8),
              base.given().deepCopy()));
    }
    return out;
  }

  private String change(Random random, ObjectNode body) {
    switch (random.nextInt(8)) {
      case 0, 1, 2, 3 -> {
        List<String> path = properties.get(random.nextInt(properties.size())).path();
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
        String name = "x_fuzz_" + random.nextInt(100);
        body.put(name, "fuzz");
        return "unknown " + name;
      }
      default -> {
        if (enums.isEmpty()) {
          return "no enum to change";
        }
        SchemaWalker.Property p = enums.get(random.nextInt(enums.size()));
        JsonNode values = p.schema().get("enum");
        JsonNode v = values.get(random.nextInt(values.size()));
        if (random.nextInt(3) == 0 && v.isString() && !v.asString().isEmpty()) {
          // a near miss: the first letter in upper case
          String s = v.asString();
          v = NODES.stringNode(s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1));
        }
        SpecBodies.set(body, p.path(), v);
        return SpecBodies.dotted(p.path()) + "=" + clip(SpecBodies.text(v));
      }
    }
  }

  /**
   * Values seen in valid bodies, enum values, and values of every JSON type, some edgy. A secret's
   * value (a property with a secret name or writeOnly, or anything inside one) is never taken: it
   * would be sent in another field, which no mask covers, and named in the check's id.
   */
  private static List<JsonNode> valuePool(
      SpecBodies bodies, List<SchemaWalker.Property> properties, SecretMasker masker) {
    Set<JsonNode> out = new LinkedHashSet<>();
    for (SpecBodies.Base b : bodies.all()) {
      for (SchemaWalker.Property p : properties) {
        if (secret(p, properties, masker)) {
          continue;
        }
        JsonNode v = SpecBodies.at(b.body(), p.path());
        if (v != null) {
          out.add(v);
        }
      }
    }
    for (SchemaWalker.Property p : properties) {
      p.schema().path("enum").forEach(out::add);
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
    out.add(NODES.objectNode().put("x", ""));
    return List.copyOf(out);
  }

  /** Whether the property, or one it lies in, is a secret. */
  private static boolean secret(
      SchemaWalker.Property p, List<SchemaWalker.Property> all, SecretMasker masker) {
    for (String name : p.path()) {
      if (masker.isSecretName(name)) {
        return true;
      }
    }
    for (SchemaWalker.Property q : all) {
      if (q.schema().path("writeOnly").asBoolean(false)
          && p.path().size() >= q.path().size()
          && p.path().subList(0, q.path().size()).equals(q.path())) {
        return true;
      }
    }
    return false;
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
