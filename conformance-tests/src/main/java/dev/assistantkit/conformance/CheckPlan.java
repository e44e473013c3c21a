package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.CaseRequests;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Route;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.contract.rules.RuleCase;
import dev.assistantkit.contract.spec.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every check of a run, decided when it starts, for every operation of the spec: the catalogue's
 * cases, the bodies derived from each request schema, a seeded fuzz; or, for recorded traffic, one
 * check per exchange of this API (exchanges outside the contract are listed, not judged).
 *
 * @param checks the checks, in the order they run
 * @param undocumented recorded exchanges on paths or methods outside the contract
 */
record CheckPlan(List<PlannedCheck> checks, List<HarReader.Recorded> undocumented) {

  CheckPlan {
    checks = List.copyOf(checks);
    undocumented = List.copyOf(undocumented);
  }

  /** The checks of one kind, in order. */
  List<PlannedCheck> of(CheckKind kind) {
    return checks.stream().filter(c -> c.kind() == kind).toList();
  }

  /** {@code METHOD /path/{param}}. */
  static String label(Operation op) {
    return op.method() + " " + op.pathTemplate();
  }

  /** The checks against a live server. */
  static CheckPlan live(Contract contract, ConformanceSettings settings, String key, String id) {
    List<PlannedCheck> out = new ArrayList<>();
    boolean several = contract.operations().size() > 1;
    int index = 0;
    for (Operation op : contract.operations()) {
      String prefix = several ? op.id() + ": " : "";
      if (DocumentPlan.plain(op)) {
        out.addAll(DocumentPlan.checks(contract, op, settings, key, prefix));
        index++;
        continue;
      }
      SpecBodies bodies = SpecBodies.of(contract, op);
      for (Rule rule : op.rules().all()) {
        for (RuleCase c : rule.cases()) {
          Optional<ApiRequest> request = CaseRequests.request(op, c, key, id);
          out.add(
              new PlannedCheck(
                  prefix + c.id(),
                  CheckKind.CATALOGUE,
                  List.of(label(op), rule.id() + " (" + rule.origin().wireName() + ")"),
                  c.name(),
                  Optional.of(op),
                  request,
                  "not sent: this case cannot be made from the key given (credentials "
                      + c.auth().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                      + ")",
                  c.given(),
                  Set.of(rule.id()),
                  Optional.empty()));
        }
      }
      out.addAll(credentials(prefix, op, bodies, key, id));
      for (DerivedBodies.Derived d : DerivedBodies.derive(contract, op, bodies)) {
        out.add(
            body(
                prefix + "derived/" + d.group() + "/" + d.name(),
                CheckKind.DERIVED,
                List.of(label(op), d.group()),
                d.name(),
                op,
                CaseRequests.json(op, id, SpecBodies.bytes(d.body()), key),
                d.given(),
                d.subjects()));
      }
      for (FuzzBodies.Fuzzed f :
          FuzzBodies.generate(contract, op, bodies, settings.seed() + index, settings.fuzz())) {
        out.add(
            body(
                prefix + "fuzz/" + f.name(),
                CheckKind.FUZZ,
                List.of(label(op)),
                f.name(),
                op,
                CaseRequests.json(op, id, f.body(), key),
                f.given(),
                Set.of()));
      }
      index++;
    }
    return new CheckPlan(out, List.of());
  }

  /**
   * Credentials derived from an operation's bearer security scheme, beside the catalogue's own near
   * misses: the key without the scheme, two tokens, and a second Authorization header.
   */
  private static List<PlannedCheck> credentials(
      String prefix, Operation op, SpecBodies bodies, String key, String id) {
    if (!op.bearer()) {
      return List.of();
    }
    byte[] body =
        op.bodySchemaLocation().isPresent() && !bodies.isEmpty()
            ? SpecBodies.bytes(bodies.all().get(0).body())
            : new byte[0];
    ApiRequest valid = CaseRequests.json(op, id, body, key);
    List<java.util.Map.Entry<String, String>> twice = new ArrayList<>();
    valid.headers().without("Authorization").entries().forEach(twice::add);
    twice.add(java.util.Map.entry("Authorization", "Bearer " + CaseRequests.UNKNOWN_KEY));
    twice.add(java.util.Map.entry("Authorization", "Bearer " + key));
    List<PlannedCheck> out = new ArrayList<>();
    java.util.Map<String, ApiRequest> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "the key without the Bearer scheme",
        valid.withHeaders(valid.headers().with("Authorization", key)));
    cases.put(
        "the key twice in one header",
        valid.withHeaders(valid.headers().with("Authorization", "Bearer " + key + " " + key)));
    cases.put(
        "a second Authorization header with the key",
        valid.withHeaders(dev.assistantkit.contract.spec.Headers.of(twice)));
    cases.forEach(
        (name, request) ->
            out.add(
                body(
                    prefix + "derived/credentials/" + name,
                    CheckKind.DERIVED,
                    List.of(label(op), "credentials"),
                    name,
                    op,
                    request,
                    JsonNodeFactory.instance.objectNode(),
                    Set.of())));
    return out;
  }

  private static PlannedCheck body(
      String id,
      CheckKind kind,
      List<String> containers,
      String name,
      Operation op,
      ApiRequest request,
      ObjectNode given,
      Set<String> subjects) {
    return new PlannedCheck(
        id,
        kind,
        containers,
        name,
        Optional.of(op),
        Optional.of(request),
        "",
        given,
        subjects,
        Optional.empty());
  }

  /** One check per recorded exchange of this API, in the order of the files and their entries. */
  static CheckPlan recorded(Contract contract, List<HarReader.Recorded> exchanges) {
    List<PlannedCheck> out = new ArrayList<>();
    List<HarReader.Recorded> undocumented = new ArrayList<>();
    for (HarReader.Recorded r : exchanges) {
      Route route = contract.route(r.request().method(), r.request().target());
      if (!(route instanceof Route.Matched m)) {
        undocumented.add(r);
        continue;
      }
      String name =
          "#"
              + r.index()
              + " "
              + r.request().method()
              + " "
              + r.request().path()
              + r.answer().map(a -> " -> " + a.status()).orElse(" -> no answer");
      out.add(
          new PlannedCheck(
              r.file() + " " + name,
              CheckKind.RECORDED,
              List.of(r.file()),
              name,
              Optional.of(m.operation()),
              Optional.of(r.request()),
              "",
              JsonNodeFactory.instance.objectNode(),
              Set.of(),
              Optional.of(r)));
    }
    return new CheckPlan(out, undocumented);
  }
}
