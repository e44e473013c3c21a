package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules a document states that no catalogue names: one per assertion keyword a request to an
 * operation can reach (its parameters' schemas, its body's schemas, a required parameter), each
 * documented, with the operation's status for a client's mistake ({@link Operation#clientError}).
 *
 * <p>An id reads {@code OPERATION.PART.INSTANCE.KEYWORD}: the operationId (else the method and
 * path), where the value travels ({@code path}, {@code query}, {@code header}, {@code cookie},
 * {@code body}), the instance it constrains (property names joined by dots, {@code []} for the
 * items of an array, {@code *} for other properties; a parameter's name first), and the keyword
 * ({@code required} names the property it requires). For example {@code addPet.body.name.required},
 * {@code findPets.query.tags[].type}, {@code findPetById.path.id.format}. The id depends on what
 * the keyword constrains, not on where it is written: reordering the document or adding a sibling
 * leaves it alone, and the same keyword reached through two media types of one body is one rule.
 */
final class DerivedRules {

  private final SpecDocument spec;
  private final SchemaWalker walker;
  private final List<RuleCatalogue> named;

  /**
   * @param named the catalogues whose keyword rules come first (a location one of them covers gets
   *     no derived rule)
   */
  DerivedRules(SpecDocument spec, SchemaWalker walker, List<RuleCatalogue> named) {
    this.spec = spec;
    this.walker = walker;
    this.named = named;
  }

  /** The operation's catalogue with the rules derived for it after its own. */
  RuleCatalogue catalogue(Operation op) {
    String prefix = prefix(op);
    Operation.ClientError status = op.clientError();
    Map<String, List<String>> locations = new LinkedHashMap<>();
    Map<String, String> messages = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (Parameter p : op.parameters()) {
      String in = p.in().wireName();
      if (p.required() && p.in() != Parameter.In.PATH) {
        String at = p.location() + "/required";
        if (!covered(op, at)) {
          String id = prefix + "." + in + "." + p.name() + ".required";
          add(locations, id, at);
          messages.putIfAbsent(id, "the " + in + " parameter " + p.name() + " is required");
          sources.putIfAbsent(id, "The document: " + at + " (the parameter is required)");
        }
      }
      p.schemaLocation()
          .ifPresent(
              s -> keywords(op, prefix + "." + in, List.of(p.name()), s, locations, sources));
    }
    op.body()
        .ifPresent(
            b -> {
              for (MediaType m : b.content()) {
                m.schemaLocation()
                    .ifPresent(
                        s -> keywords(op, prefix + ".body", List.of(), s, locations, sources));
              }
            });
    List<Rule> out = new ArrayList<>(op.rules().all());
    for (Map.Entry<String, List<String>> e : locations.entrySet()) {
      String id = e.getKey();
      out.add(
          new Rule(
              id,
              Origin.DOCUMENTED,
              status.status(),
              allowed(op),
              RuleKind.SCHEMA,
              sources.get(id),
              e.getValue().stream().map(l -> new Rule.Location(l, Origin.DOCUMENTED)).toList(),
              Optional.empty(),
              messages.getOrDefault(id, message(id)),
              Set.of(),
              Optional.empty(),
              List.of()));
    }
    if (out.size() > op.rules().all().size() && !op.rules().contains(fallbackId(op))) {
      out.add(fallback(op, status));
    }
    return new RuleCatalogue(out);
  }

  /**
   * The rule of a schema error no other rule covers (a keyword the kit does not list, such as
   * {@code unevaluatedProperties}): the document states it all the same.
   */
  static String fallbackId(Operation op) {
    return prefix(op) + ".schema";
  }

  /** The statuses the document allows for the rule, when it leaves more than one open. */
  private static java.util.Set<Integer> allowed(Operation op) {
    java.util.Set<Integer> allowed = op.clientErrorsAllowed();
    return allowed.size() > 1 ? allowed : java.util.Set.of();
  }

  private static Rule fallback(Operation op, Operation.ClientError status) {
    return new Rule(
        fallbackId(op),
        Origin.DOCUMENTED,
        status.status(),
        allowed(op),
        RuleKind.SCHEMA,
        "The document: the schemas of " + op,
        List.of(new Rule.Location(op.location(), Origin.DOCUMENTED)),
        Optional.empty(),
        "{pointer}: {detail}",
        Set.of(),
        Optional.empty(),
        List.of());
  }

  private void keywords(
      Operation op,
      String idPrefix,
      List<String> base,
      String schemaLocation,
      Map<String, List<String>> locations,
      Map<String, String> sources) {
    for (SchemaWalker.Assertion a : walker.assertions(schemaLocation)) {
      if (covered(op, a.location())) {
        continue;
      }
      List<String> path = new ArrayList<>(base);
      path.addAll(a.instancePath());
      String id = idPrefix + instance(path) + "." + name(a.keyword());
      add(locations, id, a.location());
      sources.putIfAbsent(id, "The document: " + a.location() + quote(a.location()));
    }
  }

  /** Whether a keyword rule of a catalogue covers a location. */
  private boolean covered(Operation op, String location) {
    if (op.rules().all().stream()
        .anyMatch(r -> r.kind().isKeyword() && r.originAt(location).isPresent())) {
      return true;
    }
    for (RuleCatalogue c : named) {
      for (Rule r : c.all()) {
        if (r.kind().isKeyword() && r.originAt(location).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void add(Map<String, List<String>> locations, String id, String location) {
    List<String> l = locations.computeIfAbsent(id, k -> new ArrayList<>());
    if (!l.contains(location)) {
      l.add(location);
    }
  }

  /** The message of a keyword rule, by its keyword (the id's last part). */
  private static String message(String id) {
    String keyword = id.substring(id.lastIndexOf('.') + 1);
    return switch (keyword) {
      case "required" -> "{pointer} is required";
      case "additionalProperties" -> "{pointer} is not a property the document declares";
      case "forbidden" -> "{pointer} must not be sent";
      default -> "{pointer}: {detail}";
    };
  }

  /** {@code .a.b[].c}: the instance path as it appears in an id. */
  private static String instance(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String s : path) {
      if (s.startsWith("[")) {
        sb.append(s);
      } else {
        sb.append('.').append(s);
      }
    }
    return sb.toString();
  }

  private static String name(String keyword) {
    return keyword.equals("false") ? "forbidden" : keyword;
  }

  /** ": 10" — the keyword's value, when short enough to quote. */
  private String quote(String location) {
    Optional<JsonNode> v = spec.node(location);
    if (v.isEmpty()) {
      return "";
    }
    String text = v.get().isValueNode() ? v.get().asString() : v.get().toString();
    return text.length() > 80 ? "" : ": " + text;
  }

  /** The operation's part of its rules' ids: its operationId, else its method and path. */
  static String prefix(Operation op) {
    String id = op.id();
    if (id.equals(op.method().toLowerCase(Locale.ROOT) + " " + op.pathTemplate())) {
      id = op.method().toLowerCase(Locale.ROOT) + op.pathTemplate().replaceAll("[{}]", "");
    }
    String slug = id.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? op.method().toLowerCase(Locale.ROOT) : slug;
  }
}
