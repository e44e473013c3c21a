package dev.assistantkit.contract.rules;

import dev.assistantkit.contract.spec.PathTemplate;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SchemaWalker;
import dev.assistantkit.contract.spec.SpecDocument;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every rule of a spec, read once: its operations with their catalogues, the global catalogue, the
 * rules the engine's built-in checks report, and the order of the stages. Also which operation a
 * request names. Immutable.
 */
public final class RuleBook {

  private final List<Operation> operations;
  private final RuleCatalogue global;
  private final EngineRules engine;
  private final EvaluationOrder order;
  private final Map<String, ResourceModel> inferred;

  private RuleBook(
      List<Operation> operations,
      RuleCatalogue global,
      EngineRules engine,
      EvaluationOrder order,
      Map<String, ResourceModel> inferred) {
    this.operations = List.copyOf(operations);
    this.inferred = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inferred));
    this.global = global;
    this.engine = engine;
    this.order = order;
  }

  /**
   * Reads the rules of a spec and checks that its catalogues and schemas agree.
   *
   * @throws IllegalStateException when they do not
   */
  public static RuleBook read(
      SpecDocument spec,
      SchemaWalker walker,
      SchemaSet schemas,
      Map<String, ResourceModel> resources) {
    return read(spec, walker, schemas, resources, Optional.empty());
  }

  /**
   * Reads the rules of a spec, with resources inferred from its collection/item paths when it
   * declares none and {@code inference} is given ({@code --stateful}, {@link InferredResources}).
   *
   * @param inference a value valid against the schema at a location (a new resource's defaults)
   * @throws IllegalStateException when the catalogues and schemas disagree
   */
  public static RuleBook read(
      SpecDocument spec,
      SchemaWalker walker,
      SchemaSet schemas,
      Map<String, ResourceModel> resources,
      Optional<java.util.function.Function<String, Optional<tools.jackson.databind.JsonNode>>>
          inference) {
    List<Operation> parsed = new OperationParser(spec, schemas, resources).parse();
    Map<String, ResourceModel> inferred = Map.of();
    if (inference.isPresent() && resources.isEmpty()) {
      InferredResources.Inferred r = InferredResources.infer(parsed, walker, inference.get());
      parsed = r.operations();
      inferred = r.resources();
    }
    List<Rule> own =
        spec.node("#/x-rule-catalogue")
            .map(n -> new CatalogueParser(spec).parse(n, "#/x-rule-catalogue"))
            .orElse(List.of());
    // the kit's rules fill in what the document's catalogues (global or an operation's) leave out
    Map<String, Rule> byId = new LinkedHashMap<>();
    own.forEach(r -> byId.put(r.id(), r));
    parsed.forEach(o -> o.rules().all().forEach(r -> byId.putIfAbsent(r.id(), r)));
    List<Rule> all = new java.util.ArrayList<>(own);
    // of the kit's rules for the engine's checks, only those of checks the document needs
    Set<String> used = new LinkedHashSet<>();
    EngineRules ids = EngineRules.parse(spec, new RuleCatalogue(List.of()));
    EngineRules.ALWAYS.forEach(c -> ids.id(c).ifPresent(used::add));
    for (Operation o : parsed) {
      EngineRules.needed(o).forEach(c -> ids.id(c).ifPresent(used::add));
    }
    Set<String> engineDefaults = KitRules.get().engineRuleIds();
    for (Rule r : KitRules.get().missingFrom(byId)) {
      if (!engineDefaults.contains(r.id()) || used.contains(r.id())) {
        all.add(r);
      }
    }
    RuleCatalogue global = new RuleCatalogue(all);
    EngineRules engine = EngineRules.parse(spec, global);
    EvaluationOrder order = EvaluationOrder.parse(spec);
    boolean strictLint =
        spec.node("#/x-kit-lint").map(n -> n.asString("")).orElse("").equals("strict");
    List<Operation> operations = strictLint ? parsed : derive(spec, walker, parsed, global);
    CatalogueLint.verify(spec, walker, operations, global, engine, order, strictLint);
    return new RuleBook(operations, global, engine, order, inferred);
  }

  /**
   * The resources inferred from the document's paths (empty unless asked for and none declared).
   */
  public Map<String, ResourceModel> inferred() {
    return inferred;
  }

  /**
   * Each operation with the rules its document states and no catalogue names ({@link
   * DerivedRules}).
   */
  private static List<Operation> derive(
      SpecDocument spec, SchemaWalker walker, List<Operation> parsed, RuleCatalogue global) {
    List<RuleCatalogue> named = new java.util.ArrayList<>();
    named.add(global);
    parsed.forEach(o -> named.add(o.rules()));
    DerivedRules derived = new DerivedRules(spec, walker, named);
    return parsed.stream().map(o -> o.withRules(derived.catalogue(o))).toList();
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The global catalogue: rules of no one operation (routes, the HTTP edge, the mock). */
  public RuleCatalogue global() {
    return global;
  }

  public EngineRules engine() {
    return engine;
  }

  public EvaluationOrder order() {
    return order;
  }

  /** A rule by id, from any catalogue (operations first). */
  public Optional<Rule> rule(String id) {
    for (Operation op : operations) {
      if (op.rules().contains(id)) {
        return Optional.of(op.rules().get(id));
      }
    }
    return global.find(id);
  }

  /** Every rule once, by id: the operations' catalogues in order, then the global one. */
  public List<Rule> all() {
    Map<String, Rule> out = new LinkedHashMap<>();
    for (Operation op : operations) {
      op.rules().all().forEach(r -> out.putIfAbsent(r.id(), r));
    }
    global.all().forEach(r -> out.putIfAbsent(r.id(), r));
    return List.copyOf(out.values());
  }

  /** The response rules that judge an operation's answers. */
  public List<Rule> responseRules(Operation op) {
    Map<String, Rule> out = new LinkedHashMap<>();
    op.rules().all().stream()
        .filter(r -> r.kind() == RuleKind.RESPONSE)
        .forEach(r -> out.putIfAbsent(r.id(), r));
    global.all().stream()
        .filter(r -> r.kind() == RuleKind.RESPONSE)
        .forEach(r -> out.putIfAbsent(r.id(), r));
    return List.copyOf(out.values());
  }

  /** The rule a built-in check of the engine reports, by its {@code x-engine-rules} key. */
  public Optional<Rule> engineRule(String check, Operation op) {
    for (EngineRules.Check c : EngineRules.Check.values()) {
      if (c.key.equals(check)) {
        return engine.find(c, op);
      }
    }
    return Optional.empty();
  }

  /** Which operation a method and raw path (query allowed) name. Methods are case-sensitive. */
  public Route route(String method, String target) {
    String path = target;
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    Route.Matched best = null;
    int bestLiterals = -1;
    Set<String> allowed = new LinkedHashSet<>();
    List<String> segments = PathTemplate.segments(path); // once, not once per operation
    for (Operation op : operations) {
      Optional<Map<String, String>> raw = op.path().matchSegments(segments);
      if (raw.isEmpty()) {
        continue;
      }
      allowed.add(op.method());
      int literals = op.path().literals();
      if (op.method().equals(method) && literals > bestLiterals) {
        best = new Route.Matched(op, PathTemplate.decoded(raw.get()), raw.get());
        bestLiterals = literals;
      }
    }
    if (best != null) {
      return best;
    }
    if (!allowed.isEmpty()) {
      return new Route.MethodNotAllowed(method, allowed);
    }
    return new Route.NoOperation(path);
  }
}
