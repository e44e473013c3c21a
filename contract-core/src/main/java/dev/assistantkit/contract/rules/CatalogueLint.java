package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks at load that a spec's catalogues and schemas agree, so an inconsistent contract never gets
 * as far as a request: every location a rule names exists; (with {@code x-kit-lint: strict}, for a
 * document whose maintainers want every rule named) every assertion keyword that client input can
 * reach belongs to a rule; a rule id shared between catalogues means the same everywhere; every
 * rule the engine or the evaluation order reports exists where it is needed; and every {@code
 * x-resource} names what exists.
 */
public final class CatalogueLint {

  private final SpecDocument spec;
  private final SchemaWalker walker;
  private final List<String> problems = new ArrayList<>();

  private CatalogueLint(SpecDocument spec, SchemaWalker walker) {
    this.spec = spec;
    this.walker = walker;
  }

  public static void verify(
      SpecDocument spec,
      SchemaWalker walker,
      List<Operation> operations,
      RuleCatalogue global,
      EngineRules engine,
      EvaluationOrder order,
      boolean strict) {
    CatalogueLint lint = new CatalogueLint(spec, walker);
    lint.locations("the global catalogue", global);
    Map<String, Rule> seen = new HashMap<>();
    global.all().forEach(r -> seen.put(r.id(), r));
    for (Operation op : operations) {
      lint.locations(op.id(), op.rules());
      lint.shared(op, seen);
      if (strict) {
        lint.keywords(op, global, operations);
      }
      lint.engineRules(op, engine);
      lint.resource(op);
    }
    for (String id : order.rules().values()) {
      if (!global.contains(id) && operations.stream().noneMatch(o -> o.rules().contains(id))) {
        lint.problems.add("x-evaluation-order names the rule " + id + ", which no catalogue has");
      }
    }
    if (!lint.problems.isEmpty()) {
      throw new IllegalStateException(
          "the spec is inconsistent:\n  " + String.join("\n  ", lint.problems));
    }
  }

  private void locations(String where, RuleCatalogue rules) {
    for (Rule r : rules.all()) {
      if (r.enforcedBy().isEmpty()) {
        problems.add(where + ": " + r.id() + " names no enforcing location");
      }
      for (Rule.Location l : r.enforcedBy()) {
        if (spec.expand(l.pattern()).isEmpty()) {
          problems.add(
              where + ": " + r.id() + " names " + l.pattern() + ", which is not in the spec");
        }
      }
      // a success among the statuses the page allows only where the rule's own status is one: a
      // rejection the page requires is never answered by accepting
      if (!r.pageAllows().isEmpty()
          && (!r.pageAllows().contains(r.status())
              || (r.status() / 100 != 2
                  && r.pageAllows().stream().anyMatch(st -> st / 100 == 2)))) {
        problems.add(
            where
                + ": "
                + r.id()
                + " page-allows "
                + r.pageAllows()
                + ": the statuses the page allows, its own status among them (no 2xx for a"
                + " rejection)");
      }
      r.openContents().ifPresent(o -> openContents(where, r, o));
      if (r.kind() == RuleKind.RESPONSE && r.appliesTo().isEmpty()) {
        problems.add(where + ": the response rule " + r.id() + " says no applies-to");
      }
    }
  }

  /**
   * A rule whose value's contents are open: this project's status is a success, the page allows a
   * rejection too, its value is a JSON Pointer, and the examples that show the value exist.
   */
  private void openContents(String where, Rule r, Rule.OpenContents o) {
    if (r.status() / 100 != 2 || r.pageAllows().stream().allMatch(st -> st / 100 == 2)) {
      problems.add(
          where
              + ": "
              + r.id()
              + " names open-contents: its status is the success this project chose, and its"
              + " page-allows the rejection a server following the page may answer instead");
    }
    if (!o.value().startsWith("/")) {
      problems.add(
          where + ": " + r.id() + " open-contents names " + o.value() + ", not a JSON Pointer");
    }
    if (o.shownIn().isEmpty()) {
      problems.add(where + ": " + r.id() + " open-contents names no example in shown-in");
    }
    for (String e : o.shownIn()) {
      if (!e.startsWith("#/") || spec.node(e).isEmpty()) {
        problems.add(
            where + ": " + r.id() + " open-contents shows " + e + ", which is not in the spec");
      }
    }
  }

  private void shared(Operation op, Map<String, Rule> seen) {
    for (Rule r : op.rules().all()) {
      Rule other = seen.putIfAbsent(r.id(), r);
      if (other != null
          && (other.origin() != r.origin()
              || other.status() != r.status()
              || other.kind() != r.kind())) {
        problems.add(
            op.id()
                + ": "
                + r.id()
                + " differs in origin, status or kind from its other definition");
      }
    }
  }

  /** Every assertion keyword a request to the operation can reach belongs to a keyword rule. */
  private void keywords(Operation op, RuleCatalogue global, List<Operation> operations) {
    Set<String> locations = new TreeSet<>();
    op.bodySchemaLocation().ifPresent(b -> locations.addAll(walker.assertionLocations(b)));
    for (Parameter p : op.parameters()) {
      p.schemaLocation().ifPresent(s -> locations.addAll(walker.assertionLocations(s)));
    }
    op.resource()
        .filter(a -> a.action() == Operation.Action.UPDATE)
        .flatMap(a -> a.resource().context())
        .ifPresent(
            c -> {
              locations.addAll(walker.assertionLocations(c.schemaLocation() + "/allOf/*/then"));
              locations.addAll(walker.assertionLocations(c.schemaLocation() + "/allOf/*/else"));
            });
    for (String at : locations) {
      // the operation's own rules first; a rule id means the same in every catalogue
      boolean owned =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of(op.rules(), global),
                  operations.stream().map(Operation::rules))
              .flatMap(c -> c.all().stream())
              .anyMatch(r -> r.kind().isKeyword() && r.originAt(at).isPresent());
      if (!owned) {
        problems.add(op.id() + ": the keyword at " + at + " belongs to no rule");
      }
    }
  }

  private void engineRules(Operation op, EngineRules engine) {
    java.util.Set<EngineRules.Check> needed = EngineRules.needed(op);
    for (EngineRules.Check c : needed) {
      if (engine.find(c, op).isEmpty()) {
        problems.add(
            op.id()
                + ": x-engine-rules names no rule for "
                + c.key
                + (engine
                    .id(c)
                    .map(id -> " (" + id + " is in no catalogue it can use)")
                    .orElse("")));
      }
    }
  }

  private void resource(Operation op) {
    if (op.resource().isEmpty()) {
      return;
    }
    Operation.ResourceAction a = op.resource().get();
    boolean hasParam = op.pathParameters().stream().anyMatch(p -> p.name().equals(a.idParameter()));
    // an inferred action on a collection's own path names its resource by the body's id
    boolean byBody = a.resource().inferred() && a.idParameter().isEmpty();
    if (!hasParam && !byBody && a.action().itemScoped()) {
      problems.add(
          op.id()
              + ": x-resource names the path parameter "
              + a.idParameter()
              + ", which the operation does not have");
    }
    for (Map.Entry<String, String> f : a.fill().entrySet()) {
      String source = f.getValue();
      boolean ok =
          source.equals("resource")
              || (source.equals("resources") && a.action() == Operation.Action.LIST)
              || (source.startsWith("path.")
                  && op.pathParameters().stream()
                      .anyMatch(p -> p.name().equals(source.substring(5))));
      if (!ok) {
        problems.add(
            op.id()
                + ": x-resource fills "
                + f.getKey()
                + " from "
                + source
                + ", which is neither resource nor path.<parameter>");
      }
    }
    Set<String> stateProps = new TreeSet<>();
    walker
        .properties(a.resource().schemaLocation(), 1)
        .forEach(p -> stateProps.add(p.path().get(0)));
    for (Rule r : op.rules().all()) {
      for (RuleCase c : r.cases()) {
        for (String k : (Iterable<String>) c.given().propertyNames()::iterator) {
          if (!stateProps.contains(k)) {
            problems.add(
                op.id()
                    + ": the case "
                    + c.id()
                    + " is given "
                    + k
                    + ", which is not a property of the resource's state");
          }
        }
      }
    }
  }
}
