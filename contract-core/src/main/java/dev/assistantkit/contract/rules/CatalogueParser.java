package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.SpecDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an {@code x-rule-catalogue} list into rules. Structure only; {@link CatalogueLint} checks.
 */
public final class CatalogueParser {

  private static final JsonMapper JSON = JsonMappers.plain();

  private final SpecDocument spec;

  public CatalogueParser(SpecDocument spec) {
    this.spec = spec;
  }

  public List<Rule> parse(JsonNode catalogue, String at) {
    if (catalogue == null || !catalogue.isArray()) {
      throw new IllegalStateException(at + " is not a list of rules");
    }
    List<Rule> out = new ArrayList<>();
    for (int i = 0; i < catalogue.size(); i++) {
      out.add(rule(catalogue.get(i), at + "/" + i));
    }
    return out;
  }

  private Rule rule(JsonNode r, String at) {
    String id = text(r, "id", at);
    Origin origin = Origin.parse(text(r, "origin", at));
    List<Rule.Location> locations = new ArrayList<>();
    for (JsonNode n : r.path("enforced-by")) {
      locations.add(
          n.isObject()
              ? new Rule.Location(
                  text(n, "at", at), Origin.parse(n.path("origin").asString(origin.name())))
              : new Rule.Location(n.asString(), origin));
    }
    Set<String> appliesTo = new LinkedHashSet<>();
    r.path("applies-to").forEach(n -> appliesTo.add(n.asString().toLowerCase(Locale.ROOT)));
    List<RuleCase> cases = new ArrayList<>();
    for (JsonNode c : r.path("cases")) {
      cases.add(ruleCase(id, c, at));
    }
    Set<Integer> pageAllows = new LinkedHashSet<>();
    r.path("page-allows").forEach(n -> pageAllows.add(n.asInt()));
    return new Rule(
        id,
        origin,
        status(r.path("status"), at),
        pageAllows,
        RuleKind.parse(text(r, "kind", at)),
        text(r, "source", at),
        locations,
        Optional.ofNullable(r.get("when-instance")).map(JsonNode::asString),
        text(r, "message", at),
        appliesTo,
        Optional.ofNullable(r.get("group")).map(JsonNode::asString),
        cases,
        openContents(r.get("open-contents"), at));
  }

  /** {@code open-contents: {value, compare, shown-in}}, if the rule has it. */
  private static Optional<Rule.OpenContents> openContents(JsonNode n, String at) {
    if (n == null) {
      return Optional.empty();
    }
    String where = at + "/open-contents";
    List<String> shownIn = new ArrayList<>();
    n.path("shown-in").forEach(e -> shownIn.add(e.asString()));
    String compare = text(n, "compare", where);
    if (!compare.equals("keys") && !compare.equals("values")) {
      throw new IllegalStateException(where + " compares " + compare + "; give keys or values");
    }
    return Optional.of(
        new Rule.OpenContents(
            text(n, "value", where),
            Rule.OpenContents.Compare.valueOf(enumName(compare)),
            shownIn));
  }

  /**
   * A status code, {@code client-error} (the operation's status for a client's mistake) or {@code
   * not-found} (its status for a resource the server does not hold).
   */
  private static int status(JsonNode n, String at) {
    if (n.isString() && n.asString().equals("client-error")) {
      return Rule.CLIENT_ERROR;
    }
    if (n.isString() && n.asString().equals("not-found")) {
      return Rule.NOT_FOUND;
    }
    if (n.isMissingNode() || n.isIntegralNumber()) {
      return n.asInt(0);
    }
    throw new IllegalStateException(
        at + " has the status " + n + "; give a code, client-error or not-found");
  }

  private RuleCase ruleCase(String ruleId, JsonNode c, String at) {
    String contentType = c.path("content-type").asString("application/json");
    JsonNode given = c.get("given");
    return new RuleCase(
        ruleId,
        text(c, "name", at),
        RuleCase.Expect.valueOf(enumName(text(c, "expect", at))),
        Optional.ofNullable(c.get("origin")).map(n -> Origin.parse(n.asString())),
        body(c, at),
        contentType.equals("none") ? Optional.empty() : Optional.of(contentType),
        RuleCase.Auth.valueOf(enumName(c.path("auth").asString("valid"))),
        RuleCase.Target.valueOf(enumName(c.path("assistant").asString("given"))),
        given != null && given.isObject()
            ? ((ObjectNode) given).deepCopy()
            : JsonNodeFactory.instance.objectNode());
  }

  private byte[] body(JsonNode c, String at) {
    String text;
    if (c.has("raw")) {
      text = c.get("raw").asString();
    } else if (c.has("example")) {
      String name = c.get("example").asString();
      String pointer = name.startsWith("#") ? name : "#/components/examples/" + name;
      text = JSON.writeValueAsString(spec.exampleValue(pointer));
    } else if (c.has("nest")) {
      JsonNode n = c.get("nest");
      text = nested(text(n, "field", at), n.path("depth").asInt());
    } else if (c.has("pad")) {
      JsonNode p = c.get("pad");
      ObjectNode padded = JsonNodeFactory.instance.objectNode();
      padded.put(text(p, "field", at), "x".repeat(p.path("bytes").asInt()));
      text = JSON.writeValueAsString(padded);
    } else if (c.has("body")) {
      text = JSON.writeValueAsString(c.get("body"));
    } else {
      throw new IllegalStateException(
          "a case of " + at + " has no body, raw, example, nest or pad: " + c);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An object nested {@code depth} objects deep under one field. */
  static String nested(String field, int depth) {
    return "{"
        + JSON.writeValueAsString(field)
        + ":"
        + "{\"a\":".repeat(depth)
        + "1"
        + "}".repeat(depth)
        + "}";
  }

  private static String enumName(String wire) {
    return wire.trim().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isValueNode()) {
      throw new IllegalStateException(at + " has no " + field);
    }
    return v.asString();
  }
}
