package dev.assistantkit.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A spec, loaded once: its operations, rules and validators, and the one engine that decides.
 * {@link #evaluate} (the mock) and {@link #predict} with {@link #judge} (the suite, the traffic
 * judge) are the only places a request or an answer is judged. Immutable and safe to share between
 * threads.
 */
public final class Contract {

  private static final JsonMapper JSON = JsonMappers.plain();

  private final SpecDocument spec;
  private final SchemaWalker walker;
  private final Map<String, ResourceModel> resources;
  private final List<Operation> operations;
  private final RuleCatalogue global;
  private final EngineRules engine;
  private final EvaluationOrder order;
  private final SecretNames secrets;
  private final SecretMasker masker;
  private final ResourceViews views;
  private final Answers answers;
  private final Evaluator evaluator;
  private final Judge judge;
  private final ResponseChecks responseChecks;

  private Contract(SpecDocument spec) {
    this.spec = spec;
    this.walker = new SchemaWalker(spec);
    SchemaSet schemas = new SchemaSet(spec);
    this.resources = ResourceModel.parse(spec, walker);
    this.operations = new OperationParser(spec, schemas, resources).parse();
    this.global =
        new RuleCatalogue(
            spec.node("#/x-rule-catalogue")
                .map(n -> new CatalogueParser(spec).parse(n, "#/x-rule-catalogue"))
                .orElse(List.of()));
    this.engine = EngineRules.parse(spec, global);
    this.order = EvaluationOrder.parse(spec);
    CatalogueLint.verify(spec, walker, operations, global, engine, order);
    this.secrets = SecretNames.parse(spec);
    this.masker = new SecretMasker(secrets.writeOnly());
    this.views = new ResourceViews(secrets);
    this.answers = new Answers(spec, views);
    this.evaluator = new Evaluator(this, engine, schemas, spec);
    this.responseChecks = new ResponseChecks(engine, schemas);
    this.judge = new Judge(this, engine, responseChecks);
  }

  /**
   * Loads the spec that ships in contract-core's jar.
   *
   * @throws IllegalStateException when the spec and its catalogues disagree
   */
  public static Contract load() {
    return new Contract(SpecDocument.fromClasspath(SpecDocument.RESOURCE));
  }

  /** Loads a spec from YAML text (tests, other specs). */
  public static Contract fromYaml(String yaml) {
    return new Contract(SpecDocument.fromYaml(yaml));
  }

  /** Loads a spec from a file. */
  public static Contract fromFile(Path file) {
    try {
      return fromYaml(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spec " + file, e);
    }
  }

  // ------------------------------------------------------------------ what the spec holds

  public SpecDocument spec() {
    return spec;
  }

  public SchemaWalker walker() {
    return walker;
  }

  public List<Operation> operations() {
    return operations;
  }

  public Optional<Operation> operation(String operationId) {
    return operations.stream().filter(o -> o.id().equals(operationId)).findFirst();
  }

  public Collection<ResourceModel> resources() {
    return resources.values();
  }

  public Optional<ResourceModel> resource(String name) {
    return Optional.ofNullable(resources.get(name));
  }

  /** The spec's global catalogue: rules of no one operation (routes, the HTTP edge, the mock). */
  public RuleCatalogue globalRules() {
    return global;
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
  public List<Rule> allRules() {
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

  public SecretNames secrets() {
    return secrets;
  }

  /** Masks secrets in text bound for a log, a report or a response. */
  public SecretMasker masker() {
    return masker;
  }

  public ResourceViews views() {
    return views;
  }

  public Answers answers() {
    return answers;
  }

  EvaluationOrder order() {
    return order;
  }

  // ------------------------------------------------------------------ the one decision path

  /**
   * The route of the request last routed on each thread: a request is routed by whoever handles it
   * (the mock's fast path, its lock, {@link #evaluate}), with the same strings each time.
   */
  private final ThreadLocal<Object[]> lastRoute = ThreadLocal.withInitial(() -> new Object[3]);

  /** Which operation a method and raw path (query allowed) name. Methods are case-sensitive. */
  public Route route(String method, String target) {
    Object[] last = lastRoute.get();
    if (last[0] == method && last[1] == target && method != null && target != null) {
      return (Route) last[2]; // a route depends on nothing but these two strings
    }
    Route route = routeOf(method, target);
    last[0] = method;
    last[1] = target;
    last[2] = route;
    return route;
  }

  private Route routeOf(String method, String target) {
    String path = target;
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    Route.Matched best = null;
    int bestLiterals = -1;
    Set<String> allowed = new LinkedHashSet<>();
    for (Operation op : operations) {
      Optional<Map<String, String>> params = op.path().match(path);
      if (params.isEmpty()) {
        continue;
      }
      allowed.add(op.method());
      int literals = op.path().literals();
      if (op.method().equals(method) && literals > bestLiterals) {
        best = new Route.Matched(op, params.get());
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

  /**
   * The mock's decision: what the contract answers to a request, with everything known (the keys it
   * accepts, the resources it holds). Honours the mock control {@code Prefer: code=NNN}.
   *
   * @throws IllegalStateException when the knowledge leaves something unknown (use {@link
   *     #predict})
   */
  public Decision evaluate(ApiRequest request, Knowledge knowledge) {
    Route route = route(request.method(), request.target());
    if (route instanceof Route.Matched m) {
      Optional<Decision> forced = evaluator.forced(request, m, knowledge);
      if (forced.isPresent()) {
        return forced.get();
      }
    }
    return predict(request, knowledge, route).single();
  }

  /**
   * What a conformant server answers, for every possibility the knowledge leaves open (a key of
   * unknown standing, a resource of unknown existence or state). Mock controls are not honoured: a
   * real server ignores them.
   */
  public Prediction predict(ApiRequest request, Knowledge knowledge) {
    return predict(request, knowledge, route(request.method(), request.target()));
  }

  private Prediction predict(ApiRequest request, Knowledge knowledge, Route route) {
    if (!(route instanceof Route.Matched m)) {
      return new Prediction(List.of(evaluator.routeFailure(request, route)));
    }
    Operation op = m.operation();
    List<Knowledge.KeyVerdict> keys = new ArrayList<>();
    Optional<String> token = op.bearer() ? Evaluator.bearerToken(request) : Optional.empty();
    if (token.isEmpty()) {
      keys.add(op.bearer() ? Knowledge.KeyVerdict.REJECTED : null);
    } else {
      Knowledge.KeyVerdict v = knowledge.key(token.get());
      if (v == Knowledge.KeyVerdict.UNKNOWN) {
        keys.add(Knowledge.KeyVerdict.ACCEPTED);
        keys.add(Knowledge.KeyVerdict.REJECTED);
      } else {
        keys.add(v);
      }
    }
    List<Knowledge.ResourceView> views = new ArrayList<>();
    if (op.resource().isEmpty()) {
      views.add(null);
    } else {
      Operation.ResourceAction a = op.resource().get();
      String id = m.parameters().getOrDefault(a.idParameter(), "");
      Knowledge.ResourceView v = knowledge.resource(a.resource().name(), id);
      if (v instanceof Knowledge.Unknown) {
        views.addAll(states(a.resource(), ResourceState.partial(id)));
        views.add(new Knowledge.Absent());
      } else if (v instanceof Knowledge.Present p) {
        views.addAll(states(a.resource(), p.state()));
      } else {
        views.add(v);
      }
    }
    List<Decision> branches = new ArrayList<>();
    for (Knowledge.KeyVerdict k : keys) {
      for (Knowledge.ResourceView v : views) {
        Decision.Assumption a = new Decision.Assumption(k, v);
        branches.add(
            new Decision(
                this,
                request,
                m,
                a,
                Optional.empty(),
                ValidationReport.empty(),
                () -> evaluator.stages(request, m, a, Profile.STRICT),
                () -> evaluator.stages(request, m, a, Profile.DOCUMENTED)));
      }
    }
    return new Prediction(branches);
  }

  /**
   * A state known in part, expanded into the states the state rules tell apart: one per value of
   * each state property they read that is not known (its schema's enum).
   */
  private List<Knowledge.ResourceView> states(ResourceModel model, ResourceState state) {
    if (state.complete()) {
      return List.of(new Knowledge.Present(state)); // the very state: a store compares by identity
    }
    List<ObjectNode> fields = new ArrayList<>(List.of(state.fields()));
    if (!state.complete()) {
      for (String property : model.contextStateProperties()) {
        if (state.fields().has(property)) {
          continue;
        }
        JsonNode schema =
            walker.effectiveAt(
                model.schemaLocation() + "/properties/" + SpecPointer.escape(property));
        JsonNode values = schema == null ? null : schema.get("enum");
        if (values == null || !values.isArray() || values.isEmpty()) {
          continue;
        }
        List<ObjectNode> next = new ArrayList<>();
        for (ObjectNode f : fields) {
          for (JsonNode value : values) {
            ObjectNode copy = f.deepCopy();
            copy.set(property, value);
            next.add(copy);
          }
        }
        fields = next;
      }
    }
    List<Knowledge.ResourceView> out = new ArrayList<>();
    for (ObjectNode f : fields) {
      out.add(
          new Knowledge.Present(
              new ResourceState(state.id(), f, state.version(), state.complete())));
    }
    return out;
  }

  /**
   * Judges an answer to a predicted request.
   *
   * @param subjects the rules the request is about (a catalogue case's rule), for naming a break
   *     when the request itself breaks none
   * @param skipGroups groups of checks to leave out (e.g. {@code error-shape})
   */
  public Judgement judge(
      Prediction prediction, Observed answer, Set<String> subjects, Set<String> skipGroups) {
    return judge.judge(prediction, answer, subjects, skipGroups);
  }

  /**
   * The response checks alone (declared status, body schema, JSON, echoes) for an answer to a
   * request: no expectation of the status. Empty for a request that names no operation.
   */
  public List<Finding> checkResponse(ApiRequest request, Observed answer, Set<String> skipGroups) {
    Route route = route(request.method(), request.target());
    if (!(route instanceof Route.Matched m)) {
      return List.of();
    }
    return responseChecks.check(m.operation(), m.parameters(), answer, skipGroups);
  }

  // ------------------------------------------------------------------ resources

  /**
   * Creates a resource from fields (the seed, the mock's admin endpoint): an update of a new
   * resource (in its schema's default state) by the first operation that updates it, judged like
   * any request under the profile. The new resource's version is 0.
   *
   * @param fields the fields, with or without the id property (a random UUID when absent)
   * @return the state, or the decision that rejected the fields
   */
  public Created create(ResourceModel model, ObjectNode fields, Profile profile) {
    ObjectNode rest = fields.deepCopy();
    JsonNode rawId = rest.remove(model.idProperty());
    String id =
        rawId == null || !rawId.isString()
            ? java.util.UUID.randomUUID().toString()
            : rawId.asString().toLowerCase(java.util.Locale.ROOT);
    ResourceState fresh = ResourceState.of(id, model.defaults(), 0);
    Operation update =
        operations.stream()
            .filter(
                o ->
                    o.resource().isPresent()
                        && o.resource().get().resource() == model
                        && o.resource().get().action() == Operation.Action.UPDATE)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException("no operation updates the resource " + model.name()));
    String target = update.path().fill(Map.of(update.resource().get().idParameter(), id));
    ApiRequest request =
        new ApiRequest(
            update.method(),
            target,
            Headers.of(
                Map.of("Content-Type", "application/json", "Authorization", "Bearer trusted")),
            rest.isEmpty() ? new byte[0] : JSON.writeValueAsBytes(rest));
    Knowledge trusted =
        new Knowledge() {
          @Override
          public KeyVerdict key(String token) {
            return KeyVerdict.ACCEPTED;
          }

          @Override
          public ResourceView resource(String resource, String rid) {
            return new Present(fresh);
          }
        };
    Decision d = predict(request, trusted).single();
    if (rest.isEmpty()) {
      // nothing to apply: a new resource in its default state (an empty update would be refused),
      // as long as the id itself keeps the contract
      ValidationReport idProblems = d.stage(profile, Stage.REQUEST).where(v -> v.in() == Part.PATH);
      return new Created(
          idProblems.isEmpty() ? Optional.of(fresh) : Optional.empty(), d, idProblems);
    }
    if (!d.accepted(profile)) {
      return new Created(Optional.empty(), d, d.report(profile));
    }
    ResourceState applied = d.applied(profile).orElseThrow();
    return new Created(
        Optional.of(ResourceState.of(id, applied.fields(), 0)), d, ValidationReport.empty());
  }

  /**
   * The outcome of {@link #create}.
   *
   * @param state the new resource, when the fields keep the contract
   * @param decision the decision on the fields
   * @param report why not, when they do not
   */
  public record Created(
      Optional<ResourceState> state, Decision decision, ValidationReport report) {}

  /** The resources present after a mock starts: each seed of each resource, created. */
  public List<ResourceState> seed(ResourceModel model, Profile profile) {
    List<ResourceState> out = new ArrayList<>();
    for (String pointer : model.seeds()) {
      JsonNode value = spec.exampleValue(pointer);
      if (!value.isObject()) {
        throw new IllegalStateException("the seed " + pointer + " is not an object");
      }
      Created c = create(model, (ObjectNode) value, profile);
      out.add(
          c.state()
              .orElseThrow(
                  () ->
                      new IllegalStateException("the seed " + pointer + " breaks " + c.report())));
    }
    return out;
  }

  /**
   * An update pruned to what the request schema declares, where the schema closes its objects (the
   * documented reading ignores unknown fields rather than storing them).
   */
  ObjectNode prune(Operation op, ObjectNode update) {
    Optional<String> schema = op.bodySchemaLocation();
    if (schema.isEmpty()) {
      return update;
    }
    return (ObjectNode) prune(walker.effectiveAt(schema.get()), update);
  }

  private JsonNode prune(JsonNode schema, JsonNode value) {
    if (schema == null || !value.isObject()) {
      return value;
    }
    JsonNode props = schema.path("properties");
    boolean closed = walker.closed(schema);
    ObjectNode out = JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      JsonNode child = props.get(e.getKey());
      if (child == null && closed) {
        continue;
      }
      out.set(
          e.getKey(), child == null ? e.getValue() : prune(walker.effective(child), e.getValue()));
    }
    return out;
  }
}
